import { describe, expect, it } from 'vitest';
import { isNashEquilibrium, solveNash, type Equilibrium } from '../../src/gametheory/index.ts';
import { shippedGame } from './load.ts';

/** The equilibria as [row mix, column mix] pairs, to compare with known answers to 1e-12. */
function mixes(list: readonly Equilibrium[]): [number[], number[]][] {
  return list.map((e) => [[...e.row], [...e.column]]);
}

function expectMixes(actual: readonly Equilibrium[], expected: [number[], number[]][]): void {
  expect(actual).toHaveLength(expected.length);
  mixes(actual).forEach(([x, y], k) => {
    x.forEach((v, i) => expect(v).toBeCloseTo(expected[k][0][i], 12));
    y.forEach((v, j) => expect(v).toBeCloseTo(expected[k][1][j], 12));
  });
}

describe('textbook games against their known equilibrium sets', () => {
  it("prisoner's dilemma: only (Confess, Confess), payoffs (-2, -2)", () => {
    const s = solveNash(shippedGame('prisoners-dilemma'));
    expectMixes(s.equilibria, [[[0, 1], [0, 1]]]);
    expect(s.equilibria[0].payoffs).toEqual([-2, -2]);
    expect([s.complete, s.degenerate, s.method]).toEqual([true, false, 'support-enumeration']);
  });

  it('matching pennies: only both mixing 1/2, 1/2, value 0', () => {
    const s = solveNash(shippedGame('matching-pennies'));
    expectMixes(s.equilibria, [[[0.5, 0.5], [0.5, 0.5]]]);
    expect(s.equilibria[0].payoffs[0]).toBeCloseTo(0, 12);
  });

  it('battle of the sexes: three equilibria, the mixed one (3/5, 2/5) against (2/5, 3/5) paying 6/5 each', () => {
    const s = solveNash(shippedGame('battle-of-the-sexes'));
    expectMixes(s.equilibria, [
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
      [[3 / 5, 2 / 5], [2 / 5, 3 / 5]],
    ]);
    expect(s.equilibria.map((e) => e.payoffs.map((v) => Number(v.toFixed(12))))).toEqual([[3, 2], [2, 3], [1.2, 1.2]]);
  });

  it('chicken: the two asymmetric pure equilibria and each escalating with probability 1/10', () => {
    const s = solveNash(shippedGame('chicken'));
    expectMixes(s.equilibria, [
      [[1, 0], [0, 1]],
      [[0, 1], [1, 0]],
      [[0.9, 0.1], [0.9, 0.1]],
    ]);
    expect(s.equilibria[2].payoffs[0]).toBeCloseTo(-0.1, 12);
  });

  it('rock-paper-scissors: only the uniform mix, value 0', () => {
    const s = solveNash(shippedGame('rock-paper-scissors'));
    expectMixes(s.equilibria, [[[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]]]);
    expect(s.equilibria[0].payoffs[0]).toBeCloseTo(0, 12);
  });

  it('stag hunt: both enforce, both go alone, and each enforcing with probability 3/4', () => {
    const s = solveNash(shippedGame('stag-hunt'));
    expectMixes(s.equilibria, [
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
      [[0.75, 0.25], [0.75, 0.25]],
    ]);
  });

  describe('the degenerate game', () => {
    const game = shippedGame('degenerate');
    const s = solveNash(game);
    it('is reported degenerate, with the pure strategy that has two best responses named', () => {
      expect(s.degenerate).toBe(true);
      expect(s.method).toBe('vertex-enumeration');
      expect(s.notes[0]).toContain('against Row playing Top (1 strategy), Column has 2 best responses (Left, Right)');
    });
    it('lists the extreme equilibria: Top against Left, Top against (2/3, 1/3), and (0, 1/3, 2/3) against (1/3, 2/3)', () => {
      expectMixes(s.equilibria, [
        [[1, 0, 0], [1, 0]],
        [[1, 0, 0], [2 / 3, 1 / 3]],
        [[0, 1 / 3, 2 / 3], [1 / 3, 2 / 3]],
      ]);
      expect(s.complete).toBe(true);
    });
    it('joins the first two in one continuum and keeps the third isolated', () => {
      expect(s.components.map((c) => [...c.members])).toEqual([[0, 1], [2]]);
      expect(s.components[0].product).toBe(true);
      expect(s.notes.some((n) => n.startsWith('Equilibria #1, #2 are the corners of a continuum'))).toBe(true);
    });
    it('every point of the continuum is an equilibrium, and just beyond its end is not', () => {
      for (const left of [2 / 3, 0.7, 0.8, 0.9, 1]) expect(isNashEquilibrium(game, [1, 0, 0], [left, 1 - left])).toBe(true);
      expect(isNashEquilibrium(game, [1, 0, 0], [0.66, 0.34])).toBe(false);
    });
  });
});
