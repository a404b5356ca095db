/// <reference lib="webworker" />
import { runMonteCarlo } from '../montecarlo/index.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import { createBrowserPool } from './pool.ts';
import type { BatchCall } from './batch-protocol.ts';
import { serveHosted } from './hosted.ts';

/**
 * The batch worker: runs whole batches off the page's thread. It starts the chunk
 * workers itself (nested Web Workers), merges their results and builds the live
 * summaries, so the page only receives finished summaries to draw. One batch at a
 * time (hosted.ts); the chunk workers are kept while their number stays the same.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let pool: MonteCarloPool | undefined;
let poolWorkers = 0;

serveHosted(scope, ({ scenario, request }: BatchCall, signal, onProgress) => {
  const workers = Math.max(1, request.workers ?? scope.navigator.hardwareConcurrency ?? 1);
  if (!pool || poolWorkers !== workers) {
    void pool?.close();
    pool = createBrowserPool({ workers });
    poolWorkers = workers;
  }
  const { workers: _w, ...options } = request;
  return runMonteCarlo(scenario, { ...options, pool, signal, clock: () => performance.now(), onProgress });
});
