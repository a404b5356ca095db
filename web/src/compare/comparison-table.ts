import type { Comparison, Verdict } from '../../../src/index.ts';
import { formatDifference, formatValue, isNumber } from '../../../src/index.ts';
import { h } from '../dom.ts';

const VERDICT_CLASS: Record<Verdict, string> = {
  better: 'good',
  worse: 'bad',
  higher: 'neutral',
  lower: 'neutral',
  'no clear difference': 'muted',
  'not comparable': 'muted',
};

function ci(lo: number, hi: number, fmt: (x: number) => string): string {
  return isNumber(lo) && isNumber(hi) ? `[${fmt(lo)}, ${fmt(hi)}]` : '';
}

/** The differences table: every run-summary metric, each design's mean with its CI, and each design minus the reference with its CI and verdict. */
export function comparisonTable(c: Comparison): HTMLElement {
  const others = c.designs.slice(1);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Outcome (better is)'),
    ...c.designs.map((d) => h('th', { scope: 'col' }, `${d}: mean [95% CI]`)),
    ...others.map((d) => h('th', { scope: 'col' }, `${d} − ${c.reference}${c.paired ? ', paired by run' : ''} [95% CI]`)),
  );
  const rows = c.rows.map((r) => {
    const fmt = (x: number) => formatValue(x, r.unit);
    const dfmt = (x: number) => formatDifference(x, r.unit);
    return h(
      'tr',
      { 'data-metric': r.metric },
      h('th', { scope: 'row', title: r.why }, r.label, h('span', { class: 'muted' }, ` (${r.better ?? 'no preferred direction'}${r.conditional ? '; runs where defined' : ''})`)),
      ...r.values.map((v) => h('td', {}, isNumber(v.mean) ? `${fmt(v.mean)} ${ci(v.ci95[0], v.ci95[1], fmt)}` : 'undefined in every run', r.conditional ? h('span', { class: 'muted' }, ` n=${v.n}`) : '')),
      ...r.differences.map((d) =>
        h(
          'td',
          // The exact numbers, for exports and checks: estimate, interval low, high.
          { class: VERDICT_CLASS[d.verdict], 'data-verdict': d.verdict, ...(d.estimate !== undefined ? { 'data-difference': JSON.stringify([d.estimate, d.ci95![0], d.ci95![1]]) } : {}) },
          d.estimate !== undefined ? `${dfmt(d.estimate)} ${ci(d.ci95![0], d.ci95![1], dfmt)} ` : '',
          h('strong', {}, d.verdict),
        ),
      ),
    );
  });
  return h('table', { class: 'comparison', 'data-testid': 'comparison-table' }, h('thead', {}, head), h('tbody', {}, ...rows));
}
