import type { Scenario } from '../scenario/schema.ts';
import { ChunkService, type BatchSpec, type ChunkOutcome, type ChunkSpec, type RunnerFactory } from './chunk-runner.ts';

/**
 * Where the chunks of a batch or an experiment run: the scheduler (schedule.ts)
 * only sees this interface. Adapters provide it over Node worker_threads
 * (src/node/pool.ts) and Web Workers (src/browser/pool.ts), through the one worker
 * pool (worker-pool.ts); createInThreadChunkPool runs chunks in the calling thread.
 * A pool serves one batch or experiment at a time (its workers hold that one's
 * spec): queue them, or use one pool per concurrent call.
 */
export interface ChunkPool<Spec, Chunk, Outcome> {
  /** Chunks that can run at the same time. */
  readonly size: number;
  /** Gives every worker the spec (scenario, master seed, ...); starts workers if needed. */
  prepare(spec: Spec): Promise<void>;
  /** Runs one chunk. Rejects with PoolAbortedError after `cancel`, or an Error if a worker died. */
  runChunk(chunk: Chunk): Promise<Outcome>;
  /** Stops all work at once (workers are terminated, running chunks rejected); the pool can be used again. */
  cancel(): Promise<void>;
  /** Terminates the workers for good. */
  close(): Promise<void>;
}

/** The pool of a Monte Carlo batch. */
export type MonteCarloPool = ChunkPool<BatchSpec, ChunkSpec, ChunkOutcome>;

/** Rejection of chunks that were running when the pool was cancelled. */
export class PoolAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('the pool was cancelled');
  }
}

/** Runs-x-periods per slice of the in-thread pool: a few milliseconds of work between event-loop turns. */
const IN_THREAD_SLICE_RUN_PERIODS = 2048;

/** A chunk being worked in the calling thread: a few runs per `advance`, then its outcome. */
export interface SlicedChunk<Outcome> {
  /** Runs up to `maxRuns` more runs; returns whether the chunk is finished (or failed). */
  advance(maxRuns: number): boolean;
  outcome(): Outcome;
}

/** What the in-thread pool drives: the worker side of a batch or an experiment, in this thread. */
export interface SlicedChunkService<Spec, Chunk, Outcome> {
  prepare(spec: Spec): void;
  job(chunk: Chunk): SlicedChunk<Outcome>;
}

/**
 * A pool of one that runs chunks in the calling thread, in slices of about
 * IN_THREAD_SLICE_RUN_PERIODS run-periods, yielding to the event loop between
 * slices so progress timers and an AbortSignal are served (a cancel takes effect
 * after at most one slice, plus one run). Chunks run one at a time: the engine
 * runner's buffers are shared.
 */
export function createInThreadChunkPool<Spec extends { scenario: Scenario }, Chunk, Outcome>(service: SlicedChunkService<Spec, Chunk, Outcome>): ChunkPool<Spec, Chunk, Outcome> {
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let sliceRuns = 1;
  return {
    size: 1,
    async prepare(spec) {
      service.prepare(spec);
      sliceRuns = Math.max(1, Math.floor(IN_THREAD_SLICE_RUN_PERIODS / spec.scenario.horizonPeriods));
    },
    runChunk(chunk) {
      const gen = generation;
      const run = queue.then(async () => {
        const job = service.job(chunk);
        for (;;) {
          if (gen !== generation) throw new PoolAbortedError();
          if (job.advance(sliceRuns)) return job.outcome();
          await yieldToEventLoop();
        }
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

/** The in-thread pool of a Monte Carlo batch. */
export function createInThreadPool(options: { makeRunner?: RunnerFactory } = {}): MonteCarloPool {
  const service = new ChunkService(options.makeRunner);
  return createInThreadChunkPool<BatchSpec, ChunkSpec, ChunkOutcome>({
    prepare: (batch) => service.prepare(batch),
    job(chunk) {
      const job = service.job(chunk);
      return { advance: (n) => job.advance(n), outcome: () => service.finish(job) };
    },
  });
}

/** Lets timers and messages run; setImmediate where it exists (Node), a MessageChannel hop in browsers. */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
