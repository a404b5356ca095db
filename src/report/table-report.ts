import { PERIOD_METRICS, SUMMARY_METRIC_NAMES } from '../engine/metrics.ts';
import { REPORT_PERIOD_METRICS, type BatchView } from './batch-view.ts';
import { checkpoints } from './checkpoints.ts';
import { percent } from './format.ts';
import { formatOutcome, outcomeLabel } from './outcome-format.ts';
import { describeBatch } from './summary-text.ts';
import { textTable } from './text-table.ts';

/** The readable report (`--format table`): the summary in words, then the trajectories and the outcomes as tables. */
export function tableReport(b: BatchView): string {
  return [describeBatch(b), '', trajectoryTable(b), '', outcomeTable(b), ''].join('\n');
}

/** Mean and 90% range (5% to 95% of runs) of each trajectory at the checkpoints. */
export function trajectoryTable(b: BatchView): string {
  const cps = checkpoints(b.horizonPeriods, b.periodLengthMonths);
  const rows = REPORT_PERIOD_METRICS.map((m) => {
    const s = b.periods[m];
    return [PERIOD_METRICS[m].label, ...cps.map((c) => `${percent(s.mean[c.period])} [${percent(s.q05[c.period])}-${percent(s.q95[c.period])}]`)];
  });
  return ['Trajectories: mean [5%-95% of runs]', textTable(['', ...cps.map((c) => c.label)], rows, '  ')].join('\n');
}

/** Every run outcome: mean with its 95% CI, quantiles over runs, and in how many runs it is defined. */
export function outcomeTable(b: BatchView): string {
  const L = b.periodLengthMonths;
  const rows = SUMMARY_METRIC_NAMES.map((m) => {
    const o = b.outcomes[m];
    const f = (v: number) => formatOutcome(m, v, L);
    const ci = o.n > 1 ? `${f(o.ci95[0])} to ${f(o.ci95[1])}` : 'n/a';
    return [outcomeLabel(m), f(o.mean), ci, f(o.q05), f(o.q50), f(o.q95), `${o.n}/${o.n + o.nUndefined}`];
  });
  return ['Run outcomes over runs', textTable(['', 'mean', '95% CI of mean', '5%', 'median', '95%', 'runs'], rows, '  ')].join('\n');
}
