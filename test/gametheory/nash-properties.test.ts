import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lemkeHowson,
  lemkeHowsonAll,
  normalFormGame,
  sameEquilibrium,
  solveNash,
  supportEnumeration,
  vertexEnumeration,
  zeroSumValue,
  type Equilibrium,
  type NormalFormGame,
} from '../../src/gametheory/index.ts';

/**
 * The equilibrium check written out again, independently of isNashEquilibrium: every
 * pure strategy pays at most the mix's payoff (within tol), and the mixes are
 * probability vectors.
 */
function bestResponsePair(game: NormalFormGame, e: Equilibrium, tol = 1e-7): boolean {
  const [a, b] = game.payoffs;
  const x = e.row;
  const y = e.column;
  const probability = (p: readonly number[]) => p.every((v) => v >= 0) && Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-9;
  if (!probability(x) || !probability(y)) return false;
  const rowPays = a.map((row) => row.reduce((s, v, j) => s + v * y[j], 0));
  const colPays = b[0].map((_, j) => b.reduce((s, row, i) => s + row[j] * x[i], 0));
  const u = x.reduce((s, v, i) => s + v * rowPays[i], 0);
  const w = y.reduce((s, v, j) => s + v * colPays[j], 0);
  return rowPays.every((p) => p <= u + tol) && colPays.every((p) => p <= w + tol);
}

function contains(list: readonly Equilibrium[], e: Equilibrium): boolean {
  return list.some((o) => sameEquilibrium(o, e, 1e-6));
}

/**
 * A random m×n bimatrix game with payoffs in [-10, 10] on a grid of 1e-5: almost always
 * nondegenerate (tests that need it say fc.pre), and free of the subnormal numbers
 * fc.double likes, which underflow when rescaled.
 */
const payoff = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 100_000);
const realGame = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([m, n]) => {
    const matrix = fc.array(fc.array(payoff, { minLength: n, maxLength: n }), { minLength: m, maxLength: m });
    return fc.tuple(matrix, matrix);
  })
  .map(([a, b]) => normalFormGame({ rowPayoffs: a, columnPayoffs: b }));

/** A random game with payoffs in {0, 1, 2}: often degenerate. */
const smallIntegerGame = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([m, n]) => {
    const matrix = fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m });
    return fc.tuple(matrix, matrix);
  })
  .map(([a, b]) => normalFormGame({ rowPayoffs: a, columnPayoffs: b }));

describe('random nondegenerate games', () => {
  it('Lemke–Howson from every label ends at best-response pairs that support enumeration also finds', () => {
    fc.assert(
      fc.property(realGame, (game) => {
        fc.pre(!vertexEnumeration(game).degenerate);
        const se = supportEnumeration(game).equilibria;
        const lh = lemkeHowsonAll(game);
        expect(lh.paths).toHaveLength(game.strategies[0].length + game.strategies[1].length);
        for (const e of lh.equilibria) {
          expect(bestResponsePair(game, e)).toBe(true);
          expect(contains(se, e)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('support enumeration and vertex enumeration find the same equilibria, an odd number, each a best-response pair', () => {
    fc.assert(
      fc.property(realGame, (game) => {
        const ve = vertexEnumeration(game);
        fc.pre(!ve.degenerate);
        expect(ve.roundingRejects).toBe(0);
        const se = supportEnumeration(game).equilibria;
        expect(se.length % 2).toBe(1);
        expect(se).toHaveLength(ve.extremeEquilibria.length);
        for (const e of se) {
          expect(bestResponsePair(game, e)).toBe(true);
          expect(contains(ve.extremeEquilibria, e)).toBe(true);
          // Nondegenerate: supports of equal size.
          expect(e.supports[0].length).toBe(e.supports[1].length);
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('rescaling all payoffs (× 1000, × 1/1000) or shifting them changes no equilibrium', () => {
    fc.assert(
      fc.property(realGame, fc.constantFrom(1000, 0.001), fc.double({ min: -100, max: 100, noNaN: true }), (game, factor, shift) => {
        const base = solveNash(game);
        const scaled = solveNash(normalFormGame({ rowPayoffs: game.payoffs[0].map((r) => r.map((v) => v * factor + shift)), columnPayoffs: game.payoffs[1].map((r) => r.map((v) => v * factor)) }));
        expect(scaled.degenerate).toBe(base.degenerate);
        expect(scaled.equilibria).toHaveLength(base.equilibria.length);
        for (const e of base.equilibria) expect(contains(scaled.equilibria, e)).toBe(true);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('zero-sum games: the simplex value equals the row payoff of every equilibrium', () => {
    fc.assert(
      fc.property(realGame, (g) => {
        const game = normalFormGame({ rowPayoffs: g.payoffs[0], columnPayoffs: g.payoffs[0].map((r) => r.map((v) => -v)) });
        const { value, row, column } = zeroSumValue(game.payoffs[0]);
        for (const e of solveNash(game).equilibria) expect(e.payoffs[0]).toBeCloseTo(value, 7);
        expect(bestResponsePair(game, { row, column, payoffs: [value, -value], supports: [[], []] })).toBe(true);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe('random degenerate-prone games (payoffs 0, 1, 2)', () => {
  it('every reported equilibrium is a best-response pair, and support enumeration and Lemke–Howson find only extreme equilibria', () => {
    let degenerate = 0;
    fc.assert(
      fc.property(smallIntegerGame, (game) => {
        const s = solveNash(game);
        if (s.degenerate) degenerate++;
        expect(s.complete).toBe(true);
        expect(s.equilibria.length).toBeGreaterThan(0);
        for (const e of s.equilibria) expect(bestResponsePair(game, e)).toBe(true);
        for (const e of supportEnumeration(game).equilibria) expect(contains(s.equilibria, e)).toBe(true);
        for (const e of lemkeHowsonAll(game).equilibria) expect(contains(s.equilibria, e)).toBe(true);
        // Components partition the list.
        expect(s.components.flatMap((c) => c.members).sort((p, q) => p - q)).toEqual(s.equilibria.map((_, i) => i));
      }),
      { numRuns: 300, seed: 15 },
    );
    // The generator must actually exercise degenerate games for this test to mean anything.
    expect(degenerate).toBeGreaterThan(50);
  });
});

describe('larger games', () => {
  // A fixed 14×14 game from a linear congruential generator: too large for enumeration.
  const size = 14;
  let state = 2026;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 20 - 10;
  const a = Array.from({ length: size }, () => Array.from({ length: size }, next));
  const b = Array.from({ length: size }, () => Array.from({ length: size }, next));
  const game = normalFormGame({ rowPayoffs: a, columnPayoffs: b });

  it('solveNash falls back to Lemke–Howson and says the list may be incomplete', () => {
    const s = solveNash(game);
    expect([s.method, s.complete, s.degenerate]).toEqual(['lemke-howson', false, null]);
    expect(s.notes[0]).toMatch(/^A 14×14 game has 40116599 support pairs, more than the 50000 .* there may be others/);
    expect(s.equilibria.length).toBeGreaterThan(0);
    for (const e of s.equilibria) expect(bestResponsePair(game, e)).toBe(true);
  });

  it('a single path rejects a label that does not exist', () => {
    expect(() => lemkeHowson(game, 28)).toThrow(/startLabel: 28 is not a label of this 14×14 game; labels are whole numbers in \[0, 27\]/);
  });
});
