import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../src/analysis/latin-hypercube.ts';

describe('latinHypercube', () => {
  it('hits each of the n strata exactly once in every dimension (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 8 }), fc.string(), fc.boolean(), (n, dims, seed, centred) => {
        const pts = latinHypercube(n, dims, seedrandom.alea(seed), { centred });
        expect(pts).toHaveLength(n);
        for (let j = 0; j < dims; j++) {
          const strata = pts.map((p) => Math.floor(p[j] * n)).sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
          for (const p of pts) expect(p[j] >= 0 && p[j] < 1).toBe(true);
        }
      }),
    );
  });

  it('keeps a point in its stratum even when the generator returns the largest double below 1', () => {
    const almostOne = () => 1 - 2 ** -53;
    const pts = latinHypercube(3, 1, almostOne);
    expect(pts.map((p) => Math.floor(p[0] * 3)).sort()).toEqual([0, 1, 2]);
  });

  it('is a pure function of the seed: same seed, same points; another seed, other points', () => {
    const a = latinHypercube(50, 3, seedrandom.alea('x'));
    expect(latinHypercube(50, 3, seedrandom.alea('x'))).toEqual(a);
    expect(latinHypercube(50, 3, seedrandom.alea('y'))).not.toEqual(a);
  });

  it('puts centred points at the middle of their strata', () => {
    for (const p of latinHypercube(4, 2, seedrandom.alea('c'), { centred: true })) for (const x of p) expect([0.125, 0.375, 0.625, 0.875]).toContain(x);
  });

  it('has a uniform marginal: the mean of 10,000 points is 0.5 within 3 standard errors', () => {
    const pts = latinHypercube(10_000, 2, seedrandom.alea('m'));
    // Stratification makes the mean's error far below 1/sqrt(12 n); 3 se of plain sampling is a loose bound.
    const mean = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(3 * Math.sqrt(1 / 12 / 10_000));
  });

  it('rejects a bad n, dimension 0 and a missing generator, naming the argument', () => {
    const rng = seedrandom.alea('e');
    expect(() => latinHypercube(0, 2, rng)).toThrow('latinHypercube: n must be an integer >= 1 (got 0)');
    expect(() => latinHypercube(2.5, 2, rng)).toThrow('latinHypercube: n must be an integer >= 1 (got 2.5)');
    expect(() => latinHypercube(4, 0, rng)).toThrow('latinHypercube: dimensions must be an integer >= 1 (got 0)');
    expect(() => latinHypercube(4, 2, undefined as never)).toThrow('latinHypercube: rng must be a seeded generator');
  });
});
