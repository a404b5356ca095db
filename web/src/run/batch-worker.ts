/// <reference lib="webworker" />
import { createBrowserPool } from '../../../src/browser/index.ts';
// The Monte Carlo layer's own entry (as src/browser's worker), not src/index.ts: a worker bundle holds only what it runs.
import { runMonteCarlo, type MonteCarloPool, type MonteCarloProgress } from '../../../src/montecarlo/index.ts';
import type { FromBatchWorker, ToBatchWorker } from '../../../src/browser/batch-protocol.ts';
import type { WebBatchRequest } from './batch-protocol.ts';
import { timedPool, type EngineSpan } from './batch-timing.ts';
import { keepWorkersOnCancel } from './warm-pool.ts';

/**
 * The web app's batch worker: src/browser/batch-worker.ts (the chunk workers are
 * started here, results merged and live summaries built off the page's thread),
 * plus what previews need to keep up with a moving lever: a cancel that keeps the
 * workers warm (warm-pool.ts), and, in the e2e build, the engine's share of each
 * batch for the benchmark. One batch at a time; a run request while one is going
 * fails at once.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let pools: { workers: number; pool: MonteCarloPool; warm: MonteCarloPool; timed: ReturnType<typeof timedPool> } | undefined;
let active: { id: number; abort: AbortController } | undefined;

const send = (m: FromBatchWorker) => scope.postMessage(m);

scope.addEventListener('message', (ev: MessageEvent<ToBatchWorker>) => {
  const m = ev.data;
  if (m.type === 'cancel') {
    if (active?.id === m.id) active.abort.abort();
    return;
  }
  if (active) {
    send({ type: 'failed', id: m.id, name: 'Error', message: `batch ${m.id} requested while batch ${active.id} is running` });
    return;
  }
  const { workers: asked, keepWorkers, ...options } = m.request as WebBatchRequest;
  const workers = Math.max(1, asked ?? scope.navigator.hardwareConcurrency ?? 1);
  if (!pools || pools.workers !== workers) {
    void pools?.pool.close();
    // Timed (batch-timing.ts): the e2e build reports the engine's share of each batch to the benchmark.
    const timed = timedPool(createBrowserPool({ workers }));
    pools = { workers, pool: timed, warm: keepWorkersOnCancel(timed), timed };
  }
  const pool = keepWorkers ? pools.warm : pools.pool;
  const timed = pools.timed;
  timed.reset();
  const started = performance.now();
  const me = { id: m.id, abort: new AbortController() };
  active = me;
  const onProgress = (progress: MonteCarloProgress) => send({ type: 'progress', id: me.id, progress });
  const run = runMonteCarlo(m.scenario, { ...options, pool, signal: me.abort.signal, clock: () => performance.now(), onProgress });
  run
    .then(
      (summary) => {
        send({ type: 'done', id: me.id, summary });
        // Id -1: not a batch the runner waits for, so it passes it by; the page's e2e hooks read it.
        if (__E2E__) scope.postMessage({ type: 'engine-span', id: -1, span: { batch: me.id, batchMs: performance.now() - started, ...timed.span() } satisfies EngineSpan });
      },
      (e: unknown) => send({ type: 'failed', id: me.id, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) }),
    )
    .finally(() => {
      if (active === me) active = undefined;
    });
});
