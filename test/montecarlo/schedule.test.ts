import { describe, expect, it } from 'vitest';
import { PoolAbortedError, type ChunkPool } from '../../src/montecarlo/pool.ts';
import { runSchedule, type Schedule } from '../../src/montecarlo/schedule.ts';

/** A pool whose chunks finish when the test says: `finish(k)` resolves chunk k with the outcome k. */
function scriptedPool(size: number) {
  const waiting = new Map<number, { resolve: (k: number) => void; reject: (e: Error) => void }>();
  const log: string[] = [];
  let maxOut = 0;
  const pool: ChunkPool<string, number, number> = {
    size,
    async prepare(spec) {
      log.push(`prepare ${spec}`);
    },
    runChunk(k) {
      log.push(`run ${k}`);
      return new Promise<number>((resolve, reject) => {
        waiting.set(k, { resolve, reject });
        maxOut = Math.max(maxOut, waiting.size);
      });
    },
    async cancel() {
      log.push('cancel');
      for (const w of waiting.values()) w.reject(new PoolAbortedError());
      waiting.clear();
    },
    async close() {},
  };
  const turn = () => new Promise((r) => setTimeout(r, 0));
  return {
    pool,
    log,
    maxOut: () => maxOut,
    running: () => [...waiting.keys()],
    async finish(k: number) {
      await turn();
      const w = waiting.get(k);
      if (!w) throw new Error(`chunk ${k} is not running`);
      waiting.delete(k);
      w.resolve(k);
      await turn();
    },
  };
}

const schedule = (pool: ChunkPool<string, number, number>, o: Partial<Schedule<string, number, number>>): Schedule<string, number, number> => ({
  pool,
  spec: 'spec',
  chunks: 6,
  chunksPerWorker: 2,
  order: 'plan',
  chunkAt: (k) => k,
  failureOf: () => undefined,
  take: () => {},
  ...o,
});

describe('runSchedule', () => {
  it("plan order: outcomes that arrive backwards are taken 0, 1, 2, ...; at most size x chunksPerWorker are out and not taken", async () => {
    const p = scriptedPool(2);
    const taken: number[] = [];
    const done = runSchedule(schedule(p.pool, { take: (o) => void taken.push(o) }));
    // Window 4: chunks 0-3 are handed out; finishing 3, 2, 1 takes nothing (0 is missing), so no more are handed out.
    for (const k of [3, 2, 1]) await p.finish(k);
    expect(p.running()).toEqual([0]);
    expect(taken).toEqual([]);
    await p.finish(0);
    expect(taken).toEqual([0, 1, 2, 3]);
    for (const k of [5, 4]) await p.finish(k);
    expect(await done).toEqual({ kind: 'done' });
    expect(taken).toEqual([0, 1, 2, 3, 4, 5]);
    expect(p.maxOut()).toBe(4);
    expect(p.log[0]).toBe('prepare spec');
    expect(p.log).not.toContain('cancel');
  });

  it('arrival order: outcomes are taken as they come', async () => {
    const p = scriptedPool(2);
    const taken: number[] = [];
    const done = runSchedule(schedule(p.pool, { order: 'arrival', take: (o) => void taken.push(o) }));
    for (const k of [3, 0, 2, 4, 1, 5]) await p.finish(k);
    expect(await done).toEqual({ kind: 'done' });
    expect(taken).toEqual([3, 0, 2, 4, 1, 5]);
  });

  it('an abort during an async take lets that take finish, then cancels the pool', async () => {
    const p = scriptedPool(1);
    const ctl = new AbortController();
    const taken: number[] = [];
    let release!: () => void;
    const done = runSchedule(
      schedule(p.pool, {
        signal: ctl.signal,
        take: (o) => {
          if (o !== 0) return void taken.push(o);
          // Chunk 0's take writes slowly; the abort comes while it writes.
          return new Promise<void>((r) => (release = () => (taken.push(0), p.log.push('take 0 written'), r())));
        },
      }),
    );
    await p.finish(0);
    ctl.abort();
    await p.finish(1);
    // Not cancelled while the take is writing.
    expect(p.log).not.toContain('cancel');
    release();
    expect(await done).toEqual({ kind: 'aborted' });
    expect(p.log.slice(-2)).toEqual(['take 0 written', 'cancel']);
    // Chunk 1 arrived after the abort and is not taken; chunk 0's take completed.
    expect(taken).toEqual([0]);
    expect(p.log.filter((l) => l === 'cancel')).toHaveLength(1);
  });

  it('the first failure ends it with that error, and a dead worker with the error `rejected` makes', async () => {
    const p = scriptedPool(2);
    const done = runSchedule(schedule(p.pool, { failureOf: (o) => (o === 2 ? new Error('run 2 threw') : undefined) }));
    await p.finish(2);
    expect(await done).toEqual({ kind: 'failed', error: new Error('run 2 threw') });
    expect(p.log).toContain('cancel');

    const dying: ChunkPool<string, number, number> = { ...scriptedPool(1).pool, runChunk: async (k) => Promise.reject(new Error(`worker died in ${k}`)) };
    const dead = await runSchedule(schedule(dying, { rejected: (e, k) => new Error(`chunk ${k}: ${(e as Error).message}`) }));
    expect(dead).toEqual({ kind: 'failed', error: new Error('chunk 0: worker died in 0') });
  });

  it('an aborted signal or an empty plan ends before the pool is prepared; a tick that throws fails it', async () => {
    const p = scriptedPool(1);
    const ctl = new AbortController();
    ctl.abort();
    expect(await runSchedule(schedule(p.pool, { signal: ctl.signal }))).toEqual({ kind: 'aborted' });
    expect(await runSchedule(schedule(p.pool, { chunks: 0 }))).toEqual({ kind: 'done' });
    expect(p.log).toEqual([]);
    const ticking = await runSchedule(schedule(scriptedPool(1).pool, { tickMs: 1, tick: () => { throw new Error('progress failed'); } }));
    expect(ticking).toEqual({ kind: 'failed', error: new Error('progress failed') });
  });
});
