import type { EventKind, PeriodMetric, SummaryMetric } from '../engine/metrics.ts';
import type { TargetTypeName } from '../scenario/schema.ts';
import type { MonteCarloPool } from './pool.ts';

/**
 * The finished, JSON-ready view of a Monte Carlo batch: what the CLI prints and
 * exports, what charts take. It is computed from mergeable accumulators (see the
 * other modules of this folder), so it never depends on how runs were split:
 * the same (scenario, masterSeed, runs) gives the same JSON bytes for any number
 * of workers, chunk size or shards.
 * Arrays are indexed by period. Every estimate carries its Monte Carlo standard
 * error or confidence interval.
 *
 * Undefined statistics (no defined value; a spread from fewer than 2 values) are
 * NaN in memory, as in the engine, and null in JSON (`JSON.stringify` writes NaN
 * as null); `parseBatchSummary` turns them back into NaN.
 *
 * Quantiles are the inverse empirical CDF (the ceil(q n)-th smallest value, as in
 * the CLI's serial batch), read from mergeable bins: shares from fixed bins of
 * width `resolution.shareBinWidth` (exact at 0 and 1), other metrics from a log
 * sketch within relative error `resolution.relativeAccuracy` (exact for whole
 * numbers up to `resolution.exactIntegersUpTo`). Both are clamped to [min, max].
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
  timings?: { elapsedMs: number; runsPerSecond: number; workers: number; chunkSize?: number; chunks?: number };
  /** Fingerprint of the scenario (hash of its canonical JSON); shards of different scenarios refuse to merge. Always set by the batch layer. */
  scenarioHash?: string;
  /** Resolution of the quantiles (see above). Always set by the batch layer. */
  resolution?: QuantileResolution;
  /** Trajectories asked for in the reservoir. Always set by the batch layer. */
  sampleSize?: number;
}

export interface QuantileResolution {
  /** Width of the fixed bins of share metrics (values exactly 0 or 1 are exact). */
  shareBinWidth: number;
  /** Relative error bound of quantiles of non-share metrics. */
  relativeAccuracy: number;
  /** Whole numbers with |x| up to this have exact quantiles (counts, periods). */
  exactIntegersUpTo: number;
  /** Values with |x| below this count as 0 in non-share quantiles. */
  zeroBelow: number;
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
  /** Standard deviation of events per run, and the 95% normal interval of meanPerRun. Always set by the batch layer. */
  sdPerRun?: number;
  ci95PerRun?: [number, number];
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
  /** How ci95 was computed: 'wilson' when every defined value is 0 or 1 (a proportion), else 'normal'. Always set by the batch layer. */
  ciMethod?: 'wilson' | 'normal';
}

export interface SampleTrajectory {
  runIndex: number;
  seed: string;
  targetType: TargetTypeName;
  series: Record<PeriodMetric, number[]>;
  summary: Record<SummaryMetric, number>;
}

export interface MonteCarloOptions {
  /** Runs in the whole batch (a shard computes its share of them). */
  runs: number;
  masterSeed: number;
  /** Workers to use; 0 or 1 runs in the calling thread. With more, pass `pool` (or use src/node's runMonteCarlo). */
  workers?: number;
  /** Runs per unit of work handed to a worker (results do not depend on it); default: a power of two near 65536 / horizon. */
  chunkSize?: number;
  /** Called at least every 250 ms while running, and once at the end. */
  onProgress?: (p: MonteCarloProgress) => void;
  signal?: AbortSignal;
  /** First run index of the batch; default 0. */
  firstRun?: number;
  /** Trajectories kept in the reservoir; default 20. */
  sampleSize?: number;
  /** Compute only shard `index` (1-based) of `count` equal shares of the runs; merge the partials with mergePartials. */
  shard?: { index: number; count: number };
  /** Where chunks run; default: an in-thread pool (only when workers <= 1). The caller keeps ownership (runMonteCarlo does not close it). */
  pool?: MonteCarloPool;
  /** Include `timings` in the result (needs `clock`). */
  timings?: boolean;
  /** Milliseconds from a monotonic clock (e.g. perf_hooks' performance.now); used only for `timings`. */
  clock?: () => number;
  /** Include a live partial `summary` in progress reports, at most every ~500 ms (costs a finalize each time). */
  liveSummary?: boolean;
}

export interface MonteCarloProgress {
  /** Runs merged so far (those a cancel would keep). */
  runsDone: number;
  /** Runs this call computes (the shard's, for a shard). */
  runsRequested: number;
  /** Only with `liveSummary`: the summary of the runs done so far, marked partial. */
  summary?: BatchSummary;
}
