import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { findBreakPoint } from '../../src/analysis/break-point.ts';

/**
 * A synthetic shock with a known threshold: below it the agreement collapses in
 * 10% of runs, from it on in 90%. Runs use common random numbers: run i draws
 * the same uniform u_i at every intensity and collapses when u_i < p(intensity).
 */
function thresholdShock(threshold: number, trials: number, seed: string) {
  const rng = seedrandom.alea(seed);
  const u = Array.from({ length: trials }, () => rng());
  return (intensity: number) => {
    const p = intensity >= threshold ? 0.9 : 0.1;
    return { successes: u.filter((x) => x < p).length, trials };
  };
}

describe('findBreakPoint', () => {
  it('finds a known threshold (0.37) to the tolerance, with an interval around it', async () => {
    const r = await findBreakPoint(thresholdShock(0.37, 400, 's'), { low: 0, high: 1, tolerance: 0.001 });
    expect(r.status).toBe('found');
    expect(r.bracket!.below.intensity).toBeLessThan(0.37);
    expect(r.bracket!.above.intensity).toBeGreaterThanOrEqual(0.37);
    expect(r.bracket!.above.intensity - r.bracket!.below.intensity).toBeLessThanOrEqual(0.001);
    expect(Math.abs(r.breakPoint! - 0.37)).toBeLessThanOrEqual(0.001);
    const [lo, hi] = r.interval;
    expect(lo!).toBeLessThan(0.37);
    expect(hi!).toBeGreaterThanOrEqual(0.37);
    expect(hi! - lo!).toBeLessThanOrEqual(0.001);
    expect(r.resolved).toBe(true);
    expect(r.cancelled).toBe(false);
    // Two ends, then one halving per probe: ceil(log2(1 / 0.001)) = 10 halvings.
    expect(r.probes).toHaveLength(12);
  });

  it('interpolates a smooth logistic response to its midpoint (0.6), with Clopper-Pearson intervals', async () => {
    const trials = 10_000;
    const logistic = (x: number) => ({ successes: Math.round(trials / (1 + Math.exp(-(x - 0.6) / 0.05))), trials });
    const r = await findBreakPoint(logistic, { low: 0, high: 2, tolerance: 0.01, interval: 'clopper-pearson' });
    expect(r.status).toBe('found');
    expect(r.breakPoint!).toBeCloseTo(0.6, 2);
    // With 10,000 runs a probe 0.01 from the midpoint is still not clearly on either side,
    // so the interval is wider than the bracket, but it contains the midpoint.
    expect(r.interval[0]!).toBeLessThan(0.6);
    expect(r.interval[1]!).toBeGreaterThan(0.6);
    for (const p of r.probes) expect(p.ci[0]).toBeLessThanOrEqual(p.probability);
    expect(r.resolved).toBe(false);
  });

  it('on a noisy logistic response with 500 runs per probe, its interval contains the true break point', async () => {
    const rng = seedrandom.alea('noisy');
    const u = Array.from({ length: 500 }, () => rng());
    // Common random numbers: the count is monotone in x because the u_i are shared.
    const noisy = (x: number) => ({ successes: u.filter((ui) => ui < 1 / (1 + Math.exp(-(x - 0.6) / 0.05))).length, trials: 500 });
    const r = await findBreakPoint(noisy, { low: 0, high: 1, tolerance: 0.005 });
    expect(r.interval[0]!).toBeLessThan(0.6);
    expect(r.interval[1]!).toBeGreaterThan(0.6);
    // A probability within a binomial se of 0.5 moves x by about 0.05 * 4 * 0.022 = 0.0045.
    expect(Math.abs(r.breakPoint! - 0.6)).toBeLessThan(0.02);
  });

  it('finds the 90% break point of the same response when asked for level 0.9', async () => {
    const trials = 10_000;
    const logistic = (x: number) => ({ successes: Math.round(trials / (1 + Math.exp(-(x - 0.6) / 0.05))), trials });
    const r = await findBreakPoint(logistic, { low: 0, high: 2, tolerance: 0.001, level: 0.9 });
    expect(r.breakPoint!).toBeCloseTo(0.6 + 0.05 * Math.log(9), 2);
  });

  it('says when the agreement breaks already at the lowest intensity, or holds at the highest', async () => {
    const always = await findBreakPoint(() => ({ successes: 80, trials: 100 }), { low: 0, high: 1, tolerance: 0.1 });
    expect(always.status).toBe('breaks-at-low');
    expect(always.breakPoint).toBeNull();
    expect(always.interval).toEqual([null, 0]);
    const never = await findBreakPoint(() => ({ successes: 5, trials: 100 }), { low: 0, high: 1, tolerance: 0.1 });
    expect(never.status).toBe('holds-at-high');
    expect(never.interval).toEqual([1, null]);
    expect(never.probes).toHaveLength(2);
  });

  it('accepts an async probe (a batch on a worker pool) and stops at maxProbes', async () => {
    const shock = thresholdShock(0.5, 200, 'a');
    const r = await findBreakPoint(async (x) => shock(x), { low: 0, high: 1, tolerance: 1e-9, maxProbes: 5 });
    expect(r.probes).toHaveLength(5);
    expect(r.status).toBe('found');
  });

  it('reports each probe as it lands and stops on an abort signal with the bracket so far', async () => {
    const seen: number[] = [];
    const controller = new AbortController();
    const shock = thresholdShock(0.37, 400, 's');
    const r = await findBreakPoint(shock, {
      low: 0,
      high: 1,
      tolerance: 0.001,
      signal: controller.signal,
      onProbe: (p) => {
        seen.push(p.intensity);
        if (seen.length === 4) controller.abort();
      },
    });
    expect(seen).toEqual([0, 1, 0.5, 0.25]);
    expect(r.cancelled).toBe(true);
    expect(r.status).toBe('found');
    expect(r.bracket!.below.intensity).toBe(0.25);
    expect(r.bracket!.above.intensity).toBe(0.5);
    expect(r.probes.map((p) => p.intensity)).toEqual(seen);
  });

  it('rejects a reversed or empty range, NaN, a bad tolerance or level, and impossible counts, naming them', async () => {
    const f = () => ({ successes: 1, trials: 2 });
    await expect(findBreakPoint(f, { low: 1, high: 0, tolerance: 0.1 })).rejects.toThrow('findBreakPoint: high must be a finite number greater than low = 1 (got 0)');
    await expect(findBreakPoint(f, { low: 1, high: 1, tolerance: 0.1 })).rejects.toThrow('findBreakPoint: high must be a finite number greater than low = 1 (got 1)');
    await expect(findBreakPoint(f, { low: NaN, high: 1, tolerance: 0.1 })).rejects.toThrow('findBreakPoint: low must be a finite number (got NaN)');
    await expect(findBreakPoint(f, { low: 0, high: 1, tolerance: 0 })).rejects.toThrow('findBreakPoint: tolerance must be a number in (0, 1] (got 0)');
    await expect(findBreakPoint(f, { low: 0, high: 1, tolerance: 0.1, level: 1 })).rejects.toThrow('findBreakPoint: level must be a number in (0, 1) (got 1)');
    await expect(findBreakPoint(() => ({ successes: 3, trials: 2 }), { low: 0, high: 1, tolerance: 0.1 })).rejects.toThrow('findBreakPoint: estimate(0).successes must be an integer in [0, 2] (got 3)');
    await expect(findBreakPoint(() => ({ successes: 0, trials: 0 }), { low: 0, high: 1, tolerance: 0.1 })).rejects.toThrow('findBreakPoint: estimate(0).trials must be an integer >= 1 (got 0)');
  });
});

describe('findBreakPoint on any step response (property)', () => {
  it('brackets the step within the tolerance', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), async (t, tol) => {
        const r = await findBreakPoint((x) => ({ successes: x >= t ? 60 : 40, trials: 100 }), { low: 0, high: 1, tolerance: tol });
        expect(r.status).toBe('found');
        expect(r.bracket!.below.intensity).toBeLessThan(t);
        expect(r.bracket!.above.intensity).toBeGreaterThanOrEqual(t);
        expect(r.bracket!.above.intensity - r.bracket!.below.intensity).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 100 },
    );
  });
});
