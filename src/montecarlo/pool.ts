import { ChunkService, type BatchSpec, type ChunkOutcome, type ChunkSpec, type RunnerFactory } from './chunk-runner.ts';

/**
 * Where the chunks of a batch run. The batch runner (run.ts) only sees this
 * interface; adapters provide it over Node worker_threads (src/node/pool.ts) and
 * Web Workers (src/browser/pool.ts), and createInThreadPool runs chunks in the
 * calling thread. A pool serves one batch at a time (its workers hold that
 * batch's scenario): queue batches, or use one pool per concurrent batch.
 */
export interface MonteCarloPool {
  /** Chunks that can run at the same time. */
  readonly size: number;
  /** Gives every worker the batch (scenario, master seed); starts workers if needed. */
  prepare(batch: BatchSpec): Promise<void>;
  /** Runs one chunk. Rejects with PoolAbortedError after `cancel`, or an Error if a worker died. */
  runChunk(chunk: ChunkSpec): Promise<ChunkOutcome>;
  /** Stops all work at once (workers are terminated, running chunks rejected); the pool can be used again. */
  cancel(): Promise<void>;
  /** Terminates the workers for good. */
  close(): Promise<void>;
}

/** Rejection of chunks that were running when the pool was cancelled. */
export class PoolAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('the pool was cancelled');
  }
}

/** Runs-x-periods per slice of the in-thread pool: a few milliseconds of work between event-loop turns. */
const IN_THREAD_SLICE_RUN_PERIODS = 2048;

/**
 * A pool of one that runs chunks in the calling thread, in slices, yielding to
 * the event loop between slices so progress timers and an AbortSignal are served
 * (a cancel takes effect after at most one slice, plus one run).
 */
export function createInThreadPool(options: { makeRunner?: RunnerFactory } = {}): MonteCarloPool {
  const service = new ChunkService(options.makeRunner);
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let sliceRuns = 1;
  return {
    size: 1,
    async prepare(batch) {
      service.prepare(batch);
      sliceRuns = Math.max(1, Math.floor(IN_THREAD_SLICE_RUN_PERIODS / batch.scenario.horizonPeriods));
    },
    runChunk(chunk) {
      const gen = generation;
      // One chunk at a time: the engine runner's buffers are shared.
      const run = queue.then(async () => {
        const job = service.job(chunk);
        for (;;) {
          if (gen !== generation) throw new PoolAbortedError();
          if (job.advance(sliceRuns)) return service.finish(job);
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
