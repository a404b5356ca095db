import { negotiation as neg, RELIEF_LAB_VERSION, type Scenario } from '../../../src/index.ts';
import { h } from '../dom.ts';
import { showNotice } from '../notice.ts';
import type { PanelDef } from '../panels.ts';
import { chartCard, type Provenance } from '../results/chart-card.ts';
import type { DocumentStore } from '../store/document.ts';

/**
 * The negotiation panel: pick a family of designs over the current scenario, see who
 * signs which design (a table and a chart), the zone of agreement per target type, run
 * agents bargaining over one parameter and replay a session offer by offer, or play one
 * side yourself against an agent (the match API the classroom uses). Runs go through
 * the experiments layer in the page's thread (its in-thread pool cuts small chunks and
 * yields between them, so the page stays responsive and Cancel works); designs already
 * valued stay cached while the panel is open, so a wider family runs only its new designs.
 */

/** Parameters offered in the family picker: the schedule parameters and a few levers designers vary most. */
const PARAMETERS: { name: string; label: string; low: number; high: number; steps: number }[] = [
  { name: 'frontLoadedShare', label: 'Front-loaded share (rebuilds the tranches)', low: 0, high: 1, steps: 5 },
  { name: 'trancheCount', label: 'Number of tranches (rebuilds the tranches)', low: 1, high: 5, steps: 5 },
  { name: 'design.verification.detectionProbability', label: 'Detection probability', low: 0.3, high: 0.9, steps: 4 },
  { name: 'design.verification.access', label: 'Inspector access', low: 0.5, high: 1, steps: 3 },
  { name: 'design.verification.falseAlarmProbability', label: 'False-alarm probability', low: 0, high: 0.1, steps: 3 },
  { name: 'design.incentives.technicalAssistancePerPeriod', label: 'Technical assistance per period', low: 0, high: 4, steps: 3 },
];
const NONE = '(none)';

function numberInput(testid: string, value: number, attrs: Record<string, number> = {}): HTMLInputElement {
  return h('input', { type: 'number', value, step: 'any', 'data-testid': testid, ...attrs });
}
// label.check: the app's inline label (a control after its text), so a row of settings reads as one line.
const labelled = (text: string, input: HTMLElement) => h('label', { class: 'check' }, `${text} `, input);
const pct = (x: number) => `${Math.round(100 * x)}%`;
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '-');

