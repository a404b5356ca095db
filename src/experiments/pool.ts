import { yieldToEventLoop, PoolAbortedError, type MonteCarloPool } from '../montecarlo/pool.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Runner } from '../engine/simulate.ts';
import { ExperimentChunkService, type ExperimentSpec, type PointChunkOutcome, type PointChunkSpec } from './chunk-service.ts';

/**
 * Where the chunks of an experiment run: the batch layer's pool contract
 * (MonteCarloPool: size, prepare, runChunk, cancel, close) with the experiment's
 * spec and chunks. Adapters: experimentPoolOver wraps a worker pool whose workers
 * expose an ExperimentChunkService (src/node/experiment-worker.ts), and
 * createInThreadExperimentPool runs chunks in the calling thread.
 */
export interface ExperimentPool {
  readonly size: number;
  prepare(spec: ExperimentSpec): Promise<void>;
  runChunk(chunk: PointChunkSpec): Promise<PointChunkOutcome>;
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An experiment pool over a batch-layer worker pool (createWorkerPool) whose
 * workers run an ExperimentChunkService. The worker pool only routes messages (it
 * reads a spec's key, scenario and sampleSize, which an ExperimentSpec has), so the
 * one cast here is the worker's reply, whose type the worker entry fixes.
 */
export function experimentPoolOver(pool: MonteCarloPool): ExperimentPool {
  return {
    size: pool.size,
    prepare: (spec) => pool.prepare(spec),
    runChunk: (chunk) => pool.runChunk(chunk) as unknown as Promise<PointChunkOutcome>,
    cancel: () => pool.cancel(),
    close: () => pool.close(),
  };
}

/** Run-periods per slice of the in-thread pool, as in the batch layer's. */
const SLICE_RUN_PERIODS = 2048;

/**
 * A pool of one in the calling thread. Chunks are cut small (see runExperiment's
 * chunk size for in-thread pools) and the pool yields to the event loop between
 * chunks, so progress and an AbortSignal are served.
 */
export function createInThreadExperimentPool(options: { makeRunner?: (scenario: Scenario) => Runner } = {}): ExperimentPool {
  const service = new ExperimentChunkService(options.makeRunner);
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    size: 1,
    async prepare(spec) {
      service.prepare(spec);
    },
    runChunk(chunk) {
      const gen = generation;
      const run = queue.then(async () => {
        await yieldToEventLoop();
        if (gen !== generation) throw new PoolAbortedError();
        return service.runChunk(chunk);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async cancel() {
      generation++;
    },
    async close() {
      generation++;
    },
  };
}

/** Chunk size of the in-thread pool: about SLICE_RUN_PERIODS run-periods, so a cancel waits a few milliseconds at most. */
export function inThreadChunkSize(horizonPeriods: number): number {
  return Math.max(1, Math.floor(SLICE_RUN_PERIODS / horizonPeriods));
}
