import type { RunResult } from '../../src/engine/simulate.ts';
import type { PeriodMetric } from '../../src/engine/metrics.ts';

/**
 * What a case's golden trajectory pins: the run summary, five per-period series, the
 * tranche release periods and the event log. Kept here rather than in the shared
 * helper so that a change to another suite's golden format cannot rewrite these.
 */
export const CASE_GOLDEN_SERIES: PeriodMetric[] = ['trueCompliance', 'sanctionsInForce', 'leverage', 'needMet', 'belief'];

/** A run as plain JSON: numbers keep full precision (JSON round-trips doubles), NaN becomes null. */
export function caseGoldenOf(r: RunResult) {
  return {
    seed: r.seed,
    targetType: r.targetType,
    summary: Object.fromEntries(Object.entries(r.summary).map(([k, v]) => [k, Number.isNaN(v) ? null : v])),
    trancheReleasePeriods: r.trancheReleasePeriods,
    events: r.events.map((e) => `${e.period} ${e.kind} ${e.subject}`),
    series: Object.fromEntries(CASE_GOLDEN_SERIES.map((m) => [m, Array.from(r.series[m])])),
  };
}
