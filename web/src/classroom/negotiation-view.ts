import { sideUtility, type SideUtilityModel } from '../../../src/classroom/side-utility.ts';
import { h } from '../dom.ts';
import { num, pct, roleLabel } from './format.ts';
import { utilityChart } from './utility-chart.ts';

/**
 * The talks on a phone or the console: the levers on the table, the side's own expected
 * utility (of the offer on the table, of its draft, of no deal), the design audit of the
 * offer on the table (where cheating pays, the target's best response), the offer form
 * with one field per lever, and the public history. Everything shown comes from the
 * server's state; the draft's utility is evaluated here with the same model.
 */

export interface SideView {
  model: SideUtilityModel;
  onTable: number | null;
  noDeal: number;
}

interface Issue {
  path: string;
  low: number;
  high: number;
  unit?: string;
  description: string;
  base: number | null;
}

type Offer = Record<string, number>;

const offerText = (issues: Issue[], offer: Offer) => issues.map((x) => `${shortName(x)} ${num(offer[x.path], 3)}`).join(', ');

/** A lever's short name: its last field, or the schedule parameter. */
function shortName(x: Issue): string {
  if (x.path === 'frontLoadedShare') return 'front-loaded share';
  const last = x.path.split('.').pop() ?? x.path;
  return last.replace(/\[.*\]/, '').replace(/([A-Z])/g, ' $1').toLowerCase();
}

export function negotiationView(
  room: any,
  party: 'coalition' | 'target' | null,
  utility: SideView | null,
  audit: any,
  sendMove: (m: Record<string, unknown>) => void,
  as?: 'coalition' | 'target',
  watcher = false,
): HTMLElement {
  const n = room.negotiation;
  const issues: Issue[] = n.issues;
  const box = h('section', { class: 'cr-card cr-negotiation', 'data-testid': as ? `negotiation-${as}` : 'negotiation' });
  box.append(
    h('h3', {}, as ? `Negotiation: the ${as}` : 'Negotiation'),
    h('p', {}, issues.length === 1 ? 'The terms: one lever of the design.' : `The terms: a whole design, ${issues.length} levers at once.`),
    h(
      'ul',
      { class: 'cr-levers', 'data-testid': 'levers' },
      ...issues.map((x) => h('li', {}, h('strong', {}, shortName(x)), ` (`, h('code', {}, x.path), `): ${x.description}; from ${x.low} to ${x.high}${x.base !== null ? `, today ${x.base}` : ''}.`)),
    ),
  );
  const wrap = (m: Record<string, unknown>) => (as ? { type: 'negotiateAs', party: as, move: m } : { type: m.kind === 'respond' ? 'respond' : m.kind, ...(m.kind === 'respond' ? { reply: m.reply } : {}), ...(m.offer ? { offer: m.offer } : {}) });
  if (utility) box.append(ownUtility(utility, issues, n.offerOnTable, !!n.fitted));
  if (n.offerOnTable) {
    box.append(
      h(
        'p',
        { 'data-testid': 'offer-on-table' },
        `On the table (from the ${n.turn === 'coalition' ? 'target' : 'coalition'}): `,
        h('strong', {}, offerText(issues, n.offerOnTable)),
        utility && utility.onTable !== null ? ` — worth ${num(utility.onTable)} to you (no deal: ${num(utility.noDeal)})` : '',
      ),
    );
    if (audit) box.append(auditPanel(audit, party === 'target'));
  }
  const mine = party !== null && n.turn === party;
  // A counter-offer starts from the last offer made (the one just rejected), or today's design.
  const lastOffer = [...n.history].reverse().find((e: any) => e.kind === 'offer')?.offer ?? null;
  if (mine && n.phase === 'propose') box.append(offerForm(issues, utility, n.offerOnTable ?? lastOffer, (offer) => sendMove(wrap({ kind: 'propose', offer })), as ?? 'me'));
  if (mine && n.phase === 'respond') {
    const accept = h('button', { type: 'button', class: 'cr-primary', 'data-testid': 'accept' }, 'Accept');
    const reject = h('button', { type: 'button', 'data-testid': 'reject' }, 'Reject');
    accept.addEventListener('click', () => sendMove(wrap({ kind: 'respond', reply: 'accept' })));
    reject.addEventListener('click', () => sendMove(wrap({ kind: 'respond', reply: 'reject' })));
    box.append(h('div', { class: 'cr-buttons' }, accept, reject));
  }
  if (mine) {
    const walk = h('button', { type: 'button', class: 'cr-danger', 'data-testid': 'walk-away' }, 'Walk away (no deal)');
    walk.addEventListener('click', () => sendMove(as ? { type: 'negotiateAs', party: as, move: { kind: 'walkAway' } } : { type: 'walkAway' }));
    box.append(walk);
  } else if (watcher) box.append(h('p', { 'data-testid': 'waiting' }, n.turn ? `The ${n.turn} moves (${n.phase}). "Advance" lets the AI move for it.` : 'The talks are over.'));
  else if (party === null && !as) box.append(h('p', {}, `Your role does not negotiate: the ${n.coalitionSpeaker ? roleLabel(n.coalitionSpeaker) : 'coalition'} and the target do. Watch the talks.`));
  else if (!as) box.append(h('p', { 'data-testid': 'waiting' }, `Waiting for the ${n.turn}…`));
  box.append(
    h(
      'ol',
      { class: 'cr-history', 'data-testid': 'negotiation-history' },
      ...n.history.map((e: any) =>
        h('li', {}, e.kind === 'offer' ? `round ${e.round + 1}: the ${e.by} offers ${offerText(issues, e.offer)}` : `round ${e.round + 1}: the ${e.by ?? 'talks'} ${e.kind === 'end' ? 'walks away' : e.kind === 'breakdown' ? 'break down' : e.kind === 'continue' ? 'go on' : `${e.kind}s`}`),
      ),
    ),
  );
  return box;
}

