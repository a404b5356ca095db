/// <reference lib="webworker" />
import { createBrowserPool } from '../../../src/browser/index.ts';
import { PlanExchange } from '../../../src/browser/plan-exchange.ts';
// The Monte Carlo layer's own entry (as src/browser's worker), not src/index.ts: a worker bundle holds only what it runs.
import { runMonteCarlo, type MonteCarloPool, type MonteCarloProgress } from '../../../src/montecarlo/index.ts';
import type { BatchCall } from '../../../src/browser/batch-protocol.ts';
import { serveHosted } from '../../../src/browser/hosted.ts';
import type { WebBatchRequest } from './batch-protocol.ts';
import { timedPool, type EngineSpan } from './batch-timing.ts';
import { keepWorkersOnCancel } from './warm-pool.ts';

/**
 * The web app's batch worker: src/browser/batch-worker.ts (the chunk workers are
 * started here, results merged and live summaries built off the page's thread),
 * plus what previews need to keep up with a moving lever: a cancel that keeps the
 * workers warm (warm-pool.ts), and, in the e2e build, the engine's share of each
 * batch for the benchmark. One batch at a time (hosted.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let pools: { workers: number; pool: MonteCarloPool; warm: MonteCarloPool; timed: ReturnType<typeof timedPool> } | undefined;
let batches = 0;
/** The chunk workers' shared plans (kept across pools: a design solved once is never solved again while it is kept). */
const plans = new PlanExchange();

// The page side is src/browser's batch runner (hosted.ts): one call at a time, progress then the result.
serveHosted(scope, async ({ scenario, request }: BatchCall, signal, onProgress: (p: MonteCarloProgress) => void) => {
  const { workers: asked, keepWorkers, ...options } = request as WebBatchRequest;
  const workers = Math.max(1, asked ?? scope.navigator.hardwareConcurrency ?? 1);
  if (!pools || pools.workers !== workers) {
    void pools?.pool.close();
    // Timed (batch-timing.ts): the e2e build reports the engine's share of each batch to the benchmark.
    const timed = timedPool(createBrowserPool({ workers, planExchange: plans }));
    pools = { workers, pool: timed, warm: keepWorkersOnCancel(timed), timed };
  }
  const pool = keepWorkers ? pools.warm : pools.pool;
  const timed = pools.timed;
  timed.reset();
  const solvedBefore = plans.solvedCount;
  const started = performance.now();
  const batch = ++batches;
  const summary = await runMonteCarlo(scenario, { ...options, pool, signal, clock: () => performance.now(), onProgress });
  // Id -1: not a call the runner waits for, so it passes it by; the page's e2e hooks read it.
  if (__E2E__) scope.postMessage({ type: 'engine-span', id: -1, span: { batch, batchMs: performance.now() - started, ...timed.span(), planParts: plans.solvedCount - solvedBefore } satisfies EngineSpan });
  return summary;
});
