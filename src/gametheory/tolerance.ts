import type { Matrix, NormalFormGame } from './normal-form.ts';

/**
 * The solvers work in floating point, so "equal" means "within a tolerance".
 * Probabilities are compared with `tolerance` itself; a player's payoffs with
 * `tolerance` times that player's payoff range (largest minus smallest payoff), so
 * adding a constant to a player's payoffs or multiplying them by a positive number,
 * which changes no best response, changes no answer either.
 */
export const DEFAULT_TOLERANCE = 1e-9;

/** The range of a list of payoffs (largest minus smallest), or 1 when they are all equal. */
export function payoffRange(values: Iterable<number>): number {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return high > low ? high - low : 1;
}

/** The payoff range of `player` (0 row, 1 column) in `game`. */
export function payoffScale(game: NormalFormGame, player: 0 | 1): number {
  return payoffRange(game.payoffs[player].flat());
}

/** The tolerance for comparing `player`'s payoffs in `game`: `tolerance` times its payoff range. */
export function payoffTolerance(game: NormalFormGame, player: 0 | 1, tolerance: number = DEFAULT_TOLERANCE): number {
  return tolerance * payoffScale(game, player);
}

/**
 * A payoff matrix mapped affinely onto [1, 2]: (v - min) / range + 1. A positive affine
 * map of a player's payoffs changes no best response, so equilibria are unchanged;
 * positive payoffs make the best-response polytopes of vertex enumeration and
 * Lemke–Howson bounded, and the fixed range makes their tolerances scale-free.
 */
export function normalisedPositive(m: Matrix): number[][] {
  let low = Infinity;
  for (const row of m) for (const v of row) low = Math.min(low, v);
  const range = payoffRange(m.flat());
  return m.map((row) => row.map((v) => (v - low) / range + 1));
}
