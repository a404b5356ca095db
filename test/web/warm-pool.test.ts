import { describe, expect, it } from 'vitest';
import { createInThreadPool, PoolAbortedError, runMonteCarlo, type ChunkOutcome, type MonteCarloPool } from '../../src/index.ts';
import { keepWorkersOnCancel } from '../../web/src/run/warm-pool.ts';
import { baselineWith } from '../e2e/expected.ts';

/** A pool whose chunks settle when the test says so, and which counts real cancels. */
function manualPool() {
  const calls: { resolve: (o: ChunkOutcome) => void; index: number }[] = [];
  let cancels = 0;
  const pool: MonteCarloPool = {
    size: 1,
    prepare: async () => undefined,
    runChunk: (chunk) => new Promise((resolve) => calls.push({ resolve, index: chunk.index })),
    cancel: async () => void cancels++,
    close: async () => undefined,
  };
  return { pool, calls, cancels: () => cancels };
}

describe('keepWorkersOnCancel', () => {
  it('rejects the calls in flight at once, drops their late results, and never cancels the workers', async () => {
    const m = manualPool();
    const warm = keepWorkersOnCancel(m.pool);
    const stale = warm.runChunk({ key: 'a', index: 0, first: 0, count: 1 });
    await warm.cancel();
    await expect(stale).rejects.toBeInstanceOf(PoolAbortedError);
    expect(m.cancels()).toBe(0);
    // The worker finishes the stale chunk later; the next batch's chunk gets its own result.
    const next = warm.runChunk({ key: 'b', index: 0, first: 0, count: 1 });
    m.calls[0].resolve({ ok: true, index: 0, state: 'stale' as never });
    m.calls[1].resolve({ ok: true, index: 0, state: 'fresh' as never });
    await expect(next).resolves.toMatchObject({ state: 'fresh' });
  });

  it('a batch cancelled on it ends partial, and the next batch on the same workers is the exact batch', async () => {
    const scenario = baselineWith();
    const warm = keepWorkersOnCancel(createInThreadPool());
    const abort = new AbortController();
    const cancelled = await runMonteCarlo(scenario, { runs: 4000, masterSeed: 3, chunkSize: 50, pool: warm, signal: abort.signal, onProgress: (p) => p.runsDone > 0 && abort.abort() });
    expect(cancelled.partial).toBe(true);
    const after = await runMonteCarlo(scenario, { runs: 300, masterSeed: 4, pool: warm });
    expect(JSON.stringify(after)).toBe(JSON.stringify(await runMonteCarlo(scenario, { runs: 300, masterSeed: 4 })));
  });
});
