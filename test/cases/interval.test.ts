import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/cases/interval.ts';

describe('wilsonInterval', () => {
  it('matches the closed form on known values', () => {
    // p = 1/2, n = 10: centre 1/2, half-width z sqrt(p q / n + z^2 / 4n^2) / (1 + z^2 / n).
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.236593, 6);
    expect(hi).toBeCloseTo(0.763407, 6);
    // 0 of 10: [0, z^2 / (n + z^2)].
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 10)).toEqual([0, expect.closeTo(z2 / (10 + z2), 12)]);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
  });
  it('contains the estimate, stays in [0, 1] and is symmetric under k -> n - k (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))), ([n, k]) => {
        const [lo, hi] = wilsonInterval(k, n);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
        const [lo2, hi2] = wilsonInterval(n - k, n);
        expect(lo).toBeCloseTo(1 - hi2, 12);
        expect(hi).toBeCloseTo(1 - lo2, 12);
      }),
    );
  });
  it('refuses impossible counts, naming the range', () => {
    expect(() => wilsonInterval(0, 0)).toThrow('at least 1 trial');
    expect(() => wilsonInterval(11, 10)).toThrow('successes 11 is not in [0, 10]');
  });
});
