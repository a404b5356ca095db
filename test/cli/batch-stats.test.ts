import { describe, expect, it } from 'vitest';
import { outcomeStats, quantileSorted, ShareHistogram, wilson } from '../../src/cli/batch-stats.ts';
import { createRng } from '../../src/engine/rng.ts';

describe('quantiles (inverse empirical CDF)', () => {
  it('the ceil(q n)-th smallest value', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(xs, 0.05)).toBe(1);
    expect(quantileSorted(xs, 0.5)).toBe(5);
    expect(quantileSorted(xs, 0.95)).toBe(10);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('Wilson interval', () => {
  it('matches the closed form', () => {
    // 0 of 10: upper bound z^2 / (n + z^2).
    const z2 = 1.959963984540054 ** 2;
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeCloseTo(z2 / (10 + z2), 12);
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.236593, 5);
    expect(hi).toBeCloseTo(0.763407, 5);
  });
});

describe('outcome statistics', () => {
  it('count undefined runs apart and use Wilson for 0/1 outcomes', () => {
    const s = outcomeStats(Float64Array.from([1, 0, NaN, 1, 1]));
    expect(s.n).toBe(4);
    expect(s.nUndefined).toBe(1);
    expect(s.mean).toBe(0.75);
    expect(s.ci95).toEqual(wilson(3, 4));
    expect(s.sd).toBeCloseTo(0.5, 12);
  });
  it('use mean +- 1.96 se otherwise', () => {
    const s = outcomeStats(Float64Array.from([2, 4, 6, 8]));
    expect(s.mean).toBe(5);
    expect(s.se).toBeCloseTo(Math.sqrt(20 / 3) / 2, 12);
    expect(s.ci95[0]).toBeCloseTo(5 - 1.959963984540054 * s.se, 12);
    expect([s.min, s.q25, s.q50, s.q75, s.max]).toEqual([2, 2, 4, 6, 8]);
  });
  it('all undefined gives NaN statistics, not a crash', () => {
    const s = outcomeStats(Float64Array.from([NaN, NaN]));
    expect(s.n).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.q50).toBeNaN();
  });
});

describe('per-period share histogram', () => {
  const runs = 997;
  const rng = createRng('histogram-test');
  // Period 0: continuous; period 1: point masses at 0, 0.5 and 1; period 2: a mix.
  const data = Array.from({ length: runs }, () => {
    const u = rng();
    const mass = u < 0.3 ? 0 : u < 0.6 ? 0.5 : 1;
    return [rng(), mass, rng() < 0.5 ? mass : rng()];
  });
  const h = new ShareHistogram(3);
  for (const row of data) h.add(row);
  const exact = (t: number, q: number) => quantileSorted(data.map((r) => r[t]).sort((a, b) => a - b), q);

  it('is exact for values that sit alone in their bin (0, 1, a plateau)', () => {
    for (const q of [0.05, 0.25, 0.5, 0.95]) expect(h.quantile(1, q)).toBe(exact(1, q));
  });
  it('is within one bin width of the exact quantile otherwise', () => {
    for (const t of [0, 2]) for (const q of [0.01, 0.05, 0.5, 0.95, 0.99]) expect(Math.abs(h.quantile(t, q) - exact(t, q))).toBeLessThan(1 / h.bins);
  });
  it('means are exact', () => {
    const s = h.stats();
    for (let t = 0; t < 3; t++) expect(s.mean[t]).toBeCloseTo(data.reduce((a, r) => a + r[t], 0) / runs, 12);
  });
  it('refuses a value outside [0, 1] (an engine bug, not a rounding to hide)', () => {
    expect(() => new ShareHistogram(1).add([1.5])).toThrow(/not in \[0, 1\]/);
    expect(() => new ShareHistogram(1).add([NaN])).toThrow(/not in \[0, 1\]/);
  });
});
