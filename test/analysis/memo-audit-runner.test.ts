import { describe, expect, it } from 'vitest';
import { libraryShocks, memoStudies, type MemoAudit } from '../../src/analysis/studies/index.ts';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

/**
 * The memo's audit on the caller's runner (the web app passes its analysis worker's, so
 * the page stays responsive and Cancel reaches the audit): the runner's answer is the
 * memo's audit; a runner stopped by the cancel leaves the memo partial without an audit;
 * any other failure is the caller's error. The sweep and comparison are left out and the
 * stress test has one shock at 5 runs a probe, so the test is quick.
 */
const l = loadScenarioFile('scenarios/baseline.yaml');
if (!l.ok) throw new Error('baseline does not load');
const base: Scenario = l.scenario;
const small = { runsPerPoint: 5, masterSeed: 4, shocks: libraryShocks(base, 10).slice(0, 1), sweepRanges: {}, runBatch: (s: Scenario) => runMonteCarlo(s, { runs: 20, masterSeed: 4 }) };

describe("the memo's audit runner", () => {
  it('is asked for the audit with the memo runs and seed, and its answer is the audit', async () => {
    const asked: { runs: number; masterSeed: number }[] = [];
    const answer: MemoAudit = { unavailable: 'answered by the runner' };
    const st = await memoStudies(base, { ...small, audit: { runs: 30 }, runAudit: async (s, o) => (asked.push(o), expect(s).toBe(base), answer) });
    expect(asked).toEqual([{ runs: 30, masterSeed: 4 }]);
    expect(st.audit).toBe(answer);
    expect(st.complete).toBe(true);
  });

  it('stopped by the cancel, leaves the memo without an audit and marked partial', async () => {
    const abort = new AbortController();
    const st = await memoStudies(base, {
      ...small,
      signal: abort.signal,
      runAudit: () => {
        abort.abort();
        return Promise.reject(new Error('cancelled'));
      },
    });
    expect(st.audit).toBeNull();
    expect(st.complete).toBe(false);
  });

  it("failing without a cancel, is the caller's error", async () => {
    await expect(memoStudies(base, { ...small, runAudit: () => Promise.reject(new Error('worker failed')) })).rejects.toThrow('worker failed');
  });
});
