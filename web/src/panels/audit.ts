import { audit as auditApi, tournament as tournamentApi, type ChartSpec } from '../../../src/index.ts';
import { h } from '../dom.ts';
import { ChartView } from '../results/chart-view.ts';
import { AnalysisCancelled, runAnalysis } from '../run/analysis-jobs.ts';
import { setAt, type DocumentStore } from '../store/document.ts';

type AuditReport = ReturnType<typeof auditApi.auditDesign>;
type CheckedFix = AuditReport['fixes'][number];

const fmt = (x: number, d = 2) => (Number.isFinite(x) ? (x > 0 ? '+' : '') + x.toFixed(d) : 'n/a');
const ci = (c: [number, number]) => `${fmt(c[0])} to ${fmt(c[1])}`;

/**
 * The design audit and the strategy tournament of the current design. Both run in the
 * analysis worker (a few seconds at 100 runs; the page stays responsive, and Cancel
 * stops them): the table marks the
 * weak link, the heat map shows the margin by period and tranche, and each fix can be
 * applied to the design, with its simulated effect (best-response runs on the same
 * seeds, fixed - original, 95% CI) beside it.
 */
export function mountAudit(root: HTMLElement, store: DocumentStore): { onShow(): void } {
  const runs = h('input', { type: 'number', min: 10, max: 2000, value: 100, id: 'audit-runs', 'aria-label': 'Runs' });
  const button = h('button', { class: 'primary', type: 'button', id: 'audit-run' }, 'Audit this design');
  const cancel = h('button', { type: 'button', id: 'audit-cancel', disabled: true }, 'Cancel');
  const status = h('p', { class: 'muted', id: 'audit-status', role: 'status' });
  const table = h('div', { class: 'table-holder', id: 'audit-table' });
  const why = h('p', { id: 'audit-weak-link' });
  const typeSelect = h('select', { id: 'audit-type', 'aria-label': 'Target type for the heat map' });
  const heat = h('div', { id: 'audit-heat' });
  const fixes = h('div', { id: 'audit-fixes' });
  const heatView = new ChartView(heat);
  const tButton = h('button', { type: 'button', id: 'tournament-run' }, 'Play the tournament');
  const tStatus = h('p', { class: 'muted', role: 'status' });
  const ranking = new ChartView(h('div'));
  const matrix = new ChartView(h('div'));
  const title = h('p', { class: 'muted', id: 'audit-design' });
  root.append(
    h('h2', {}, 'Design audit: where cheating pays'),
    h('p', { class: 'lead' }, 'For each target type and stage of the schedule: the margin V_comply - V_cheat (utility units; negative: cheating pays), when in the schedule it pays, the critical detection probability and discount factor, the weak link, and the smallest fixes, each re-checked by simulation. Method: docs/games.md.'),
    title,
    h('div', { class: 'toolbar' }, h('label', { for: 'audit-runs' }, 'Runs '), runs, button, cancel),
    status,
    why,
    table,
    h('div', { class: 'toolbar' }, h('label', { for: 'audit-type' }, 'Heat map for '), typeSelect),
    heat,
    fixes,
    h('h2', {}, 'Strategy tournament'),
    h('p', { class: 'lead' }, 'Every registered sanctioner policy against every parameter-free target policy, on common random numbers; the coalition decides re-imposition itself (discretionary trigger).'),
    tButton,
    tStatus,
    ranking.element,
    matrix.element,
  );
  let report: AuditReport | undefined;
  // One job at a time in this panel; Cancel stops whichever is running (the worker is terminated).
  let running: AbortController | undefined;
  const begin = () => {
    running = new AbortController();
    button.disabled = true;
    tButton.disabled = true;
    cancel.disabled = false;
    return running.signal;
  };
  const end = () => {
    running = undefined;
    button.disabled = false;
    tButton.disabled = false;
    cancel.disabled = true;
  };
  cancel.addEventListener('click', () => running?.abort());

  const showHeat = () => {
    if (!report || !typeSelect.value) return;
    void heatView.show(auditApi.auditHeatMapSpec(report, typeSelect.value as never) as ChartSpec);
  };
  typeSelect.addEventListener('change', showHeat);

  const apply = (f: CheckedFix) => {
    let data = store.state.data;
    for (const c of f.changes) data = setAt(data, c.location, c.to);
    store.edit(data);
    status.textContent = `Applied: ${f.description}. The design is edited; audit it again or compare it with the original.`;
  };

  button.addEventListener('click', async () => {
    const scenario = store.state.scenario;
    if (!scenario) {
      status.textContent = 'The current design has validation problems; fix them first.';
      return;
    }
    const n = Math.round(Number(runs.value));
    if (!(n >= 10 && n <= 2000)) {
      status.textContent = 'Runs must be a whole number from 10 to 2000.';
      return;
    }
    const signal = begin();
    status.textContent = `Auditing ${scenario.metadata.name} on ${n} runs…`;
    let a: AuditReport;
    try {
      a = await runAnalysis({ kind: 'audit', scenario, runs: n, masterSeed: 1 }, signal);
    } catch (e) {
      status.textContent = e instanceof AnalysisCancelled ? 'Audit cancelled; the results below, if any, are of the previous audit.' : `The audit failed: ${(e as Error).message}`;
      return;
    } finally {
      end();
    }
    report = a;
    status.textContent = `Audited ${a.scenario} on ${a.runs} runs (seed ${a.masterSeed}).`;
    const w = a.rows[a.weakLink];
    why.textContent = `Weak link: the ${w.type} at ${w.tranche === null ? 'the start' : `tranche ${w.tranche}`} (from period ${w.fromPeriod}), margin ${fmt(w.margin)} at period ${w.period} on benchmark ${w.weakestBenchmark}: ${w.cheatingPays ? `cheating pays there in ${Math.round(100 * w.paysInShareOfRuns)}% of runs.` : 'complying pays even there, so no fix is needed.'}`;
    const g = w.game.inputs;
    why.append(
      h('br'),
      `Why: cheating on ${g.benchmark} gains ${g.cheatGain.toFixed(2)} per period; it is detected with probability ${g.detectionPerPeriod.toFixed(3)} per period, and a detection costs ${g.reputationalCost.toFixed(2)} at once and, ${g.punishmentDelayPeriods} period(s) later, the relief at stake (${g.stakePerPeriod.toFixed(2)} per period, credibility-weighted). The period game built from these numbers has the target ${w.game.targetChoice === 'Cheat' ? 'cheat' : 'comply'}; ${Math.round(100 * w.game.simulatedCheatShare)}% of simulated best responses cheat there.`,
    );
    table.replaceChildren(auditTable(a));
    typeSelect.replaceChildren(...[...new Set(a.rows.map((r) => r.type))].map((t) => h('option', { value: t, selected: t === w.type }, t)));
    showHeat();
    fixes.replaceChildren(fixList(a, apply));
  });

  tButton.addEventListener('click', async () => {
    const scenario = store.state.scenario;
    if (!scenario) return;
    const signal = begin();
    tStatus.textContent = 'Playing the round robin on 100 runs per match…';
    try {
      const r = await runAnalysis({ kind: 'tournament', scenario, runs: 100, masterSeed: 1 }, signal);
      tStatus.textContent = `${r.sanctioners.length} sanctioner policies x ${r.targets.length} target policies, ${r.runs} runs each.`;
      await ranking.show(tournamentApi.tournamentRankingSpec(r, 'finalCompliance') as ChartSpec);
      await matrix.show(tournamentApi.tournamentMatrixSpec(r, 'finalCompliance') as ChartSpec);
    } catch (e) {
      tStatus.textContent = e instanceof AnalysisCancelled ? 'Tournament cancelled.' : `The tournament failed: ${(e as Error).message}`;
    } finally {
      end();
    }
  });

  const refresh = () => (title.textContent = `Current design: ${store.state.lastValid.metadata.name}${store.state.edited ? ' (edited)' : ''}`);
  store.subscribe(refresh);
  refresh();
  return { onShow: refresh };
}