/** The side's own utility: a chart along the one lever, or what each lever moves it by (the linear fit). */
function ownUtility(u: SideView, issues: Issue[], onTable: Offer | null, fitted: boolean): HTMLElement {
  const box = h('div', { 'data-testid': 'own-utility' });
  const m = u.model;
  if (m.kind === 'tabulated') {
    const at = (x: number) => sideUtility(m, { [m.issue]: x });
    box.append(
      h('p', { class: 'cr-note' }, `Your expected utility (simulated; only you see it): ${num(at(issues[0].low))} at ${issues[0].low}, ${num(at(issues[0].high))} at ${issues[0].high}; no deal: ${num(u.noDeal)}.`),
      utilityChart(m.points, m.reservation, onTable ? onTable[m.issue] : null, at),
    );
    return box;
  }
  box.append(
    h('p', { class: 'cr-note' }, `Your expected utility (simulated${fitted ? ', fitted across the levers' : ''}; only you see it): ${num(m.constant)} with every lever at its low end; no deal: ${num(u.noDeal)}. Each lever from its low to its high end adds:`),
    h('table', { class: 'cr-table', 'data-testid': 'lever-effects' }, ...issues.map((x) => h('tr', {}, h('td', {}, shortName(x)), h('td', {}, `${m.perIssue[x.path].coefficient >= 0 ? '+' : ''}${num(m.perIssue[x.path].coefficient)}`)))),
  );
  return box;
}

