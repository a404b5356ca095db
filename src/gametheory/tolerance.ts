import type { NormalFormGame } from './normal-form.ts';

/**
 * The solvers work in floating point, so "equal" means "within a tolerance".
 * Probabilities are compared with `tolerance` itself; payoffs with `tolerance` times the
 * game's payoff scale (the largest absolute payoff, at least 1), so rescaling a game's
 * payoffs does not change which strategies count as best responses.
 */
export const DEFAULT_TOLERANCE = 1e-9;

/** The largest absolute payoff of either player, at least 1. */
export function payoffScale(game: NormalFormGame): number {
  let scale = 1;
  for (const matrix of game.payoffs) for (const row of matrix) for (const v of row) scale = Math.max(scale, Math.abs(v));
  return scale;
}

/** The tolerance for comparing payoffs in `game`: `tolerance` times its payoff scale. */
export function payoffTolerance(game: NormalFormGame, tolerance: number = DEFAULT_TOLERANCE): number {
  return tolerance * payoffScale(game);
}
