import { lusolve } from 'mathjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from '../../src/gametheory/index.ts';

describe('solveLinearSystem', () => {
  it('agrees with mathjs lusolve on random well-conditioned systems', () => {
    const system = fc.integer({ min: 1, max: 8 }).chain((k) =>
      fc.tuple(
        fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: k, maxLength: k }), { minLength: k, maxLength: k }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
      ),
    );
    fc.assert(
      fc.property(system, ([m, b]) => {
        // Diagonally dominant, hence well conditioned.
        const a = m.map((row, i) => row.map((v, j) => (i === j ? v + (v < 0 ? -row.length - 1 : row.length + 1) : v)));
        const ours = solveLinearSystem(a, b)!;
        const theirs = (lusolve(a, b) as number[][]).map((r) => r[0]);
        ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 10));
      }),
      { numRuns: 300, seed: 31 },
    );
  });

  it('says singular for singular and nearly singular systems, whatever the scale', () => {
    for (const s of [1e-16, 1e-6, 1, 1e6, 1e12]) {
      expect(solveLinearSystem([[s, 2 * s], [2 * s, 4 * s]], [s, s])).toBeNull();
      expect(solveLinearSystem([[(0.1 + 0.2) * s, 0.3 * s], [s, s]], [s, 2 * s])).toBeNull();
      const z = solveLinearSystem([[s, 0], [0, s]], [s, s])!;
      expect(z[0]).toBeCloseTo(1, 12);
      expect(z[1]).toBeCloseTo(1, 12);
    }
  });

  it('solves with row swaps (a zero on the diagonal)', () => {
    const z = solveLinearSystem([[0, 1], [1, 0]], [2, 3])!;
    expect(z).toEqual([3, 2]);
  });
});
