import { PERIOD_METRICS, PERIOD_METRIC_NAMES, SUMMARY_METRICS, SUMMARY_METRIC_NAMES, type PeriodMetric, type SummaryMetric } from './metrics.ts';
import type { PeriodFactSeries } from './facts.ts';
import type { RunState } from './state.ts';

/**
 * Runs the reporters of metrics.ts: the period metrics from the facts the world
 * step wrote (facts.ts), the summary from the run's end state. Recording is one
 * loop over the table, not hand-written per metric.
 */
export interface RunFacts {
  state: RunState;
  series: Record<PeriodMetric, Float64Array>;
  horizon: number;
  last: number;
  initialCompliance: number;
}

export type { PeriodFactSeries };

const PERIOD_RECORDERS = PERIOD_METRIC_NAMES.map((m) => PERIOD_METRICS[m].record as (f: PeriodFactSeries, out: Float64Array, n: number) => void);
const SUMMARY_RECORDERS = SUMMARY_METRIC_NAMES.map((m) => SUMMARY_METRICS[m].record as (f: RunFacts) => number);

/** Fills every period metric's series for periods [0, n) from the facts. */
export function recordSeries(f: PeriodFactSeries, series: Float64Array[], n: number): void {
  for (let i = 0; i < PERIOD_RECORDERS.length; i++) PERIOD_RECORDERS[i](f, series[i], n);
}

/** Fills the run summary, one number per summary metric (after recordSeries). */
export function summarize(f: RunFacts, out: Record<SummaryMetric, number>): void {
  for (let i = 0; i < SUMMARY_RECORDERS.length; i++) out[SUMMARY_METRIC_NAMES[i]] = SUMMARY_RECORDERS[i](f);
}
