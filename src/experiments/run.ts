import { defaultChunkSize, shardSpan } from '../montecarlo/chunks.ts';
import { runSchedule, type Ending } from '../montecarlo/schedule.ts';
import type { LeverValue } from '../scenario/levers.ts';
import type { ExperimentSpec, PointChunkOutcome, PointChunkSpec } from './chunk-service.ts';
import { effectiveValue, runRecordLayout, type RunRecordLayout, type TableColumn } from './columns.ts';
import { ExperimentRunError } from './errors.ts';
import { checkPoint, experimentHeader, pointValues, type Experiment, type ExperimentHeader } from './experiment.ts';
import { createInThreadExperimentPool, type ExperimentPool } from './pool.ts';
import { column, summarisePoint, type PointSummary } from './summary.ts';

/** Progress is reported this often (ms) while the calling thread is free. */
const PROGRESS_INTERVAL_MS = 100;
/** Chunks handed out per worker and not yet merged: enough that no worker idles, few enough to bound memory. */
const CHUNKS_PER_WORKER = 3;

/** The rows of one finished point, in run order, for a table writer. */
export interface PointRows {
  point: number;
  /** Effective value of each parameter (the base's where the point keeps it; NaN for a per-run draw). */
  values: LeverValue[];
  runs: number;
  /** `runs` records of `layout.width` numbers: realised draws, then outcomes. */
  records: Float64Array;
  layout: RunRecordLayout;
}

/**
 * Receives the table of an experiment, point by point in point order (the
 * reference point 0 of a shard that does not own it is not sent). Streaming:
 * nothing is kept after `point` resolves, so `records` may be reused.
 */
export interface RowSink {
  begin(columns: TableColumn[]): void | Promise<void>;
  /** The point's rows, and its summary (as in the result's points). */
  point(rows: PointRows, summary: PointSummary): void | Promise<void>;
}

export interface ExperimentProgress {
  runsDone: number;
  runsRequested: number;
  pointsDone: number;
  pointsRequested: number;
}

export interface ExperimentOptions {
  /** Where chunks run; default: the calling thread. The caller keeps ownership. */
  pool?: ExperimentPool;
  /** Only shard `index` (1-based) of `count` equal shares of the points; merge the partials with mergeExperimentPartials. */
  shard?: { index: number; count: number };
  /** Runs per chunk (results do not depend on it). */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Called at least every 100 ms while the thread is free, and once at the end. */
  onProgress?: (p: ExperimentProgress) => void;
  /** Gets the per-run table, point by point. */
  sink?: RowSink;
  /**
   * Keep every point's summary in the result (default true). A sink that writes
   * the summaries itself (as src/node does) passes false, so memory does not grow
   * with the number of points; the result's points are then empty.
   */
  keepSummaries?: boolean;
}

/** What one call computes: its points' summaries (the shard's, for a shard). */
export interface ExperimentPartial {
  format: 'relief-lab/experiment-partial@1';
  header: ExperimentHeader;
  /** The points this call was asked for. */
  pointRange: { first: number; count: number };
  /** Summaries of the points finished, in order from pointRange.first (fewer when cancelled). */
  points: PointSummary[];
}

/**
 * Runs every point of an experiment `runsPerPoint` times on common random numbers
 * (run i of every point uses the seed "<masterSeed>/<i>"), over a pool, and returns
 * per-point summaries of every outcome with 95% intervals, strata by target type,
 * and paired differences with point 0. Rows go to `sink` as points finish, in point
 * order; only the point being assembled is held in memory.
 *
 * Determinism: every number is computed in run order from the runs alone, so the
 * result and the table are the same bits for any pool size, chunk size or sharding.
 * Cancel with `signal`: the points finished so far are returned (and were written).
 *
 * @throws ExperimentError if a point gives an invalid scenario (before any run);
 *   ExperimentRunError if a run throws (which point, run and seed).
 * @example
 *   const e = prepareExperiment(file, base);
 *   const partial = await runExperiment(e, { pool });
 *   const summary = finalizeExperiment(partial.header, partial.points);
 */