/** One number field per lever, prefilled with the last offer (or today's design), and the draft's worth to the side. */
function offerForm(issues: Issue[], u: SideView | null, onTable: Offer | null, propose: (offer: Offer) => void, who: string): HTMLElement {
  const box = h('div', { class: 'cr-offer', 'data-testid': 'offer-form' });
  const fields = issues.map((x) => {
    const start = onTable?.[x.path] ?? x.base ?? (x.low + x.high) / 2;
    const clamped = Math.min(x.high, Math.max(x.low, start));
    return { x, input: h('input', { type: 'number', min: x.low, max: x.high, step: 'any', value: clamped, 'data-key': `neg-${who}-${x.path}`, 'data-testid': `offer-${x.path}`, 'aria-label': shortName(x) }) as HTMLInputElement };
  });
  const worth = h('p', { 'data-testid': 'offer-worth' });
  const offer = () => Object.fromEntries(fields.map((f) => [f.x.path, Number(f.input.value)]));
  const update = () => (worth.textContent = u ? `Your draft is worth ${num(sideUtility(u.model, offer()))} to you (no deal: ${num(u.noDeal)}).` : '');
  for (const f of fields) {
    f.input.addEventListener('input', update);
    box.append(h('label', {}, `${shortName(f.x)} `, f.input, h('span', { class: 'cr-note' }, ` ${f.x.low} to ${f.x.high}`)));
  }
  queueMicrotask(update);
  const button = h('button', { type: 'button', class: 'cr-primary', 'data-testid': 'propose' }, 'Propose this design');
  button.addEventListener('click', () => propose(offer()));
  box.append(worth, button);
  return box;
}

/** The design audit of the offer on the table (src/audit), as the side may read it. */
export function auditPanel(state: any, ownTypeOnly: boolean): HTMLElement {
  const box = h('div', { class: 'cr-audit', 'data-testid': 'offer-audit', 'data-status': state.status });
  box.append(h('h4', {}, 'The audit of this offer'));
  if (state.status === 'computing') return box.appendChild(h('p', { class: 'cr-note' }, 'Computing where cheating pays under this design…')).parentElement!;
  if (state.status === 'failed') return box.appendChild(h('p', { class: 'cr-note' }, `The audit could not be computed: ${state.error}`)).parentElement!;
  const a = state.audit;
  const stage = (t: string | null) => (t === null ? 'the start (before any relief)' : `tranche ${t}`);
  box.append(
    h('p', { class: 'cr-note' }, ownTypeOnly ? 'For your type, on the path where you comply:' : `Per type of target (with its prior), on the path where it complies; ${a.runs} runs:`),
    h(
      'table',
      { class: 'cr-table' },
      h('tr', {}, h('th', {}, 'type'), h('th', {}, 'weak point'), h('th', {}, 'margin'), h('th', {}, 'cheating pays'), h('th', {}, 'best response')),
      ...a.types.map((t: any) =>
        h(
          'tr',
          { 'data-testid': `audit-${t.type}`, class: t.cheatingPays ? 'cr-pays' : '' },
          h('td', {}, ownTypeOnly ? `${t.type} (you)` : `${t.type} (${pct(t.prior)})`),
          h('td', {}, `${stage(t.weakTranche)}, on ${t.weakestBenchmark}`),
          h('td', {}, num(t.margin)),
          h('td', {}, t.cheatingPays ? `yes, periods ${t.paysInPeriods}${t.stagesWherePays.length > 1 ? `; also at ${t.stagesWherePays.filter((s: string | null) => s !== t.weakTranche).map(stage).join(', ')}` : ''}` : 'no'),
          h('td', {}, `cheats in ${pct(t.bestResponseCheatShare)} of runs (period game: ${String(t.stageGameChoice).toLowerCase()})`),
        ),
      ),
    ),
  );
  if (a.weakLink) box.append(h('p', { 'data-testid': 'audit-weak-link' }, a.weakLink.cheatingPays ? `Weak link: the ${a.weakLink.type} at ${stage(a.weakLink.tranche)}, margin ${num(a.weakLink.margin)}: cheating pays there.` : `Complying pays every type at every stage (smallest margin ${num(a.weakLink.margin)}).`));
  box.append(h('p', { class: 'cr-note' }, 'Margin = value of complying less value of cheating, in the target\'s utility; negative: cheating pays.'));
  return box;
}
