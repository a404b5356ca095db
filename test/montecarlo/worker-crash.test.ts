import { describe, expect, it } from 'vitest';
import { MonteCarloWorkerError, runMonteCarlo } from '../../src/montecarlo/index.ts';
import { runSeed } from '../../src/montecarlo/seeds.ts';
import { FAIL_AT_RUN } from './fixtures/failing-runner.ts';
import { loadBaseline, trackedNodePool } from './helpers.ts';

/**
 * Issue #17, defect 13: a worker thread that dies (here: process.exit inside run
 * FAIL_AT_RUN, as a native crash would end it) names the run it was executing and
 * its seed, as a run that throws does, not only the range of runs it held.
 */
const CRASHING_WORKER = new URL('./fixtures/crashing-worker.ts', import.meta.url);

describe('a crashed worker', () => {
  it('names the run it was executing and its seed', async () => {
    const { pool, live } = trackedNodePool(2, CRASHING_WORKER);
    const err = await runMonteCarlo(loadBaseline(), { runs: 600, masterSeed: 13, chunkSize: 50, pool }).catch((e: unknown) => e);
    await pool.close();
    expect(err).toBeInstanceOf(MonteCarloWorkerError);
    const e = err as MonteCarloWorkerError;
    expect([e.runIndex, e.seed]).toEqual([FAIL_AT_RUN, runSeed(13, FAIL_AT_RUN)]);
    expect(e.message).toBe(
      `a worker died during run ${FAIL_AT_RUN} (seed "13/${FAIL_AT_RUN}", one of runs [${e.firstRun}, ${e.firstRun + e.runCount})): worker thread exited with code 3. Reproduce with simulate(scenario, "13/${FAIL_AT_RUN}").`,
    );
    expect(live.size).toBe(0);
  });
});
