/**
 * Node side of the Monte Carlo layer: the same API as src/montecarlo, with a
 * worker_threads pool and a clock filled in.
 *
 *   runMonteCarlo(scenario, { runs, masterSeed, workers })   // workers default: defaultWorkers(...)
 *   runMonteCarloPartial(scenario, { ..., shard: { index, count } })
 *   createNodePool({ workers })                              // to reuse one pool across batches
 *
 * With `workers` > 1 and no `pool`, a pool is created for the call and closed
 * when it ends (done, aborted or failed). A pool you pass stays yours to close.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../scenario/schema.ts';
import {
  runMonteCarlo as runInCore,
  runMonteCarloPartial as runPartialInCore,
  type BatchPartial,
  type BatchSummary,
  type MonteCarloOptions,
} from '../montecarlo/index.ts';
import { createNodePool } from './pool.ts';

export { createNodePool, spawnNodeWorker, type NodePoolOptions, type NodeWorkerHandle } from './pool.ts';
export { exposeChunkService } from './pool-worker.ts';
export { loadScenarioFile, formatProblems, type LoadResult, type FileProblem } from './scenario-files.ts';

/** Below this many run-periods a batch takes well under a second on one core: less than starting worker threads costs. */
export const IN_THREAD_BELOW_RUN_PERIODS = 200_000;

/**
 * Worker threads when the caller does not say: the machine's available
 * parallelism, except for small batches (under IN_THREAD_BELOW_RUN_PERIODS), which
 * finish sooner in the calling thread than threads take to start. Results are the
 * same either way.
 */
export function defaultWorkers(runs?: number, horizonPeriods?: number): number {
  if (runs !== undefined && horizonPeriods !== undefined && runs * horizonPeriods < IN_THREAD_BELOW_RUN_PERIODS) return 1;
  return availableParallelism();
}

async function withPool<T>(scenario: Scenario, options: MonteCarloOptions, run: (o: MonteCarloOptions) => Promise<T>): Promise<T> {
  const workers = options.workers ?? (options.pool ? options.pool.size : defaultWorkers(Math.ceil(options.runs / (options.shard?.count ?? 1)), scenario.horizonPeriods));
  const clock = options.clock ?? (() => performance.now());
  if (options.pool || workers <= 1) return run({ ...options, workers, clock });
  const pool = createNodePool({ workers });
  try {
    return await run({ ...options, workers, pool, clock });
  } finally {
    await pool.close();
  }
}

/** runMonteCarlo with worker threads (default: defaultWorkers) and performance.now for timings. */
export function runMonteCarlo(scenario: Scenario, options: MonteCarloOptions): Promise<BatchSummary> {
  return withPool(scenario, options, (o) => runInCore(scenario, o));
}

/** runMonteCarloPartial with worker threads: for `relief-lab run --shard i/N`. */
export function runMonteCarloPartial(scenario: Scenario, options: MonteCarloOptions): Promise<BatchPartial> {
  return withPool(scenario, options, (o) => runPartialInCore(scenario, o));
}
