import type { MonteCarloPool } from '../../../src/montecarlo/index.ts';

/**
 * How long a batch kept the chunk workers busy, for the benchmark (bench/web.ts says
 * how much of a lever change is the engine and how much everything else): from the
 * first prepare (the engine compiles the scenario) or chunk sent to the last chunk
 * result received, in the batch worker's clock. Only the e2e build measures it.
 */
export interface EngineSpan {
  /** The batch runner's id of the batch (src/browser/batch-runner.ts numbers them from 1). */
  batch: number;
  /** Wall time the chunk workers had the batch's prepare or chunks (ms). */
  engineMs: number;
  /** Wall time of the whole batch in the batch worker, merges and summaries included (ms). */
  batchMs: number;
  chunks: number;
  /** Of engineMs, wall time in the workers' prepare: compiling the scenario and solving the target's plan, shared (src/browser/plan-exchange.ts). */
  prepareMs: number;
  /** Parts of the target's plan the workers solved ahead for this batch (0: the design was solved before). */
  planParts: number;
}

/** Wraps a pool so the batch's engine span can be read after it (`span()`), counting only calls made since `reset()`. */
export function timedPool(pool: MonteCarloPool): MonteCarloPool & { reset(): void; span(): { engineMs: number; chunks: number; prepareMs: number } } {
  let busy = 0;
  let since = 0;
  let total = 0;
  let chunks = 0;
  let prepareMs = 0;
  const track = async <T>(call: () => Promise<T>): Promise<T> => {
    if (busy++ === 0) since = performance.now();
    try {
      return await call();
    } finally {
      if (--busy === 0) total += performance.now() - since;
    }
  };
  return {
    size: pool.size,
    prepare: (b) =>
      track(async () => {
        const t = performance.now();
        try {
          return await pool.prepare(b);
        } finally {
          prepareMs += performance.now() - t;
        }
      }),
    runChunk: (c) => {
      chunks++;
      return track(() => pool.runChunk(c));
    },
    cancel: () => pool.cancel(),
    close: () => pool.close(),
    reset() {
      total = 0;
      chunks = 0;
      prepareMs = 0;
      // Chunks of a dropped batch still running on warm workers: this batch waits for them from now.
      if (busy > 0) since = performance.now();
    },
    span: () => ({ engineMs: total + (busy > 0 ? performance.now() - since : 0), chunks, prepareMs }),
  };
}
