import { SUMMARY_METRIC_NAMES, EVENT_KIND_NAMES } from '../../src/engine/metrics.ts';
import { REPORT_PERIOD_METRICS, type BatchView } from '../../src/report/batch-view.ts';
import type { ReportOutcomeStats } from '../../src/report/batch-view.ts';

/** An outcome whose every statistic is `v` (tests override the ones they read). */
export function flatOutcome(v: number, n = 100): ReportOutcomeStats {
  return { n, nUndefined: 0, mean: v, sd: 0, se: 0, ci95: [v, v], min: v, max: v, q05: v, q25: v, q50: v, q75: v, q95: v };
}

/** A hand-written batch view: every series constant at 0.5 unless a test sets it. */
export function fakeView(horizon = 60, periodLengthMonths = 1): BatchView {
  const series = (v: number) => Array.from({ length: horizon }, () => v);
  return {
    scenarioName: 'Test scenario',
    runs: 100,
    masterSeed: 7,
    horizonPeriods: horizon,
    periodLengthMonths,
    periods: Object.fromEntries(REPORT_PERIOD_METRICS.map((m) => [m, { mean: series(0.5), q05: series(0.4), q95: series(0.6) }])) as BatchView['periods'],
    outcomes: Object.fromEntries(SUMMARY_METRIC_NAMES.map((m) => [m, flatOutcome(0)])) as BatchView['outcomes'],
    events: Object.fromEntries(EVENT_KIND_NAMES.map((k) => [k, { runsWithEvent: 0, meanPerRun: 0, sePerRun: 0 }])) as BatchView['events'],
    targetTypes: { sincere: 35, opportunist: 45, hardliner: 20 },
  };
}
