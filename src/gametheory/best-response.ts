import type { MixedStrategy, NormalFormGame } from './normal-form.ts';
import { DEFAULT_TOLERANCE, payoffTolerance } from './tolerance.ts';

/** The row player's expected payoff from each of its pure strategies against the column mix `y`. */
export function rowPayoffsAgainst(game: NormalFormGame, y: MixedStrategy): number[] {
  return game.payoffs[0].map((row) => dot(row, y));
}

/** The column player's expected payoff from each of its pure strategies against the row mix `x`. */
export function columnPayoffsAgainst(game: NormalFormGame, x: MixedStrategy): number[] {
  const b = game.payoffs[1];
  return b[0].map((_, j) => {
    let s = 0;
    for (let i = 0; i < b.length; i++) s += x[i] * b[i][j];
    return s;
  });
}

/** The expected payoffs of both players when they play the mixes `x` (row) and `y` (column). */
export function expectedPayoffs(game: NormalFormGame, x: MixedStrategy, y: MixedStrategy): [number, number] {
  return [dot(x, rowPayoffsAgainst(game, y)), dot(x, game.payoffs[1].map((row) => dot(row, y)))];
}

/** The indices whose value is within `tol` of the largest: the pure best responses. */
export function bestIndices(values: readonly number[], tol: number): number[] {
  const best = Math.max(...values);
  return values.flatMap((v, i) => (v >= best - tol ? [i] : []));
}

/**
 * How much each player could gain by deviating from (x, y): the best pure payoff minus
 * the payoff of its mix. (x, y) is a Nash equilibrium exactly when both are 0.
 */
export function regrets(game: NormalFormGame, x: MixedStrategy, y: MixedStrategy): [number, number] {
  const u = rowPayoffsAgainst(game, y);
  const v = columnPayoffsAgainst(game, x);
  return [Math.max(...u) - dot(x, u), Math.max(...v) - dot(y, v)];
}

/**
 * Whether (x, y) is a Nash equilibrium within tolerance: both are probability vectors
 * (entries >= -tolerance, sums within tolerance of 1) and neither player can gain more
 * than its payoff tolerance (tolerance × its payoff range) by deviating.
 *
 * @example isNashEquilibrium(matchingPennies, [0.5, 0.5], [0.5, 0.5]) // true
 */
export function isNashEquilibrium(game: NormalFormGame, x: MixedStrategy, y: MixedStrategy, tolerance: number = DEFAULT_TOLERANCE): boolean {
  if (!isMixedStrategy(x, game.strategies[0].length, tolerance) || !isMixedStrategy(y, game.strategies[1].length, tolerance)) return false;
  const [r0, r1] = regrets(game, x, y);
  return r0 <= payoffTolerance(game, 0, tolerance) && r1 <= payoffTolerance(game, 1, tolerance);
}

function isMixedStrategy(p: MixedStrategy, n: number, tolerance: number): boolean {
  if (p.length !== n) return false;
  let sum = 0;
  for (const v of p) {
    if (!Number.isFinite(v) || v < -tolerance) return false;
    sum += v;
  }
  return Math.abs(sum - 1) <= tolerance * n;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
