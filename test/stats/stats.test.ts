import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { independentDifference, moments, normalInterval, pairedDifference, quantileInterpolated, quantileSorted, sortedDefined, wilsonInterval, Z95 } from '../../src/stats/index.ts';
import { createRng } from '../../src/engine/rng.ts';

describe('stats', () => {
  it('Z95 is the 97.5% normal quantile and normalInterval is estimate +- z se', () => {
    expect(Z95).toBe(1.959963984540054);
    expect(normalInterval(1, 0.5)).toEqual([1 - Z95 * 0.5, 1 + Z95 * 0.5]);
  });
  it('Wilson: known values, exact ends, and refuses impossible counts', () => {
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.236593, 6);
    expect(hi).toBeCloseTo(0.763407, 6);
    expect(wilsonInterval(0, 7)[0]).toBe(0);
    expect(wilsonInterval(7, 7)[1]).toBe(1);
    expect(() => wilsonInterval(3, 2)).toThrow('successes 3 is not in [0, 2]');
  });
  it('quantiles: inverse ECDF and R type 7 on known data', () => {
    const xs = [1, 2, 3, 4];
    expect(quantileSorted(xs, 0.5)).toBe(2);
    expect(quantileSorted(xs, 0.51)).toBe(3);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(4);
    expect(quantileInterpolated(xs, 0.5)).toBe(2.5);
    expect(Array.from(sortedDefined([3, NaN, 1]))).toEqual([1, 3]);
    expect(() => quantileSorted([], 0.5)).toThrow('at least 1 data point');
  });
  it('moments skip NaN and match the textbook values', () => {
    const m = moments([1, 2, 3, NaN]);
    expect(m).toEqual({ n: 3, mean: 2, sd: 1, se: 1 / Math.sqrt(3) });
    expect(moments([]).mean).toBeNaN();
  });
  it('paired difference of identical samples is exactly 0 with zero spread (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const d = pairedDifference(xs, xs.slice());
        expect(d.estimate).toBe(0);
        expect(d.sd).toBe(0);
        expect(d.ci95).toEqual([0, 0]);
      }),
    );
  });
  it('paired difference: known value, and narrower than unpaired on positively correlated samples', () => {
    const d = pairedDifference([1, 2, 3], [2, 3, 5]);
    expect(d.estimate).toBeCloseTo(4 / 3, 15);
    expect(d.sd).toBeCloseTo(Math.sqrt(1 / 3), 15);
    // b = a + small noise + 0.1: corr(a, b) close to 1.
    const rng = createRng('paired');
    const n = 2000;
    const a = Array.from({ length: n }, () => rng());
    const b = a.map((x) => x + 0.1 + 0.05 * (rng() - 0.5));
    const paired = pairedDifference(a, b);
    const ma = moments(a);
    const mb = moments(b);
    const unpaired = independentDifference(ma, mb, false);
    expect(paired.estimate).toBeCloseTo(unpaired.estimate, 12);
    const width = (c: [number, number]) => c[1] - c[0];
    expect(width(paired.ci95)).toBeLessThan(width(unpaired.ci95) / 5);
    expect(paired.ci95[0]).toBeGreaterThan(0.09);
  });
  it('pairs leave out runs where either value is undefined', () => {
    const d = pairedDifference([1, NaN, 3], [2, 5, NaN]);
    expect(d.n).toBe(1);
    expect(d.estimate).toBe(1);
    expect(() => pairedDifference([1], [1, 2])).toThrow('equal length');
  });
});
