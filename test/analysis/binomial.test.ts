import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, clopperPearsonInterval, logGamma, normalQuantile, normalQuantileTwoSided, regularizedIncompleteBeta, wilsonInterval } from '../../src/analysis/binomial.ts';

// References from SciPy 1.17 (scipy.stats.beta.ppf, binom.sf, scipy.special.betainc, norm.ppf).
describe('binomial intervals and tails', () => {
  it('reproduces Clopper-Pearson intervals (SciPy beta quantiles) to 1e-9', () => {
    const cases: [number, number, number, number][] = [
      [0, 10, 0, 0.3084971078187607],
      [5, 10, 0.18708602844739855, 0.8129139715526015],
      [3, 20, 0.0320709371854637, 0.37892682654531396],
      [97, 100, 0.91482394702572, 0.9937700284616936],
      [1, 1000, 2.531748749129404e-5, 0.005558924279826672],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [l, h] = clopperPearsonInterval(k, n);
      expect(l).toBeCloseTo(lo, 9);
      expect(h).toBeCloseTo(hi, 9);
    }
    expect(clopperPearsonInterval(10, 10)[1]).toBe(1);
  });

  it('reproduces the Wilson interval for 5 of 10 (0.2366, 0.7634) and stays inside [0, 1]', () => {
    const [l, h] = wilsonInterval(5, 10);
    expect(l).toBeCloseTo(0.236593, 5);
    expect(h).toBeCloseTo(0.763407, 5);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
  });

  it('puts each Clopper-Pearson bound where the binomial tail beyond k is exactly 2.5%, around k/n (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (n, k0) => {
        const k = k0 % (n + 1);
        const [lo, hi] = clopperPearsonInterval(k, n);
        expect(lo <= k / n + 1e-12 && k / n <= hi + 1e-12).toBe(true);
        if (k > 0) expect(binomialUpperTail(k, n, lo)).toBeCloseTo(0.025, 8);
        if (k < n) expect(1 - binomialUpperTail(k + 1, n, hi)).toBeCloseTo(0.025, 8);
        const [wl, wh] = wilsonInterval(k, n);
        expect(wl <= k / n + 1e-12 && k / n <= wh + 1e-12).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('computes binomial upper tails and the incomplete beta function (SciPy values)', () => {
    expect(binomialUpperTail(15, 40, 0.25)).toBeCloseTo(0.05443724801863482, 12);
    expect(binomialUpperTail(100, 1000, 0.08)).toBeCloseTo(0.013481514958571292, 12);
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
    expect(regularizedIncompleteBeta(0.3, 2.5, 3.5)).toBeCloseTo(0.29675298929566646, 12);
    expect(regularizedIncompleteBeta(0.33, 100, 200)).toBeCloseTo(0.45661816333399713, 10);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });

  it('gives normal quantiles to 1e-8', () => {
    expect(normalQuantileTwoSided(0.95)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantileTwoSided(0.99)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
  });

  it('rejects counts out of range, naming the argument', () => {
    expect(() => wilsonInterval(11, 10)).toThrow('wilsonInterval: successes must be an integer in [0, 10] (got 11)');
    expect(() => clopperPearsonInterval(0, 0)).toThrow('clopperPearsonInterval: trials must be an integer >= 1 (got 0)');
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow('regularizedIncompleteBeta: a must be a number in (0, Infinity) (got 0)');
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow('regularizedIncompleteBeta: x must be a number in [0, 1] (got 1.5)');
    expect(() => wilsonInterval(1, 10, 1.5)).toThrow('normalQuantileTwoSided: confidence must be a number in (0, 1) (got 1.5)');
  });
});
