import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  beliefAfterCleanReports,
  exactPosteriorOfFirstType,
  expectedInspectionsToFalseReimposition,
  finiteHorizonShareBound,
  grimCriticalDiscountFactor,
  grimThreshold,
  leakageShare,
  PERFECT_INFORMATION,
  perfectInformationReleases,
  quantalComplyProbability,
  rubinsteinShare,
  sanctionsInForceOnSchedule,
} from '../../src/validation/index.ts';

/**
 * The closed forms themselves, against known values and against independent
 * computations (a Markov chain, value iteration, sequential Bayes), so that what the
 * simulation is checked against is right.
 */
const unit = fc.double({ min: 0.05, max: 0.95, noNaN: true });

describe('the closed forms of src/validation', () => {
  it('known values', () => {
    expect(grimThreshold(1, 0.9, 2)).toBeCloseTo(1 / 18, 15);
    expect(grimCriticalDiscountFactor(3, 10, 0.5)).toBe(0.375);
    expect(expectedInspectionsToFalseReimposition(0.5, 2)).toBe(6);
    expect(expectedInspectionsToFalseReimposition(0.1, 1)).toBeCloseTo(10, 12);
    expect(leakageShare(0.3, 0.35, 1)).toBeCloseTo(0.195, 15);
    expect(quantalComplyProbability(1, { cheatGain: 4, reliefGap: 2, discountFactor: 0.9, detectionProbability: 0.3 })).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 12);
    expect(rubinsteinShare(0.9, 0.9)).toBeCloseTo(1 / 1.9, 15);
    expect(finiteHorizonShareBound(0.9, 0.9, 5)).toBeCloseTo(0.81 ** 2, 15);
  });

  it('property: p* and delta* are the same threshold read two ways', () => {
    fc.assert(
      fc.property(unit, unit, unit, (g, R, p) => {
        const dStar = grimCriticalDiscountFactor(g, R, p);
        return Math.abs(grimThreshold(g, dStar, R) - p) < 1e-9;
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('property: expected inspections to k consecutive alarms equal the Markov chain solved backwards', () => {
    fc.assert(
      fc.property(unit, fc.integer({ min: 1, max: 6 }), (q, k) => {
        // E_j (j alarms in a row so far) = 1 + q E_{j+1} + (1 - q) E_0, E_k = 0; write E_j = a_j + b_j E_0.
        let a = 0;
        let b = 0;
        for (let j = k - 1; j >= 0; j--) [a, b] = [1 + q * a, q * b + (1 - q)];
        const e0 = a / (1 - b);
        const closed = expectedInspectionsToFalseReimposition(q, k);
        // 1 - b_0 is about q^k (down to 1.6e-8 here), so the chain's answer carries a relative rounding error of about 1e-16 / q^k.
        return Math.abs(closed - e0) <= 1e-6 * closed;
      }),
      { numRuns: 200, seed: 2 },
    );
  });

  it('property: the clean-reports belief is the exact posterior with no flags, and the batch posterior is the sequential one', () => {
    fc.assert(
      fc.property(unit, unit, unit, fc.array(fc.boolean(), { maxLength: 30 }), (mu0, p, q, flags) => {
        const n = flags.length;
        const clean = Math.abs(beliefAfterCleanReports(mu0, p, q, n) - exactPosteriorOfFirstType([mu0, 1 - mu0, 0], [0, 1, 1], p, q, new Array(n).fill(false))) < 1e-12;
        const prior = [mu0 / 2, 1 / 3, 1 - mu0 / 2 - 1 / 3];
        const rates = [0, p, 1];
        let mu = prior;
        for (const f of flags) {
          const w = mu.map((m, i) => m * (f ? rates[i] * p + (1 - rates[i]) * q : 1 - (rates[i] * p + (1 - rates[i]) * q)));
          const z = w.reduce((x, y) => x + y, 0);
          mu = w.map((x) => x / z);
        }
        return clean && Math.abs(mu[0] - exactPosteriorOfFirstType(prior, rates, p, q, flags)) < 1e-9;
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('property: the quantal Q-values are those of the grim MDP solved by value iteration, on both sides of p*', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 0.95, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true }), (g, R, delta, p, beta) => {
        // V = max(comply: R + delta V, cheat: R + g + delta (1 - p) V), caught: 0 for good.
        let V = 0;
        for (let i = 0; i < 5000; i++) V = Math.max(R + delta * V, R + g + delta * (1 - p) * V);
        const gap = R + delta * V - (R + g + delta * (1 - p) * V);
        const expected = 1 / (1 + Math.exp(-beta * gap));
        return Math.abs(quantalComplyProbability(beta, { cheatGain: g, reliefGap: R, discountFactor: delta, detectionProbability: p }) - expected) < 1e-9;
      }),
      { numRuns: 200, seed: 4 },
    );
  });

  it("result 6's schedule: releases at 4, 6 and 8; sanctions in force step from 1 to 0", () => {
    const { implementationRate, reportLagPeriods, painWeights, tranches } = PERFECT_INFORMATION;
    const releases = perfectInformationReleases(tranches, implementationRate, reportLagPeriods);
    // x reaches 0.5 at the end of period 1, read at 3, held 2 periods: 4; the second waits for earliest 6 (x and y at 1 by period 3, read at 5); the third holds y 4 periods from 5: 8.
    expect(releases).toEqual([4, 6, 8]);
    expect([0, 4, 6, 8].map((t) => sanctionsInForceOnSchedule(tranches, releases, painWeights, t))).toEqual([1, 0.7, expect.closeTo(0.2, 12), expect.closeTo(0, 12)]);
  });
});
