/// <reference lib="webworker" />
import { runMonteCarlo } from '../montecarlo/index.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import { createBrowserPool } from './pool.ts';
import type { FromBatchWorker, ToBatchWorker } from './batch-protocol.ts';

/**
 * The batch worker: runs whole batches off the page's thread. It starts the chunk
 * workers itself (nested Web Workers), merges their results and builds the live
 * summaries, so the page only receives finished summaries to draw. One batch at a
 * time; a run request while one is going is a caller bug and fails at once.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let pool: MonteCarloPool | undefined;
let poolWorkers = 0;
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
  const workers = Math.max(1, m.request.workers ?? scope.navigator.hardwareConcurrency ?? 1);
  if (!pool || poolWorkers !== workers) {
    void pool?.close();
    pool = createBrowserPool({ workers });
    poolWorkers = workers;
  }
  const me = { id: m.id, abort: new AbortController() };
  active = me;
  const { workers: _w, ...options } = m.request;
  runMonteCarlo(m.scenario, {
    ...options,
    pool,
    signal: me.abort.signal,
    clock: () => performance.now(),
    onProgress: (progress) => send({ type: 'progress', id: me.id, progress }),
  }).then(
    (summary) => send({ type: 'done', id: me.id, summary }),
    (e: unknown) => send({ type: 'failed', id: me.id, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) }),
  ).finally(() => {
    if (active === me) active = undefined;
  });
});
