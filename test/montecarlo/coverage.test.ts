import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { analyticScenario, complyingScenario } from '../helpers/analytic.ts';

/**
 * The summaries' 95% intervals must cover known closed-form values about 95% of
 * the time. Each check runs many independent batches (master seeds 1..M) and
 * counts how often the interval holds the true value; with exact 95% coverage
 * that count is Binomial(M, 0.95), so it must fall within 3.29 of its standard
 * deviations (a fixed-seed test that would fail by chance once in 1,000 seed
 * sets); with enough checks the upper limit also catches intervals that are too
 * wide (below about 150 checks it cannot bite).
 */
function expectCoverage(covered: number, checks: number): void {
  const mean = 0.95 * checks;
  const sd = Math.sqrt(checks * 0.95 * 0.05);
  expect(covered, `${covered} of ${checks} intervals covered`).toBeGreaterThanOrEqual(Math.floor(mean - 3.29 * sd));
  expect(covered, `${covered} of ${checks} intervals covered`).toBeLessThanOrEqual(Math.ceil(mean + 3.29 * sd));
}
const covers = (ci: [number, number], x: number) => ci[0] <= x && x <= ci[1];

describe('confidence intervals cover closed-form values at the stated rate', () => {
  it('MODEL.md result 5: with leakage lambda and clear exemptions the mean leakage share is lambda each period (normal CI)', async () => {
    const lambda = 0.3;
    // 140001 kUSD sent a period: lambda x sent is not whole, so stochastic rounding makes each period random.
    const scenario = complyingScenario({ horizonPeriods: 6, design: { humanitarian: { baseLeakage: lambda, exemptionClarity: 1, carveOutAidPerPeriod: 60001 } } });
    let covered = 0;
    let checks = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const s = await runMonteCarlo(scenario, { runs: 400, masterSeed: seed, sampleSize: 0 });
      for (let t = 0; t < scenario.horizonPeriods; t++) {
        const mean = s.periods.leakage.mean[t];
        const se = s.periods.leakage.se[t];
        expect(se).toBeGreaterThan(0);
        checks++;
        if (covers([mean - 1.959963984540054 * se, mean + 1.959963984540054 * se], lambda)) covered++;
      }
      // Conservation, exactly, in every period of every batch.
      for (let t = 0; t < scenario.horizonPeriods; t++) {
        expect(s.periods.aidDelivered.mean[t] + s.periods.aidDiverted.mean[t] + s.periods.aidUndelivered.mean[t]).toBeCloseTo(s.periods.aidSent.mean[t], 6);
      }
    }
    expectCoverage(covered, checks);
  });

  it('false alarms: an always-complying target draws Binomial(H, q) false alarms, mean H q (events CI)', async () => {
    const q = 0.1;
    const H = 20;
    const scenario = complyingScenario({ horizonPeriods: H, design: { verification: { falseAlarmProbability: q }, consequences: { trigger: 'none' } } });
    let covered = 0;
    const M = 100;
    for (let seed = 1; seed <= M; seed++) {
      const s = await runMonteCarlo(scenario, { runs: 200, masterSeed: seed, sampleSize: 0 });
      if (covers(s.events.falseAlarm.ci95PerRun!, H * q)) covered++;
    }
    expectCoverage(covered, M);
  });

  it('a rare 0/1 outcome: P(collapse) = r when a scripted target defies with probability r in one period (Wilson CI)', async () => {
    const r = 0.07;
    const scenario = analyticScenario({ horizonPeriods: 1, target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'defy', probability: r }] } });
    let covered = 0;
    const M = 200;
    for (let seed = 1; seed <= M; seed++) {
      const s = await runMonteCarlo(scenario, { runs: 100, masterSeed: seed, sampleSize: 0 });
      expect(s.outcomes.collapsed.ciMethod).toBe('wilson');
      if (covers(s.outcomes.collapsed.ci95, r)) covered++;
    }
    expectCoverage(covered, M);
  });
});
