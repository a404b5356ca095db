import { createRunner } from '../engine/simulate.ts';
import { EVENT_KIND_NAMES, SUMMARY_METRIC_NAMES, type EventKind, type SummaryMetric } from '../engine/metrics.ts';
import { runSeed } from '../engine/rng.ts';
import { TARGET_TYPES, type Scenario, type TargetTypeName } from '../scenario/schema.ts';
import { REPORT_PERIOD_METRICS, type BatchView, type ReportEventStats, type ReportPeriodMetric, type ReportPeriodStats } from '../report/batch-view.ts';
import { outcomeStats, ShareHistogram } from './batch-stats.ts';

/**
 * The CLI's batch of runs: a plain loop in this thread, keeping only what the report
 * reads. It stands in for the Monte Carlo layer's runMonteCarlo (workers, shards,
 * progress) and returns the subset of its BatchSummary the report uses, so swapping
 * it is one call in src/cli/commands/run.ts. Run i uses runSeed(masterSeed, i), as
 * the Monte Carlo layer does, so both see the same runs.
 */
export interface SerialBatchOptions {
  runs: number;
  masterSeed: number;
}

export function runSerialBatch(scenario: Scenario, { runs, masterSeed }: SerialBatchOptions): BatchView {
  const runner = createRunner(scenario);
  const H = scenario.horizonPeriods;
  const histograms = Object.fromEntries(REPORT_PERIOD_METRICS.map((m) => [m, new ShareHistogram(H)])) as Record<ReportPeriodMetric, ShareHistogram>;
  const outcomes = Object.fromEntries(SUMMARY_METRIC_NAMES.map((m) => [m, new Float64Array(runs)])) as Record<SummaryMetric, Float64Array>;
  const K = EVENT_KIND_NAMES.length;
  const eventSum = new Float64Array(K);
  const eventSumSq = new Float64Array(K);
  const eventRuns = new Int32Array(K);
  const targetTypes = Object.fromEntries(TARGET_TYPES.map((t) => [t, 0])) as Record<TargetTypeName, number>;

  for (let i = 0; i < runs; i++) {
    // The runner reuses its arrays: everything is read here, before the next run.
    const r = runner.run(runSeed(masterSeed, i));
    for (const m of REPORT_PERIOD_METRICS) histograms[m].add(r.series[m]);
    for (const m of SUMMARY_METRIC_NAMES) outcomes[m][i] = r.summary[m];
    for (let k = 0; k < K; k++) {
      let n = 0;
      for (let t = 0; t < H; t++) n += r.eventCounts[k * H + t];
      eventSum[k] += n;
      eventSumSq[k] += n * n;
      if (n > 0) eventRuns[k]++;
    }
    targetTypes[r.targetType]++;
  }

  const events = {} as Record<EventKind, ReportEventStats>;
  EVENT_KIND_NAMES.forEach((kind, k) => {
    const mean = eventSum[k] / runs;
    const variance = runs > 1 ? (eventSumSq[k] - runs * mean * mean) / (runs - 1) : NaN;
    events[kind] = { runsWithEvent: eventRuns[k], meanPerRun: mean, sePerRun: Math.sqrt(Math.max(0, variance) / runs) };
  });

  return {
    scenarioName: scenario.metadata.name,
    runs,
    masterSeed,
    horizonPeriods: H,
    periodLengthMonths: scenario.metadata.periodLengthMonths,
    periods: Object.fromEntries(REPORT_PERIOD_METRICS.map((m) => [m, histograms[m].stats()])) as Record<ReportPeriodMetric, ReportPeriodStats>,
    outcomes: Object.fromEntries(SUMMARY_METRIC_NAMES.map((m) => [m, outcomeStats(outcomes[m])])) as BatchView['outcomes'],
    events,
    targetTypes,
  };
}
