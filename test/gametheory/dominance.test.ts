import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iteratedElimination, normalFormGame, restrictGame, solveNash } from '../../src/gametheory/index.ts';
import { shippedGame } from './load.ts';

/** Cells [row payoff, column payoff] row by row, as in the game files. */
function fromCells(cells: [number, number][][], rowStrategies: string[], columnStrategies: string[]) {
  return normalFormGame({ rowStrategies, columnStrategies, rowPayoffs: cells.map((r) => r.map((c) => c[0])), columnPayoffs: cells.map((r) => r.map((c) => c[1])) });
}

describe('strict dominance', () => {
  it("prisoner's dilemma: Stay silent goes for both in round 1, leaving (Confess, Confess)", () => {
    const r = iteratedElimination(shippedGame('prisoners-dilemma'), 'strict');
    expect(r.surviving).toEqual([[1], [1]]);
    expect(r.solved).toBe(true);
    expect(r.eliminations.map((e) => [e.round, e.player, e.strategy, e.dominatedBy])).toEqual([
      [1, 0, 0, [[1, 1]]],
      [1, 1, 0, [[1, 1]]],
    ]);
  });

  // Gibbons, A Primer in Game Theory (1992), figure 1.1.1: solved in three rounds.
  const gibbons = fromCells(
    [
      [[1, 0], [1, 2], [0, 1]],
      [[0, 3], [0, 1], [2, 0]],
    ],
    ['Up', 'Down'],
    ['Left', 'Middle', 'Right'],
  );
  it('Gibbons figure 1.1.1: Right, then Down, then Left go, leaving (Up, Middle)', () => {
    const r = iteratedElimination(gibbons, 'strict');
    expect(r.eliminations.map((e) => [e.round, e.player, gibbons.strategies[e.player][e.strategy], e.dominatedBy.map(([k, p]) => [gibbons.strategies[e.player][k], p])])).toEqual([
      [1, 1, 'Right', [['Middle', 1]]],
      [2, 0, 'Down', [['Up', 1]]],
      [3, 1, 'Left', [['Middle', 1]]],
    ]);
    expect(r.surviving).toEqual([[0], [1]]);
    expect(r.solved).toBe(true);
  });

  // D pays (1, 1): less than ½U + ½M = (1.5, 1.5) but more than U or M against one column each.
  const mixedOnly = fromCells(
    [
      [[3, 1], [0, 0]],
      [[0, 0], [3, 1]],
      [[1, 0], [1, 0]],
    ],
    ['U', 'M', 'D'],
    ['L', 'R'],
  );
  it('catches a strategy dominated only by a mix (D below ½U + ½M) and names the mix', () => {
    const r = iteratedElimination(mixedOnly, 'strict');
    expect(r.eliminations).toHaveLength(1);
    const [e] = r.eliminations;
    expect([e.round, e.player, e.strategy]).toEqual([1, 0, 2]);
    expect(e.dominatedBy.map(([k]) => k)).toEqual([0, 1]);
    e.dominatedBy.forEach(([, p]) => expect(p).toBeCloseTo(0.5, 12));
    expect(r.surviving).toEqual([[0, 1], [0, 1]]);
    // Weak dominance checks pure dominators only, so it leaves D in.
    expect(iteratedElimination(mixedOnly, 'weak').eliminations).toEqual([]);
  });

  it('a tie is not strict dominance', () => {
    const tie = fromCells([[[1, 0], [1, 0]], [[1, 0], [1, 0]]], ['A', 'B'], ['L', 'R']);
    expect(iteratedElimination(tie, 'strict').eliminations).toEqual([]);
  });

  it('never removes a strategy used in a Nash equilibrium (random games)', () => {
    const game = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([m, n]) => fc.tuple(...[0, 1].map(() => fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }))))
      .map(([a, b]) => normalFormGame({ rowPayoffs: a, columnPayoffs: b }));
    fc.assert(
      fc.property(game, (g) => {
        const r = iteratedElimination(g, 'strict');
        for (const e of solveNash(g).equilibria) {
          expect(e.supports[0].every((i) => r.surviving[0].includes(i))).toBe(true);
          expect(e.supports[1].every((j) => r.surviving[1].includes(j))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});

describe('weak dominance', () => {
  // M weakly dominates T and B; which of them goes first decides what is left.
  const orderGame = fromCells(
    [
      [[1, 1], [0, 0]],
      [[1, 1], [2, 1]],
      [[0, 0], [2, 1]],
    ],
    ['T', 'M', 'B'],
    ['L', 'R'],
  );
  const left = (g: typeof orderGame) => {
    const r = iteratedElimination(g, 'weak');
    return [r.surviving[0].map((i) => g.strategies[0][i]), r.surviving[1].map((j) => g.strategies[1][j])];
  };

  it('all at once: T and B go together in round 1, leaving M against L and R', () => {
    const r = iteratedElimination(orderGame, 'weak');
    expect(r.eliminations.map((e) => [e.round, e.player, e.strategy, e.dominatedBy])).toEqual([
      [1, 0, 0, [[1, 1]]],
      [1, 0, 2, [[1, 1]]],
    ]);
    expect(left(orderGame)).toEqual([['M'], ['L', 'R']]);
  });

  it('is order-dependent: removing T first leaves (M, R), removing B first leaves (M, L)', () => {
    expect(left(restrictGame(orderGame, [1, 2], [0, 1]))).toEqual([['M'], ['R']]);
    expect(left(restrictGame(orderGame, [0, 1], [0, 1]))).toEqual([['M'], ['L']]);
  });

  it('strict dominance removes nothing in the same game', () => {
    expect(iteratedElimination(orderGame, 'strict').eliminations).toEqual([]);
  });
});
