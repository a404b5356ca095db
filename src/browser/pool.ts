import { transfer, wrap, type Remote } from 'comlink';
import { createWorkerPool, type KeyedSpec, type WorkerHandle } from '../montecarlo/worker-pool.ts';
import type { MonteCarloPool } from '../montecarlo/pool.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from '../montecarlo/chunk-runner.ts';
import type { ExperimentPool } from '../experiments/pool.ts';
import type { ExperimentSpec, PointChunkOutcome, PointChunkSpec } from '../experiments/chunk-service.ts';
import { scenarioFingerprint } from '../montecarlo/seeds.ts';
import { PlanExchange, type PlanReport } from './plan-exchange.ts';
import type { PlanPartId, SolvedPlanPart } from './plan-store.ts';

export interface BrowserPoolOptions {
  /** Web Workers; default navigator.hardwareConcurrency (at least 1). */
  workers?: number;
  /** Makes one worker; default the bundled worker entry (./worker.ts, ./experiment-worker.ts) as an ES module worker. */
  createWorker?: () => Worker;
  /**
   * Batches only: the workers split the solving of the target's plan and share it, and
   * solved designs are kept for the pool's lifetime (plan-exchange.ts); default true.
   * The entry must be ./worker.ts's protocol (preparePlan, solvePlanParts, installPlanParts).
   */
  sharePlans?: boolean;
  /** With sharePlans: the exchange to use (default a new one per pool); tests read its counts. */
  planExchange?: PlanExchange;
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
  const exchange = options.sharePlans === false ? undefined : (options.planExchange ?? new PlanExchange());
  return createWorkerPool(options.workers ?? defaultWorkers(), () => wrapWebWorker<BatchSpec, ChunkSpec, ChunkOutcome>(make(), exchange));
}

/** The design's key for the exchange: its content (the plan reads nothing else; not the seed or the sample size). */
const designKeys = new WeakMap<object, string>();
function designKey(spec: BatchSpec): string {
  let k = designKeys.get(spec);
  if (k === undefined) designKeys.set(spec, (k = scenarioFingerprint(spec.scenario)));
  return k;
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
function wrapWebWorker<Spec extends KeyedSpec, Chunk extends object, Outcome>(worker: Worker, exchange?: PlanExchange): WorkerHandle<Spec, Chunk, Outcome> {
  // The entry fixes the service's types (worker.ts, experiment-worker.ts); comlink cannot check them across the thread.
  const remote = wrap(worker) as unknown as Remote<{
    prepare(spec: unknown): void;
    runChunk(chunk: unknown): Outcome;
    preparePlan(spec: unknown): PlanReport;
    solvePlanParts(key: string, ids: PlanPartId[]): SolvedPlanPart[];
    installPlanParts(key: string, parts: SolvedPlanPart[]): void;
  }>;
  let listener: ((e: Error) => void) | undefined;
  let died: Error | undefined;
  let terminated = false;
  /** Rejecters of the plan exchange's calls in flight: comlink never settles a call to a dead or stopped worker. */
  const inFlight = new Set<(e: Error) => void>();
  const stop = (e: Error) => {
    for (const reject of inFlight) reject(e);
    inFlight.clear();
  };
  const call = <T>(f: () => Promise<T>): Promise<T> => {
    if (died || terminated) return Promise.reject(died ?? new Error('web worker stopped'));
    return new Promise<T>((resolve, reject) => {
      inFlight.add(reject);
      f().then(resolve, reject).finally(() => inFlight.delete(reject));
    });
  };
  const die = (e: Error) => {
    if (terminated || died) return;
    died = e;
    stop(e);
    listener?.(e);
  };
  // An uncaught error or a worker script that fails to load arrives here; comlink would wait forever.
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    die(new Error(`web worker failed: ${ev.message || 'could not load or crashed'}`));
  });
  worker.addEventListener('messageerror', () => die(new Error('web worker sent a message that could not be read')));
  /** Prepare, then help solve the batch's plan and take the rest (plan-exchange.ts). */
  async function preparePlan(spec: BatchSpec): Promise<void> {
    const report = await call(() => remote.preparePlan(spec) as Promise<PlanReport>);
    if (report.all.length === 0) return;
    await exchange!.join(designKey(spec), {
      solve: (ids) => call(() => remote.solvePlanParts(spec.key, ids) as Promise<SolvedPlanPart[]>),
      install: (parts) => call(() => remote.installPlanParts(spec.key, parts) as Promise<void>),
    }, report);
  }
  return {
    prepare: (spec) => (exchange ? preparePlan(spec as unknown as BatchSpec) : remote.prepare(spec)),
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
      stop(new Error('web worker stopped'));
      worker.terminate();
    },
  };
}