export async function runExperiment(e: Experiment, options: ExperimentOptions = {}): Promise<ExperimentPartial> {
  const header = experimentHeader(e);
  const total = e.design.values.length;
  const range = options.shard ? shardSpan(options.shard.index, options.shard.count, total) : { first: 0, count: total };
  // Point 0 is the reference of the paired differences: a shard that does not own it runs it too, without writing it.
  const order = range.first === 0 ? rangeList(range.first, range.count) : [0, ...rangeList(range.first, range.count)];
  for (const p of order) checkPoint(e, p);
  const layout = runRecordLayout(e.base, e.outcomes);
  const ownPool = !options.pool;
  const pool = options.pool ?? createInThreadExperimentPool();
  const chunkSize = options.chunkSize ?? defaultChunkSize(e.base.horizonPeriods);
  const R = e.runsPerPoint;
  const perPoint = Math.ceil(R / chunkSize);
  const spec: ExperimentSpec = {
    key: header.experimentHash + (options.shard ? `:${options.shard.index}/${options.shard.count}` : ''),
    scenario: e.base,
    masterSeed: e.masterSeed,
    sampleSize: 0,
    levers: e.design.parameters.map((p) => p.lever),
    pointIds: order,
    pointValues: order.map((p) => e.design.values[p]),
    outcomes: e.outcomes,
    ...(e.pointScenarios ? { pointScenarios: order.map((p) => e.pointScenarios![p]) } : {}),
  };
  const points: PointSummary[] = [];
  const keep = options.keepSummaries ?? true;
  let pointsDone = 0;
  const inRange = (p: number) => p >= range.first && p < range.first + range.count;
  const runsRequested = order.length * R;
  let runsDone = 0;
  const progress = () => options.onProgress?.({ runsDone, runsRequested, pointsDone, pointsRequested: range.count });

  // The point being assembled, in run order; reused for every point.
  const records = new Float64Array(R * layout.width);
  let reference: Float64Array[] = [];

  const finishPoint = async (p: number) => {
    const outcomeCols = layout.outcomes.map((_, j) => column(records, R, layout.width, layout.realised.length + j));
    if (p === 0) reference = outcomeCols;
    if (!inRange(p)) return;
    const summary = summarisePoint(p, pointValues(e, p), records, R, layout, reference);
    if (keep) points.push(summary);
    pointsDone++;
    if (options.sink) {
      const values = e.design.parameters.map((q, k) => effectiveValue(q, e.design.values[p][k]));
      await options.sink.point({ point: p, values, runs: R, records, layout }, summary);
    }
  };

  let ending: Ending;
  try {
    if (options.sink) await options.sink.begin(header.columns);
    ending = await runSchedule<ExperimentSpec, PointChunkSpec, PointChunkOutcome>({
      pool,
      spec,
      chunks: order.length * perPoint,
      chunksPerWorker: CHUNKS_PER_WORKER,
      // In plan order: a point's chunks are copied into `records` and the point is summarised and written before the next one starts.
      order: 'plan',
      chunkAt(k) {
        const first = (k % perPoint) * chunkSize;
        return { key: spec.key, index: k, point: order[Math.floor(k / perPoint)], first, count: Math.min(chunkSize, R - first) };
      },
      failureOf: (o) => (o.ok ? undefined : new ExperimentRunError(o.failure.point, o.failure.runIndex, o.failure.seed, o.failure.message)),
      take(o, k) {
        if (!o.ok) return;
        records.set(o.records, o.first * layout.width);
        runsDone += o.count;
        if ((k + 1) % perPoint === 0) return finishPoint(o.point);
      },
      signal: options.signal,
      tick: progress,
      tickMs: PROGRESS_INTERVAL_MS,
    });
  } catch (error) {
    ending = { kind: 'failed', error };
  } finally {
    if (ownPool) await pool.close();
  }
  if (ending.kind === 'failed') throw ending.error;
  progress();
  return { format: 'relief-lab/experiment-partial@1', header, pointRange: range, points };
}

function rangeList(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}
