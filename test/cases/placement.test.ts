import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeInSample, readPlacement } from '../../src/cases/placement.ts';

describe('placeInSample: mid-rank percentile of history in a simulated sample', () => {
  it('counts ties as half: P(X < h) + 1/2 P(X = h)', () => {
    const p = placeInSample([1, 2, 2, 3], 2);
    expect(p).toMatchObject({ below: 1, equal: 2, above: 1, n: 4, percentile: 0.5 });
  });
  it('is 0 below the sample, 1 above it, 1/2 when every run equals history', () => {
    expect(placeInSample([3, 4, 5], 1).percentile).toBe(0);
    expect(placeInSample([3, 4, 5], 9).percentile).toBe(1);
    expect(placeInSample([7, 7, 7], 7).percentile).toBe(0.5);
  });
  it('treats NaN ("never within the horizon") as later than every period, in the sample and as the value', () => {
    // Runs: collapsed at 10, at 20, never, never. History never collapsed: 2 below, 2 equal.
    expect(placeInSample([10, 20, NaN, NaN], NaN)).toMatchObject({ below: 2, equal: 2, percentile: 0.75 });
    // History collapsed at 30: the two "never" runs are later.
    expect(placeInSample([10, 20, NaN, NaN], 30)).toMatchObject({ below: 2, equal: 0, above: 2, percentile: 0.5 });
  });
  it('standard error: exact for a single block, binomial without ties', () => {
    expect(placeInSample([7, 7, 7, 7], 7).standardError).toBe(0);
    // No ties: percentile = share below, se = sqrt(p (1 - p) / n).
    const p = placeInSample([1, 2, 3, 4, 5, 6, 7, 8], 4.5);
    expect(p.percentile).toBe(0.5);
    expect(p.standardError).toBeCloseTo(Math.sqrt(0.25 / 8), 15);
  });
  it('refuses an empty sample', () => {
    expect(() => placeInSample([], 1)).toThrow('placeInSample requires at least 1 data point');
  });
  it('matches a brute-force count, stays in [0, 1] and never decreases as history grows (property)', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), value, value, (sample, a, b) => {
        const inf = (x: number) => (Number.isNaN(x) ? Infinity : x);
        const pa = placeInSample(sample, a);
        const below = sample.filter((x) => inf(x) < inf(a)).length;
        const equal = sample.filter((x) => inf(x) === inf(a)).length;
        expect(pa.percentile).toBe((below + equal / 2) / sample.length);
        expect(pa.percentile).toBeGreaterThanOrEqual(0);
        expect(pa.percentile).toBeLessThanOrEqual(1);
        expect(pa.below + pa.equal + pa.above).toBe(sample.length);
        const [lo, hi] = inf(a) <= inf(b) ? [a, b] : [b, a];
        expect(placeInSample(sample, lo).percentile).toBeLessThanOrEqual(placeInSample(sample, hi).percentile);
      }),
    );
  });
  it('reads the tails at 5% and 95%', () => {
    const at = (percentile: number) => readPlacement({ percentile, below: 0, equal: 0, above: 0, n: 1, standardError: 0 });
    expect([at(0.049), at(0.05), at(0.95), at(0.951)]).toEqual(['lower tail', 'central 90%', 'central 90%', 'upper tail']);
  });
});
