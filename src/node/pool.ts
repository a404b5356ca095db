import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { transfer, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerPool, type WorkerHandle, type WorkerSpec } from '../montecarlo/worker-pool.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from '../montecarlo/chunk-runner.ts';
import { workerHeapLimitMb } from '../montecarlo/worker-memory.ts';
import { workerBundle } from './worker-bundle.ts';
import { CurrentRunCell, WorkerDiedError } from './pool-current-run.ts';

export interface NodePoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  workers?: number;
  /**
   * Module the workers run; default ./pool-entry.ts (the real engine). Tests give
   * their own entry that calls exposeChunkService with a fault-injecting runner.
   */
  workerUrl?: URL;
}

/**
 * A Monte Carlo pool over Node worker_threads, talking to each worker through
 * comlink. Workers run one esbuild bundle of their entry (worker-bundle.ts),
 * start on first use and stay until
 * `close()`; `cancel()` (abort, failure) terminates them at once and the next
 * batch starts new ones. A worker that crashes or exits rejects its chunk, so a
 * batch never hangs. Close the pool when done, or the process stays alive.
 *
 * @example
 *   const pool = createNodePool({ workers: 4 });
 *   try { summary = await runMonteCarlo(scenario, { runs: 1e6, masterSeed: 1, pool }); }
 *   finally { await pool.close(); }
 */
export function createNodePool(options: NodePoolOptions = {}): MonteCarloPool {
  const workers = options.workers ?? availableParallelism();
  const entry = options.workerUrl ?? DEFAULT_ENTRY;
  return createWorkerPool(workers, (batch) => spawnNodeWorker(entry, batch));
}

/**
 * Young generation of each worker, MB. Small on purpose: a worker's garbage is
 * short-lived (one run's scratch), so small, frequent scavenges cost nothing
 * measurable (benchmarked) and resident memory stays flat.
 */
const YOUNG_GENERATION_MB = 4;

const DEFAULT_ENTRY = new URL('./pool-entry.ts', import.meta.url);

/** A worker thread as the pool sees it, plus when it has really exited (for tests that check nothing is left running). */
export interface NodeWorkerHandle<Spec extends WorkerSpec = BatchSpec, Chunk = ChunkSpec, Outcome = ChunkOutcome> extends WorkerHandle<Spec, Chunk, Outcome> {
  readonly exited: Promise<number>;
}

/**
 * Starts one worker thread running `entry` (a module that calls
 * exposeChunkService), with heap limits sized for `batch` (workerHeapLimitMb):
 * V8 then collects early and resident memory does not creep with the number of
 * runs. A later batch that needs more gets a new worker (`fits`).
 */
export function spawnNodeWorker<Spec extends WorkerSpec = BatchSpec, Chunk extends object = ChunkSpec, Outcome = ChunkOutcome>(
  entry: URL = DEFAULT_ENTRY,
  batch?: Spec,
): NodeWorkerHandle<Spec, Chunk, Outcome> {
  const oldMb = batch ? workerHeapLimitMb(batch.scenario, batch.sampleSize) : undefined;
  const current = new CurrentRunCell();
  const worker = new Worker(workerBundle(entry), {
    eval: true,
    workerData: { currentRun: current.buffer },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(oldMb ? { maxOldGenerationSizeMb: oldMb } : {}) },
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  // The entry fixes the service's types (pool-worker.ts, experiment-worker.ts); comlink cannot check them across the thread.
  const remote = wrap(nodeEndpoint(worker as never)) as unknown as Remote<{ prepare(spec: unknown): void; runChunk(chunk: unknown): Outcome }>;
  let terminating = false;
  let deathListener: ((e: Error) => void) | undefined;
  let died: Error | undefined;
  const die = (e: Error) => {
    if (terminating || died) return;
    const run = current.read();
    died = run ? new WorkerDiedError(e, run.runIndex, run.seed) : e;
    deathListener?.(died);
  };
  worker.on('error', (e) => die(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => die(new Error(`worker thread exited with code ${code}`)));
  return {
    exited,
    fits: (b) => oldMb === undefined || workerHeapLimitMb(b.scenario, b.sampleSize) <= oldMb,
    prepare: (batch) => remote.prepare(batch),
    runChunk: (chunk) => {
      const recycle = (chunk as { recycle?: ArrayBuffer }).recycle;
      return remote.runChunk(recycle ? transfer(chunk, [recycle]) : chunk) as Promise<Outcome>;
    },
    onDeath(listener) {
      deathListener = listener;
      if (died) listener(died);
    },
    async terminate() {
      terminating = true;
      await worker.terminate();
    },
  };
}