function mount(root: HTMLElement, store: DocumentStore, beforeRun: () => void): { cancel(): void } {
  const cache: neg.MomentsCache = new Map();
  let abort: AbortController | undefined;
  let report: neg.NegotiationReport | undefined;
  let sim: neg.SimulatedFamily | undefined;
  let scenario: Scenario | undefined;
  /** Matches started in this panel: each draws its own type and breakdowns, reproducibly from the seed. */
  let matches = 0;

  // ---- the family ----
  const rows = [0, 1].map((i) => {
    const select = h('select', { 'data-testid': `family-parameter-${i}` }, ...(i === 0 ? [] : [h('option', { value: NONE }, NONE)]), ...PARAMETERS.map((p) => h('option', { value: p.name }, p.label)));
    const low = numberInput(`family-low-${i}`, 0);
    const high = numberInput(`family-high-${i}`, 1);
    const steps = numberInput(`family-steps-${i}`, 5, { min: 1, max: 50 });
    const fill = () => {
      const p = PARAMETERS.find((x) => x.name === select.value);
      if (p) [low.value, high.value, steps.value] = [String(p.low), String(p.high), String(p.steps)];
    };
    select.addEventListener('change', fill);
    if (i === 1) select.value = 'design.verification.detectionProbability';
    fill();
    return { select, low, high, steps, element: h('div', { class: 'family-row' }, labelled(`Parameter ${i + 1}`, select), labelled('from', low), labelled('to', high), labelled('steps', steps)) };
  });
  const runs = numberInput('negotiation-runs', 100, { min: 2, max: 100000 });
  const seed = numberInput('negotiation-seed', 1, { min: 0 });
  const go = h('button', { type: 'button', class: 'primary', 'data-testid': 'negotiation-run' }, 'Value the designs');
  const stop = h('button', { type: 'button', disabled: true, 'data-testid': 'negotiation-cancel' }, 'Cancel');
  const progress = h('progress', { max: 1, value: 0 });
  const status = h('p', { class: 'run-status', role: 'status', 'data-testid': 'negotiation-status' });

  // ---- results ----
  const provenance = (): Provenance | undefined =>
    report && { scenario: report.scenarioName, edited: store.state.edited, masterSeed: report.masterSeed, runs: report.runsPerDesign, runsRequested: report.runsPerDesign, partial: false, version: RELIEF_LAB_VERSION };
  const acceptanceCard = chartCard('negotiation-acceptance', provenance);
  const zoneCard = chartCard('negotiation-zone', provenance);
  const tableHolder = h('div', { class: 'table-holder', 'data-testid': 'acceptance-table' });
  const zoneType = h('select', { 'data-testid': 'zone-type' });
  const zoneText = h('p', { 'data-testid': 'zone-summary' });
  zoneType.addEventListener('change', () => void showZone());

  // ---- bargaining ----
  const agents = neg.NEGOTIATORS.filter((n) => !n.meta.external).map((n) => n.name);
  const pick = (testid: string, value: string) => {
    const s = h('select', { 'data-testid': testid }, ...agents.map((a) => h('option', { value: a }, a)));
    s.value = value;
    return s;
  };
  const bargainParameter = h('select', { 'data-testid': 'bargain-parameter' });
  const coalitionAgent = pick('bargain-coalition', 'bayesian');
  const targetAgent = pick('bargain-target', 'subgame-perfect');
  const dCoalition = numberInput('bargain-discount-coalition', 0.95, { min: 0, max: 1 });
  const dTarget = numberInput('bargain-discount-target', 0.9, { min: 0, max: 1 });
  const deadline = numberInput('bargain-deadline', 20, { min: 1, max: 1000 });
  const breakdown = numberInput('bargain-breakdown', 0.05, { min: 0, max: 0.99 });
  const sessions = numberInput('bargain-sessions', 200, { min: 1, max: 100000 });
  const bargainGo = h('button', { type: 'button', 'data-testid': 'bargain-run', disabled: true }, 'Bargain');
  const bargainOut = h('div', { 'data-testid': 'bargain-summary' });
  const replay = h('ol', { class: 'replay', 'data-testid': 'bargain-replay' });
  const replayStep = h('input', { type: 'range', min: 0, max: 0, value: 0, 'data-testid': 'replay-step', 'aria-label': 'Offer shown' });

  // ---- play yourself ----
  const side = h('select', { 'data-testid': 'play-side' }, h('option', { value: 'target' }, 'the target'), h('option', { value: 'coalition' }, 'the coalition'));
  const opponent = pick('play-opponent', 'boulware');
  const playGo = h('button', { type: 'button', 'data-testid': 'play-start', disabled: true }, 'Start a match');
  const playBox = h('div', { class: 'match', 'data-testid': 'match' });

  root.append(
    h('h2', {}, 'Negotiation: who signs which design'),
    h('p', {}, "A design only matters if both sides sign it. Each design of the family below is simulated with the current scenario, as is no deal (sanctions stay, evasion grows); a target type signs when its expected utility beats no deal. Utilities: the coalition weighs final compliance 1, leverage kept 0.5, humanitarian need met 0.5, a collapse -0.5; the target its own discounted payoff."),
    ...rows.map((r) => r.element),
    h('div', { class: 'run-controls' }, labelled('Runs per design', runs), labelled('Master seed', seed), go, stop, progress),
    status,
    tableHolder,
    acceptanceCard.element,
    h('div', {}, labelled('Zone of agreement if the target is', zoneType)),
    zoneText,
    zoneCard.element,
    h('h3', {}, 'Bargaining over one parameter'),
    h('div', { class: 'run-controls' }, labelled('Parameter', bargainParameter), labelled('Coalition', coalitionAgent), labelled('Target', targetAgent)),
    h('div', { class: 'run-controls' }, labelled('Discount coalition', dCoalition), labelled('target', dTarget), labelled('Deadline (rounds)', deadline), labelled('Breakdown per rejection', breakdown), labelled('Sessions', sessions), bargainGo),
    bargainOut,
    labelled('Session 1, offer by offer', replayStep),
    replay,
    h('h3', {}, 'Play one side yourself'),
    h('div', { class: 'run-controls' }, labelled('You play', side), labelled('against', opponent), playGo),
    playBox,
  );

  const familyInput = () => ({
    parameters: rows
      .filter((r) => r.select.value !== NONE)
      .map((r) => ({ name: r.select.value, low: Number(r.low.value), high: Number(r.high.value), steps: Number(r.steps.value), ...(r.select.value === 'trancheCount' ? { integer: true } : {}) })),
  });

  const fail = (e: unknown) => showNotice('error', e instanceof neg.NegotiationInputError ? `Negotiation: ${e.message}` : `Negotiation failed: ${e instanceof Error ? e.message : String(e)}`);

  async function run(): Promise<void> {
    if (!store.state.scenario) return showNotice('error', 'The current design has validation problems; fix them first (Design & run).');
    scenario = store.state.scenario;
    beforeRun();
    abort = new AbortController();
    root.dataset.state = 'running';
    go.disabled = true;
    stop.disabled = false;
    status.textContent = 'Valuing the designs by simulation…';
    try {
      sim = await neg.simulateFamily(
        { base: scenario, family: familyInput(), runsPerDesign: Number(runs.value), masterSeed: Number(seed.value) },
        { signal: abort.signal, cache, onProgress: (p) => (progress.value = p.runsRequested ? p.runsDone / p.runsRequested : 0) },
      );
      report = neg.reportOf('web', scenario, sim);
      status.textContent = `${report.designs.length} designs, no deal and the current design, ${report.runsPerDesign.toLocaleString('en-US')} runs each (master seed ${report.masterSeed}, common random numbers).`;
      renderTable();
      await acceptanceCard.show(neg.acceptanceSpec(report));
      zoneType.replaceChildren(...report.targetTypes.map((t) => h('option', { value: t.name }, `${t.name} (prior ${pct(t.prior)})`)));
      await showZone();
      bargainParameter.replaceChildren(...report.family.map((p) => h('option', { value: p.name }, p.name)));
      bargainGo.disabled = false;
      playGo.disabled = false;
      root.dataset.state = 'done';
    } catch (e) {
      root.dataset.state = 'idle';
      if (e instanceof DOMException && e.name === 'AbortError') status.textContent = 'Cancelled; the designs finished are kept and not run again.';
      else fail(e);
    } finally {
      go.disabled = false;
      stop.disabled = true;
    }
  }

  function renderTable(): void {
    const r = report!;
    const types = r.targetTypes.map((t) => t.name);
    const head = h('tr', {}, h('th', {}, 'design'), ...types.map((t) => h('th', {}, `${t} signs? (utility - no deal)`)), h('th', {}, 'P(signed)'), h('th', {}, `mix among signers (${types.join(' / ')})`), h('th', {}, 'in the zone for'));
    const row = (id: string, acc: neg.Acceptance, zone: string[]) =>
      h(
        'tr',
        { 'data-design': id },
        h('th', {}, id),
        ...acc.byType.map((d) => h('td', { 'data-signs': String(d.signs) }, `${d.signs ? 'yes' : 'no'}${d.clear ? '' : ' (within MC error)'} ${num(d.margin)}`)),
        h('td', {}, pct(acc.signingProbability)),
        h('td', {}, acc.signersMix ? types.map((t) => pct(acc.signersMix![t])).join(' / ') : 'nobody signs'),
        h('td', {}, zone.join(', ') || '-'),
      );
    tableHolder.replaceChildren(h('table', { class: 'comparison' }, h('thead', {}, head), h('tbody', {}, row('current design', r.current.acceptance, []), ...r.designs.map((d) => row(d.id, d.acceptance, d.inZoneFor)))));
  }

  async function showZone(): Promise<void> {
    if (!report) return;
    const b = report.byType.find((x) => x.type === zoneType.value) ?? report.byType[0];
    zoneText.textContent = `${b.zone.length} of ${report.designs.length} designs beat no deal for both sides if the target is ${b.type}. Pareto frontier: ${b.pareto.frontier.length} design${b.pareto.frontier.length === 1 ? '' : 's'}. Nash: ${b.nash?.id ?? 'none'}. Kalai-Smorodinsky: ${b.kalaiSmorodinsky?.id ?? 'none'}.`;
    await zoneCard.show(neg.zoneSpec(report, b.type));
  }

  async function bargain(): Promise<void> {
    if (!sim || !scenario) return;
    bargainGo.disabled = true;
    bargainOut.textContent = 'Bargaining, then simulating the agreed designs…';
    try {
      const g = await neg.bargainOverFamily(
        sim,
        scenario,
        {
          parameter: bargainParameter.value,
          discount: { coalition: Number(dCoalition.value), target: Number(dTarget.value) },
          deadlineRounds: Number(deadline.value),
          breakdownProbability: Number(breakdown.value),
          coalition: coalitionAgent.value,
          target: targetAgent.value,
          sessions: Number(sessions.value),
          seed: Number(seed.value),
          implementDesigns: 3,
        },
        { cache },
      );
      const s = g.summary;
      const impl = g.implementation;
      bargainOut.replaceChildren(
        h('p', {}, `Agreement in ${pct(s.agreementRate.estimate)} of ${s.sessions} sessions (95% CI ${pct(s.agreementRate.ci95[0])} to ${pct(s.agreementRate.ci95[1])}); ${Object.entries(s.endings).map(([k, v]) => `${k} ${v}`).join(', ')}. Rounds to agree ${num(s.roundsToAgree.mean)}; terms agreed ${Object.entries(s.terms).map(([k, v]) => `${k} ${num(v.mean)}`).join(', ')}. Other parameters at ${Object.entries(g.at).map(([k, v]) => `${k}=${v}`).join(', ') || '-'}.`),
        h('p', {}, `By type: ${Object.entries(s.byType).map(([t, v]) => `${t} ${v.agreements} of ${v.sessions}`).join(', ')}.`),
        h('p', { 'data-testid': 'bargain-implementation' }, impl ? `Implemented, the agreed designs deliver: final compliance ${num(impl.finalCompliance.mean)}, leverage kept ${num(impl.finalLeverage.mean)}, need met ${num(impl.meanNeedMet.mean)}, collapse in ${pct(impl.collapsed.mean)} of runs.` : 'No session agreed: nothing to implement.'),
      );
      showReplay(g.firstSession);
    } catch (e) {
      bargainOut.textContent = '';
      fail(e);
    } finally {
      bargainGo.disabled = false;
    }
  }

  function describe(e: neg.LogEntry): string {
    if (e.kind === 'type') return `Chance: the target is ${e.type} (private)`;
    if (e.kind === 'offer') return `Round ${e.round + 1}: ${e.by} offers ${Object.entries(e.offer).map(([k, v]) => `${k} = ${num(v)}`).join(', ')}`;
    if (e.kind === 'breakdown') return `Round ${e.round + 1}: the talks break down`;
    if (e.kind === 'continue') return `Round ${e.round + 1}: the talks go on`;
    const reply = e as { kind: 'accept' | 'reject' | 'end'; round: number; by: neg.Party };
    return `Round ${reply.round + 1}: ${reply.by} ${reply.kind === 'end' ? 'walks away' : reply.kind === 'accept' ? 'accepts' : 'rejects'}`;
  }

  function showReplay(log: neg.LogEntry[]): void {
    replayStep.max = String(Math.max(0, log.length - 1));
    replayStep.value = replayStep.max;
    const draw = () => replay.replaceChildren(...log.slice(0, Number(replayStep.value) + 1).map((e) => h('li', {}, describe(e))));
    replayStep.oninput = draw;
    draw();
  }

  function startMatch(): void {
    if (!sim) return;
    try {
      const parameter = bargainParameter.value;
      const protocol = neg.familyProtocol(sim, { parameter, discount: { coalition: Number(dCoalition.value), target: Number(dTarget.value) }, deadlineRounds: Number(deadline.value), breakdownProbability: Number(breakdown.value) });
      const you = side.value as neg.Party;
      const match = neg.createMatch({ protocol, players: { [you]: 'external', [you === 'target' ? 'coalition' : 'target']: opponent.value } as Record<neg.Party, string>, seed: `web/${seed.value}/match-${++matches}` });
      drawMatch(match, you, parameter);
    } catch (e) {
      fail(e);
    }
  }

  function drawMatch(match: neg.Match, you: neg.Party, parameter: string): void {
    const v = match.view(you);
    const issue = v.issues[0];
    const offer = numberInput('play-offer', Number(((issue.low + issue.high) / 2).toPrecision(6)), { min: issue.low, max: issue.high });
    const worth = h('span', { 'data-testid': 'play-offer-utility' });
    const showWorth = () => {
      try {
        worth.textContent = ` worth ${num(match.utilityOf(you, { [parameter]: Number(offer.value) }))} to you now (no deal: ${num(v.utility.reduce((s, u) => s + u.prior * u.utility.reservation, 0))})`;
      } catch (e) {
        worth.textContent = ` ${e instanceof Error ? e.message : String(e)}`;
      }
    };
    offer.addEventListener('input', showWorth);
    showWorth();
    const act = (move: neg.Move) => {
      try {
        match.submit(you, move);
        drawMatch(match, you, parameter);
      } catch (e) {
        fail(e);
      }
    };
    const button = (label: string, testid: string, move: () => neg.Move) => {
      const b = h('button', { type: 'button', 'data-testid': testid }, label);
      b.addEventListener('click', () => act(move()));
      return b;
    };
    const controls = !v.yourTurn
      ? []
      : v.phase === 'propose'
        ? [labelled(`Your offer (${parameter}, ${issue.low} to ${issue.high})`, offer), worth, button('Propose', 'play-propose', () => ({ kind: 'propose', offer: { [parameter]: Number(offer.value) } })), button('Walk away', 'play-end', () => ({ kind: 'end' }))]
        : [button('Accept', 'play-accept', () => ({ kind: 'accept' })), button('Reject', 'play-reject', () => ({ kind: 'reject' })), button('Walk away', 'play-end', () => ({ kind: 'end' }))];
    const o = v.outcome;
    playBox.dataset.phase = v.phase;
    playBox.replaceChildren(
      h('p', {}, `Round ${v.round + 1} of ${v.deadlineRounds}; your discount ${v.discount.own} per round, theirs ${v.discount.opponent}; breakdown ${v.breakdownProbability} after each rejection.`),
      h('ol', { class: 'replay' }, ...v.history.map((e) => h('li', {}, describe(e)))),
      v.offerOnTable ? h('p', {}, `On the table: ${parameter} = ${num(v.offerOnTable.offer[parameter])}, worth ${num(v.offerOnTable.utility)} to you now.`) : '',
      o ? h('p', { 'data-testid': 'play-outcome' }, `Over: ${o.ending}${o.terms ? ` at ${parameter} = ${num(o.terms[parameter])}` : ''} in round ${o.round + 1}; your payoff ${num(o.payoff[you])}, theirs ${num(o.payoff[you === 'target' ? 'coalition' : 'target'])}; the target was ${o.targetType}.`) : '',
      ...controls,
    );
  }

  go.addEventListener('click', () => void run());
  stop.addEventListener('click', () => abort?.abort());
  bargainGo.addEventListener('click', () => void bargain());
  playGo.addEventListener('click', startMatch);
  root.dataset.state = 'idle';
  return { cancel: () => abort?.abort() };
}

/** The negotiation tab (registered in PANELS, panels.ts). */
export const NEGOTIATION_PANEL: PanelDef = {
  id: 'negotiation',
  label: 'Negotiation',
  mount(root, ctx) {
    const panel = mount(root, ctx.store, () => ctx.releaseWorkers('negotiation'));
    return { releaseWorkers: () => panel.cancel() };
  },
};
