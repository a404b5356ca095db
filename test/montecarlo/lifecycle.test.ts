import { describe, expect, it } from 'vitest';
import {
  createInThreadPool,
  MonteCarloOptionError,
  MonteCarloRunError,
  MonteCarloWorkerError,
  runMonteCarlo,
  runSeed,
  type MonteCarloProgress,
} from '../../src/montecarlo/index.ts';
import { failingRunner, FAIL_AT_RUN } from './fixtures/failing-runner.ts';
import { loadBaseline, shortBaseline, trackedNodePool } from './helpers.ts';

const baseline = loadBaseline();
const FAILING_WORKER = new URL('./fixtures/failing-worker.ts', import.meta.url);
const CRASHING_WORKER = new URL('./fixtures/crashing-worker.ts', import.meta.url);

describe('cancellation', () => {
  it('worker threads: abort returns exactly the runs merged so far, marked partial, with every thread gone; the pool can run again', async () => {
    const { pool, live } = trackedNodePool(2);
    const ctl = new AbortController();
    let atAbort = -1;
    const summary = await runMonteCarlo(baseline, {
      runs: 1_000_000,
      masterSeed: 5,
      chunkSize: 64,
      pool,
      signal: ctl.signal,
      onProgress: (p) => {
        if (atAbort < 0 && p.runsDone >= 500) {
          atAbort = p.runsDone;
          ctl.abort();
        }
      },
    });
    // The bound, stated in runs: nothing merged after the abort (workers are terminated, not drained)...
    expect(summary.partial).toBe(true);
    expect(summary.runs).toBe(atAbort);
    expect(summary.runsRequested).toBe(1_000_000);
    // ...and every thread has exited by the time the call returns.
    expect(live.size).toBe(0);
    // The partial summary is a real one over those runs.
    expect(summary.targetTypes.sincere + summary.targetTypes.opportunist + summary.targetTypes.hardliner).toBe(atAbort);
    // The same pool starts fresh workers for the next batch.
    const again = await runMonteCarlo(baseline, { runs: 300, masterSeed: 5, pool });
    expect(JSON.stringify(again)).toBe(JSON.stringify(await runMonteCarlo(baseline, { runs: 300, masterSeed: 5 })));
    await pool.close();
    expect(live.size).toBe(0);
  });

  it('calling thread: abort from a progress report stops at once with the runs merged so far', async () => {
    const ctl = new AbortController();
    let atAbort = -1;
    const summary = await runMonteCarlo(baseline, {
      runs: 1_000_000,
      masterSeed: 6,
      chunkSize: 64,
      signal: ctl.signal,
      onProgress: (p) => {
        if (atAbort < 0 && p.runsDone >= 256) {
          atAbort = p.runsDone;
          ctl.abort();
        }
      },
    });
    expect(summary.partial).toBe(true);
    expect(summary.runs).toBe(atAbort);
  });

  it('abort while the worker threads are still starting ends cleanly, with no thread left', async () => {
    const { pool, live, spawned } = trackedNodePool(2);
    const ctl = new AbortController();
    const pending = runMonteCarlo(baseline, { runs: 10_000, masterSeed: 2, pool, signal: ctl.signal });
    ctl.abort();
    const summary = await pending;
    expect(summary).toMatchObject({ runs: 0, partial: true });
    expect(spawned()).toBe(2);
    expect(live.size).toBe(0);
    await pool.close();
  });

  it('an already aborted signal runs nothing and starts no worker', async () => {
    const { pool, spawned } = trackedNodePool(2);
    const summary = await runMonteCarlo(baseline, { runs: 1000, masterSeed: 1, pool, signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ runs: 0, partial: true, runsRequested: 1000 });
    expect(spawned()).toBe(0);
    await pool.close();
  });
});

