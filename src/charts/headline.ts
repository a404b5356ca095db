import { PERIOD_METRICS, type PeriodMetric } from '../engine/metrics.ts';
import { formatValue } from '../compare/format.ts';

/**
 * Titles say what a reader should see, so they are computed from the data: the
 * shape of the median path and where most runs end. Pure; no statistics beyond
 * reading the summary.
 */

/** The noun used in sentences ("Median compliance rises ..."). */
export const SUBJECT: Partial<Record<PeriodMetric, string>> = {
  trueCompliance: 'true compliance',
  verifiedCompliance: 'verified compliance',
  leverage: 'leverage',
  sanctionsInForce: 'sanctions in force',
  needMet: 'humanitarian need met',
  belief: 'belief that the target is sincere',
};

export function subjectOf(metric: PeriodMetric): string {
  return SUBJECT[metric] ?? PERIOD_METRICS[metric].label.toLowerCase();
}

/** Tolerance under which a change of a metric reads as flat: 2 percentage points for shares, else 2% of the largest value. */
export function flatTolerance(series: readonly number[], isShare: boolean): number {
  return 0.02 * (isShare ? 1 : Math.max(...series.map(Math.abs), 1e-12));
}

/** The first period from which a series stays within `tol` of its final value. */
export function settlePeriod(series: readonly number[], tol: number): number {
  const end = series[series.length - 1];
  let t = series.length - 1;
  while (t > 0 && Math.abs(series[t - 1] - end) <= tol) t--;
  return t;
}

/** Describes the path of a median series: rises, falls, peaks, dips or stays. */
export function describePath(median: readonly number[], metric: PeriodMetric, periodWord: string): string {
  const info = PERIOD_METRICS[metric];
  const fmt = (x: number) => formatValue(x, info.unit);
  const n = median.length;
  if (n === 0) return 'has no periods';
  const start = median[0];
  const end = median[n - 1];
  let hi = 0;
  let lo = 0;
  for (let t = 1; t < n; t++) {
    if (median[t] > median[hi]) hi = t;
    if (median[t] < median[lo]) lo = t;
  }
  const tol = flatTolerance(median, info.isShare);
  const settle = settlePeriod(median, tol);
  const last = settle < n - 1 ? `${periodWord} ${settle} and stays there` : `${periodWord} ${n - 1}`;
  if (median[hi] - Math.max(start, end) > tol) {
    return `rises to ${fmt(median[hi])} by ${periodWord} ${hi}, then falls to ${fmt(end)} by ${last}`;
  }
  if (Math.min(start, end) - median[lo] > tol) {
    return `falls to ${fmt(median[lo])} by ${periodWord} ${lo}, then recovers to ${fmt(end)} by ${last}`;
  }
  if (end - start > tol) return `rises from ${fmt(start)} to ${fmt(end)} by ${last}`;
  if (start - end > tol) return `falls from ${fmt(start)} to ${fmt(end)} by ${last}`;
  return `stays near ${fmt(end)} throughout`;
}

/** "half of runs end between 40% and 100%". */
export function describeEndSpread(q25: number, q75: number, metric: PeriodMetric): string {
  const unit = PERIOD_METRICS[metric].unit;
  if (q25 === q75) return `half of runs end at ${formatValue(q25, unit)}`;
  return `half of runs end between ${formatValue(q25, unit)} and ${formatValue(q75, unit)}`;
}

/** First letter upper case, for sentence starts. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
