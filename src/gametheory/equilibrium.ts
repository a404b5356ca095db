import { expectedPayoffs } from './best-response.ts';
import type { MixedStrategy, NormalFormGame } from './normal-form.ts';

/** A Nash equilibrium of a two-player game: each player's mix, the expected payoffs and the supports. */
export interface Equilibrium {
  /** The row player's mix: one probability per row strategy. */
  readonly row: readonly number[];
  /** The column player's mix: one probability per column strategy. */
  readonly column: readonly number[];
  /** Expected payoffs [row player, column player]. */
  readonly payoffs: readonly [number, number];
  /** The strategies played with positive probability, by index: [rows, columns]. */
  readonly supports: readonly [readonly number[], readonly number[]];
}

/**
 * Two equilibria are the same when every probability differs by at most this much. It is
 * looser than the solvers' tolerance because Lemke–Howson's pivots and the different
 * solvers' round-off land on the same point a few ulps apart, never 1e-7 apart.
 */
export const SAME_EQUILIBRIUM_TOLERANCE = 1e-7;

/**
 * Builds an equilibrium record from two mixes: entries within `tolerance` of 0 become 0
 * and each mix is rescaled to sum to 1, so supports are read without round-off noise.
 */
export function makeEquilibrium(game: NormalFormGame, x: MixedStrategy, y: MixedStrategy, tolerance: number): Equilibrium {
  const row = clean(x, tolerance);
  const column = clean(y, tolerance);
  return { row, column, payoffs: expectedPayoffs(game, row, column), supports: [support(row), support(column)] };
}

/** Removes repeats (within SAME_EQUILIBRIUM_TOLERANCE) and sorts: pure before mixed, then by the row mix, largest first on the first strategy. */
export function uniqueEquilibria(list: readonly Equilibrium[]): Equilibrium[] {
  const out: Equilibrium[] = [];
  for (const e of list) if (!out.some((o) => sameEquilibrium(o, e))) out.push(e);
  return out.sort(compareEquilibria);
}

export function sameEquilibrium(a: Equilibrium, b: Equilibrium, tolerance = SAME_EQUILIBRIUM_TOLERANCE): boolean {
  return close(a.row, b.row, tolerance) && close(a.column, b.column, tolerance);
}

function compareEquilibria(a: Equilibrium, b: Equilibrium): number {
  const size = a.supports[0].length + a.supports[1].length - (b.supports[0].length + b.supports[1].length);
  if (size !== 0) return size;
  for (const [p, q] of [
    [a.row, b.row],
    [a.column, b.column],
  ] as const) {
    for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - q[i]) > SAME_EQUILIBRIUM_TOLERANCE) return q[i] - p[i];
  }
  return 0;
}

function close(a: readonly number[], b: readonly number[], tolerance: number): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
}

function clean(p: MixedStrategy, tolerance: number): number[] {
  const q = p.map((v) => (Math.abs(v) <= tolerance ? 0 : v));
  const sum = q.reduce((s, v) => s + v, 0);
  return q.map((v) => (v === 0 ? 0 : v / sum));
}

function support(p: readonly number[]): number[] {
  return p.flatMap((v, i) => (v > 0 ? [i] : []));
}
