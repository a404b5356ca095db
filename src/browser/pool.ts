import { transfer, wrap, type Remote } from 'comlink';
import { createWorkerPool, type KeyedSpec, type WorkerHandle } from '../montecarlo/worker-pool.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from '../montecarlo/chunk-runner.ts';
import type { ExperimentPool } from '../experiments/pool.ts';
import type { ExperimentSpec, PointChunkOutcome, PointChunkSpec } from '../experiments/chunk-service.ts';

export interface BrowserPoolOptions {
  /** Web Workers; default navigator.hardwareConcurrency (at least 1). */
  workers?: number;
  /** Makes one worker; default the bundled worker entry (./worker.ts, ./experiment-worker.ts) as an ES module worker. */
  createWorker?: () => Worker;
}

const defaultWorkers = () => Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);

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
  const make = options.createWorker ?? (() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
  return createWorkerPool(options.workers ?? defaultWorkers(), () => wrapWebWorker<BatchSpec, ChunkSpec, ChunkOutcome>(make()));
}

/**
 * The experiment pool over Web Workers whose entry (experiment-worker.ts) exposes
 * an ExperimentChunkService: the same worker pool as batches', so an experiment
 * in the browser gives the same bits as in Node for any number of workers.
 *
 * @example
 *   const pool = createBrowserExperimentPool({ workers: 4 });
 *   try { partial = await runExperiment(experiment, { pool }); } finally { await pool.close(); }
 */
export function createBrowserExperimentPool(options: BrowserPoolOptions = {}): ExperimentPool {
  const make = options.createWorker ?? (() => new Worker(new URL('./experiment-worker.ts', import.meta.url), { type: 'module' }));
  return createWorkerPool(options.workers ?? defaultWorkers(), () => wrapWebWorker<ExperimentSpec, PointChunkSpec, PointChunkOutcome>(make()));
}

/** A Web Worker running a chunk service (prepare, runChunk) behind comlink, as the worker pool sees it. */
function wrapWebWorker<Spec extends KeyedSpec, Chunk extends object, Outcome>(worker: Worker): WorkerHandle<Spec, Chunk, Outcome> {
  // The entry fixes the service's types (worker.ts, experiment-worker.ts); comlink cannot check them across the thread.
  const remote = wrap(worker) as unknown as Remote<{ prepare(spec: unknown): void; runChunk(chunk: unknown): Outcome }>;
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
    prepare: (spec) => remote.prepare(spec),
    runChunk: (chunk) => {
      const recycle = (chunk as { recycle?: ArrayBuffer }).recycle;
      return remote.runChunk(recycle ? transfer(chunk, [recycle]) : chunk) as Promise<Outcome>;
    },
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
