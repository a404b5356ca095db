import type { EventKind, PeriodMetric, SummaryMetric } from '../engine/metrics.ts';
import type { TargetTypeName } from '../scenario/schema.ts';

/**
 * The finished, JSON-ready view of a Monte Carlo batch: what the CLI prints and
 * exports, what charts take. It is computed from mergeable accumulators (see the
 * other modules of this folder), so it never depends on how runs were split.
 * Arrays are indexed by period. Every estimate carries its Monte Carlo standard
 * error or confidence interval.
 */
export interface BatchSummary {
  /** Format version of this object, bumped on breaking changes. */
  format: 'relief-lab/batch-summary@1';
  scenarioName: string;
  /** Runs actually completed (may be fewer than requested when cancelled). */
  runs: number;
  runsRequested: number;
  masterSeed: number;
  /** Index of the first run and count, for a shard; the whole batch otherwise. */
  runRange: { first: number; count: number };
  horizonPeriods: number;
  periodLengthMonths: number;
  /** True when cancelled before all requested runs finished. */
  partial: boolean;
  /** relief-lab version that produced it. */
  version: string;
  periods: Record<PeriodMetric, PeriodStats>;
  events: Record<EventKind, EventStats>;
  outcomes: Record<SummaryMetric, OutcomeStats>;
  /** Runs by initial target type. */
  targetTypes: Record<TargetTypeName, number>;
  /** A few whole trajectories for spaghetti charts, chosen by seeded reservoir sampling. */
  samples: SampleTrajectory[];
  /** Only with --timings: wall-clock figures, which make results differ run to run. */
  timings?: { elapsedMs: number; runsPerSecond: number; workers: number };
}

export interface PeriodStats {
  mean: number[];
  sd: number[];
  /** Monte Carlo standard error of the mean: sd / sqrt(runs). */
  se: number[];
  /** Quantiles 5, 25, 50, 75, 95 per period. For shares: from fixed-bin histograms (exact merge; resolution 1/bins). */
  q05: number[];
  q25: number[];
  q50: number[];
  q75: number[];
  q95: number[];
}

export interface EventStats {
  /** Total events per period over all runs. */
  countByPeriod: number[];
  /** Runs in which at least one such event happened. */
  runsWithEvent: number;
  /** Mean events per run, with its standard error. */
  meanPerRun: number;
  sePerRun: number;
}

export interface OutcomeStats {
  /** Runs where the metric is defined (e.g. time to full relief only where it came). */
  n: number;
  /** Runs where it is undefined (NaN), e.g. never reached. */
  nUndefined: number;
  mean: number;
  sd: number;
  se: number;
  /** 95% confidence interval of the mean (normal approximation; Wilson for 0/1 metrics). */
  ci95: [number, number];
  min: number;
  max: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
  /** Histogram for charts: bin edges (length bins + 1) and counts. */
  histogram: { edges: number[]; counts: number[] };
}

export interface SampleTrajectory {
  runIndex: number;
  seed: string;
  targetType: TargetTypeName;
  series: Record<PeriodMetric, number[]>;
  summary: Record<SummaryMetric, number>;
}

export interface MonteCarloOptions {
  runs: number;
  masterSeed: number;
  /** Workers to use; 0 or 1 runs in the calling thread. */
  workers?: number;
  /** Runs per unit of work handed to a worker. */
  chunkSize?: number;
  /** Called at least every 250 ms while running, and once at the end. */
  onProgress?: (p: { runsDone: number; runsRequested: number; summary?: BatchSummary }) => void;
  signal?: AbortSignal;
  /** First run index (for shards); default 0. */
  firstRun?: number;
  /** Trajectories kept in the reservoir; default 20. */
  sampleSize?: number;
}
