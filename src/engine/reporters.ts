import type { AidFlows } from './actors/aid/split.ts';
import { PERIOD_METRICS, PERIOD_METRIC_NAMES, SUMMARY_METRICS, SUMMARY_METRIC_NAMES, type PeriodMetric, type SummaryMetric } from './metrics.ts';
import type { RunState } from './state.ts';
import type { Pressure } from './world/pressure.ts';

/**
 * The facts the reporters of metrics.ts read: a period's (computed once by the world
 * step) and a run's (at the end). Reporters are functions of these, so recording is
 * one loop over the table, not hand-written per metric.
 */
export interface PeriodFacts {
  state: RunState;
  pressure: Pressure;
  aid: AidFlows;
  trueCompliance: number;
  reportedCompliance: number;
  verifiedCompliance: number;
  /** Credible threat of re-imposing what was lifted (share of the package). */
  threat: number;
  /** Chance a threshold breach leads to re-imposition, after capacity erosion. */
  snapback: number;
  need: number;
  needMet: number;
  escrow: number;
}

export interface RunFacts {
  state: RunState;
  series: Record<PeriodMetric, Float64Array>;
  horizon: number;
  last: number;
  initialCompliance: number;
}

const PERIOD_RECORDERS = PERIOD_METRIC_NAMES.map((m) => PERIOD_METRICS[m].record as (f: PeriodFacts) => number);
const SUMMARY_RECORDERS = SUMMARY_METRIC_NAMES.map((m) => SUMMARY_METRICS[m].record as (f: RunFacts) => number);

/** Records every period metric at period t into its series. */
export function recordPeriod(f: PeriodFacts, series: Float64Array[], t: number): void {
  for (let i = 0; i < PERIOD_RECORDERS.length; i++) series[i][t] = PERIOD_RECORDERS[i](f);
}

/** Fills the run summary, one number per summary metric. */
export function summarize(f: RunFacts, out: Record<SummaryMetric, number>): void {
  for (let i = 0; i < SUMMARY_RECORDERS.length; i++) out[SUMMARY_METRIC_NAMES[i]] = SUMMARY_RECORDERS[i](f);
}
