import { h } from '../dom.ts';
import { actionLabel, pct } from './format.ts';

/** What the server sends for a seat (src/classroom/views.ts seatView). */
export interface SeatView {
  role: string;
  due: boolean;
  submitted?: boolean;
  observation: Record<string, unknown> | null;
  legal: Record<string, unknown> | null;
  benchmarks?: { id: string; name: string }[];
  tranches?: { id: string; name: string }[];
}

const OBS_LABELS: Record<string, string> = {
  type: 'Your type',
  level: 'Benchmark levels',
  claimed: 'Levels you have claimed',
  verified: 'Certified levels',
  required: 'Required levels',
  accessShare: 'Inspector access',
  tranchesReleased: 'Tranches released',
  tranches: 'Tranches in the deal',
  hardlinerInfluence: 'Hardliner influence',
  costThisPeriod: 'Your cost this period',
  resolve: 'Your resolve',
  belief: 'Belief the target is sincere',
  posterior: 'Belief (sincere, opportunist, hardliner)',
  eligible: 'Tranches eligible now',
  scheduled: 'Inspection scheduled',
  carveOutBudget: 'Carve-out budget (kUSD)',
  reliefLinkedBudget: 'Relief-linked budget (kUSD)',
};

/** The facts a seat observes, as a small table (only the fields worth reading on a phone). */
export function observationTable(obs: Record<string, unknown>): HTMLElement {
  const rows = Object.entries(OBS_LABELS).flatMap(([k, label]) => {
    if (!(k in obs)) return [];
    const v = obs[k];
    const shown = Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? (x <= 1 && x >= 0 ? pct(x) : x.toFixed(2)) : String(x))).join(', ') || 'none' : typeof v === 'number' ? (k === 'tranches' || k === 'tranchesReleased' || /Budget/.test(k) || k === 'costThisPeriod' || k === 'resolve' ? v.toFixed(k.includes('tranches') ? 0 : 2) : pct(v)) : String(v);
    return [h('tr', {}, h('th', {}, label), h('td', {}, shown))];
  });
  return h('table', { class: 'cr-facts', 'data-testid': 'observation' }, ...rows);
}

/**
 * A form for the seat's legal actions; `submit(action, rationale)` is called with a
 * well-formed action (the server checks it again).
 */
export function actionForm(seat: SeatView, submit: (action: Record<string, unknown>, rationale: string) => void, draftKey: string): HTMLElement {
  const legal = seat.legal!;
  const form = h('form', { class: 'cr-action', 'data-testid': 'action-form' });
  let read: () => Record<string, unknown>;
  if (legal.kind === 'choices') {
    const choices = legal.choices as Record<string, unknown>[];
    const name = `${draftKey}-choice`;
    choices.forEach((c, i) => form.append(h('label', { class: 'cr-choice' }, h('input', { type: 'radio', name, value: String(i), checked: i === 0, 'data-key': `${name}-${i}` }), ` ${actionLabel(c)}`)));
    read = () => choices[Number((form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value ?? 0)];
  } else if (legal.kind === 'target') {
    const ids = legal.benchmarks as string[];
    const names = new Map((seat.benchmarks ?? []).map((b) => [b.id, b.name]));
    const defy = h('input', { type: 'checkbox', 'data-key': `${draftKey}-defy`, 'data-testid': 'defy' });
    const table = h('table', { class: 'cr-moves' }, h('tr', {}, h('th', {}, 'Benchmark'), h('th', {}, 'Move'), h('th', {}, 'Report')));
    ids.forEach((id) => {
      const sel = (what: string, opts: string[]) => h('select', { 'data-key': `${draftKey}-${what}-${id}`, 'data-testid': `${what}-${id}`, 'aria-label': `${what} on ${names.get(id) ?? id}` }, ...opts.map((o) => h('option', { value: o }, o)));
      table.append(h('tr', {}, h('td', {}, names.get(id) ?? id), h('td', {}, sel('move', ['comply', 'cheat'])), h('td', {}, sel('report', ['honest', 'gamed']))));
    });
    form.append(table, h('label', { class: 'cr-choice' }, defy, ' Defy: walk out of the deal'));
    read = () =>
      defy.checked
        ? { kind: 'defy' }
        : { kind: 'act', moves: ids.map((id) => (form.querySelector(`[data-key="${draftKey}-move-${id}"]`) as HTMLSelectElement).value), reports: ids.map((id) => (form.querySelector(`[data-key="${draftKey}-report-${id}"]`) as HTMLSelectElement).value) };
  } else if (legal.kind === 'release') {
    const eligible = legal.eligible as string[];
    const names = new Map((seat.tranches ?? []).map((t) => [t.id, t.name]));
    form.append(h('p', {}, 'Tranches whose conditions hold. Tick those to release (each needs every earlier one released):'));
    for (const id of eligible) form.append(h('label', { class: 'cr-choice' }, h('input', { type: 'checkbox', value: id, 'data-key': `${draftKey}-release-${id}`, 'data-testid': `release-${id}` }), ` ${names.get(id) ?? id}`));
    read = () => ({ kind: 'release', tranches: eligible.filter((id) => (form.querySelector(`[data-key="${draftKey}-release-${id}"]`) as HTMLInputElement).checked) });
  } else {
    const slider = (key: string, label: string) => {
      const input = h('input', { type: 'range', min: 0, max: 1, step: 0.05, value: 1, 'data-key': `${draftKey}-${key}`, 'data-testid': key });
      return { input, el: h('label', { class: 'cr-slider' }, `${label} `, input) };
    };
    const a = slider('carveOutShare', 'Share of the carve-out budget to send');
    const b = slider('reliefLinkedShare', 'Share of the relief-linked budget to send');
    form.append(a.el, b.el);
    read = () => ({ kind: 'allocate', carveOutShare: Number(a.input.value), reliefLinkedShare: Number(b.input.value) });
  }
  const rationale = h('textarea', { maxlength: 500, rows: 2, placeholder: 'Why? (a sentence, for the debrief)', 'data-key': `${draftKey}-rationale`, 'data-testid': 'rationale' });
  form.append(h('label', { class: 'cr-rationale' }, 'Rationale', rationale), h('button', { type: 'submit', class: 'cr-primary', 'data-testid': 'submit-action' }, 'Submit decision'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(read(), rationale.value);
  });
  return form;
}