function auditTable(a: AuditReport): HTMLTableElement {
  const head = ['type', 'stage', 'from', 'worst period', 'margin', 'benchmark', 'runs where it pays', 'pays in periods', 'critical p', 'critical delta', 'stage game'];
  const th = (t: string) => h('th', { scope: 'col' }, t);
  const rows = a.rows.map((r, i) =>
    h(
      'tr',
      { 'data-weak-link': i === a.weakLink, class: i === a.weakLink ? 'bad' : undefined },
      h('td', {}, i === a.weakLink ? `${r.type} (weak link)` : r.type),
      h('td', {}, r.tranche ?? 'start'),
      h('td', {}, String(r.fromPeriod)),
      h('td', {}, String(r.period)),
      h('td', { class: r.cheatingPays ? 'bad' : 'good' }, fmt(r.margin)),
      h('td', {}, r.weakestBenchmark),
      h('td', {}, `${Math.round(100 * r.paysInShareOfRuns)}%`),
      h('td', {}, r.paysInPeriods.length > 0 ? auditApi.periodRanges(r.paysInPeriods) : '-'),
      h('td', {}, r.criticalDetectionProbability === null ? 'none' : r.criticalDetectionProbability.toFixed(3)),
      h('td', {}, r.criticalDiscountFactor === null ? 'none' : r.criticalDiscountFactor.toFixed(3)),
      h('td', {}, `${r.game.targetChoice}${r.game.agrees ? '' : ' (simulation differs)'}`),
    ),
  );
  return h('table', { class: 'comparison' }, h('thead', {}, h('tr', {}, ...head.map(th))), h('tbody', {}, ...rows));
}

function fixList(a: AuditReport, apply: (f: CheckedFix) => void): HTMLElement {
  if (a.fixes.length === 0 && a.unavailable.length === 0) return h('p', {}, 'No fix needed: complying pays every type at every stage.');
  const items = a.fixes.map((f) => {
    const c = f.check;
    const line = (name: string, x: typeof c.violations) => h('li', {}, `${name}: ${x.original.toFixed(2)} -> ${x.fixed.toFixed(2)} (difference ${fmt(x.difference.estimate)}, 95% CI ${ci(x.difference.ci95)})`);
    const b = h('button', { type: 'button', class: 'small', 'data-fix': f.kind }, 'Apply this fix');
    b.addEventListener('click', () => apply(f));
    return h(
      'li',
      { 'data-fix-kind': f.kind },
      h('strong', {}, `${f.kind}: `),
      `${f.description} (margin there after: ${fmt(f.marginAfter)}; ${c.confirmed ? 'confirmed by simulation' : 'not confirmed by simulation: violations in the stage do not fall beyond their 95% interval'}) `,
      b,
      h('ul', {}, h('li', { class: 'muted' }, `Re-checked on ${c.runs} ${c.type} runs, best response, same seeds:`), line('violations in the stage', c.violationsInStage), line('violations in all', c.violations), line('final compliance', c.finalCompliance), line('target utility', c.targetUtility)),
    );
  });
  const none = a.unavailable.map((u) => h('li', { class: 'muted' }, `${u.kind}: ${u.reason}`));
  return h('div', {}, h('h3', {}, 'Smallest fixes for the weak link'), h('ul', {}, ...items, ...none));
}
