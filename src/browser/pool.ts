import { transfer, wrap, type Remote } from 'comlink';
import { createWorkerPool, type WorkerHandle } from '../montecarlo/worker-pool.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from '../montecarlo/chunk-runner.ts';

type ChunkServiceApi = {
  prepare(batch: BatchSpec): void;
  runChunk(chunk: ChunkSpec): ChunkOutcome;
};

export interface BrowserPoolOptions {
  /** Web Workers; default navigator.hardwareConcurrency (at least 1). */
  workers?: number;
  /** Makes one worker; default the bundled ./worker.ts as an ES module worker. */
  createWorker?: () => Worker;
}

/**
 * The Monte Carlo pool over Web Workers, for the web app (bundled by Vite: the
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })` form
 * is what Vite recognises and bundles). Same contract as the Node pool: workers
 * start on first use, `cancel` terminates them at once (the next batch starts new
 * ones), a worker that errors rejects its chunk, `close` frees them.
 *
 * @example
 *   const pool = createBrowserPool();
 *   const summary = await runMonteCarlo(scenario, { runs: 20_000, masterSeed: 1, pool, signal, onProgress });
 */
export function createBrowserPool(options: BrowserPoolOptions = {}): MonteCarloPool {
  const workers = options.workers ?? Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);
  const make = options.createWorker ?? (() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
  return createWorkerPool(workers, () => wrapWebWorker(make()));
}

function wrapWebWorker(worker: Worker): WorkerHandle {
  const remote: Remote<ChunkServiceApi> = wrap<ChunkServiceApi>(worker);
  let listener: ((e: Error) => void) | undefined;
  let died: Error | undefined;
  let terminated = false;
  const die = (e: Error) => {
    if (terminated || died) return;
    died = e;
    listener?.(e);
  };
  // An uncaught error or a worker script that fails to load arrives here; comlink would wait forever.
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    die(new Error(`web worker failed: ${ev.message || 'could not load or crashed'}`));
  });
  worker.addEventListener('messageerror', () => die(new Error('web worker sent a message that could not be read')));
  return {
    prepare: (batch) => remote.prepare(batch),
    runChunk: (chunk) => remote.runChunk(chunk.recycle ? transfer(chunk, [chunk.recycle]) : chunk) as Promise<ChunkOutcome>,
    onDeath(l) {
      listener = l;
      if (died) l(died);
    },
    async terminate() {
      terminated = true;
      worker.terminate();
    },
  };
}