describe('failures', () => {
  it('a run that throws in a worker thread fails the batch with its run index and seed, and no thread is left', async () => {
    const { pool, live } = trackedNodePool(2, FAILING_WORKER);
    const err = await runMonteCarlo(baseline, { runs: 600, masterSeed: 11, chunkSize: 50, pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MonteCarloRunError);
    const e = err as MonteCarloRunError;
    expect(e.runIndex).toBe(FAIL_AT_RUN);
    expect(e.seed).toBe(runSeed(11, FAIL_AT_RUN));
    expect(e.message).toContain(`seed "${runSeed(11, FAIL_AT_RUN)}"`);
    expect(e.message).toContain('injected failure');
    expect(live.size).toBe(0);
    // The seed reproduces it outside the pool.
    expect(() => failingRunner(baseline).run(e.seed)).toThrow('injected failure');
    await pool.close();
  });

  it('a run that throws in the calling thread fails the same way', async () => {
    const pool = createInThreadPool({ makeRunner: failingRunner });
    await expect(runMonteCarlo(baseline, { runs: 300, masterSeed: 12, pool })).rejects.toMatchObject({ name: 'MonteCarloRunError', runIndex: FAIL_AT_RUN, seed: runSeed(12, FAIL_AT_RUN) });
  });

  it('a worker thread that dies rejects the batch naming its runs instead of hanging', async () => {
    const { pool, live } = trackedNodePool(2, CRASHING_WORKER);
    const err = await runMonteCarlo(baseline, { runs: 600, masterSeed: 13, chunkSize: 50, pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MonteCarloWorkerError);
    const e = err as MonteCarloWorkerError;
    expect(e.firstRun).toBeLessThanOrEqual(FAIL_AT_RUN);
    expect(e.firstRun + e.runCount).toBeGreaterThan(FAIL_AT_RUN);
    expect(live.size).toBe(0);
    await pool.close();
  });
});

describe('progress', () => {
  it('reports monotone progress, a live partial summary, and a last report equal to the result', async () => {
    const scenario = shortBaseline(24);
    const reports: MonteCarloProgress[] = [];
    const summary = await runMonteCarlo(scenario, { runs: 3000, masterSeed: 3, chunkSize: 32, liveSummary: true, onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < reports.length; i++) expect(reports[i].runsDone).toBeGreaterThanOrEqual(reports[i - 1].runsDone);
    const last = reports[reports.length - 1];
    expect(last.runsDone).toBe(3000);
    expect(JSON.stringify(last.summary)).toBe(JSON.stringify(summary));
    for (const r of reports.slice(0, -1)) if (r.summary) expect(r.summary.runs).toBe(r.runsDone);
  });

  it('a progress callback that throws fails the batch', async () => {
    await expect(
      runMonteCarlo(shortBaseline(6), {
        runs: 100,
        masterSeed: 1,
        onProgress: () => {
          throw new Error('bar broke');
        },
      }),
    ).rejects.toThrow('bar broke');
  });
});

describe('options', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ runs: 0, masterSeed: 1 }, /options\.runs must be an integer in \[1, /],
    [{ runs: 1.5, masterSeed: 1 }, /options\.runs must be an integer/],
    [{ runs: 10, masterSeed: 0.5 }, /options\.masterSeed must be an integer/],
    [{ runs: 10, masterSeed: 1, chunkSize: 0 }, /options\.chunkSize must be an integer in \[1, /],
    [{ runs: 10, masterSeed: 1, sampleSize: 5000 }, /options\.sampleSize must be an integer in \[0, 1000\]/],
    [{ runs: 10, masterSeed: 1, workers: 4 }, /options\.workers = 4 needs options\.pool/],
    [{ runs: 10, masterSeed: 1, shard: { index: 0, count: 2 } }, /options\.shard\.index must be an integer in \[1, 2\]/],
    [{ runs: 10, masterSeed: 1, shard: { index: 1, count: 11 } }, /options\.shard\.count must be an integer in \[1, 10\]/],
    [{ runs: 10, masterSeed: 1, timings: true }, /options\.timings needs options\.clock/],
  ];
  for (const [o, message] of bad) {
    it(`rejects ${JSON.stringify(o)}`, async () => {
      const err = await runMonteCarlo(baseline, o as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MonteCarloOptionError);
      expect((err as Error).message).toMatch(message);
    });
  }
});
