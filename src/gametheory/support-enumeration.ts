import { isNashEquilibrium } from './best-response.ts';
import { makeEquilibrium, uniqueEquilibria, type Equilibrium } from './equilibrium.ts';
import { GameInputError } from './errors.ts';
import { transpose, type Matrix, type NormalFormGame } from './normal-form.ts';
import { solveLinearSystem } from './linear-solve.ts';
import { binomial, subsets } from './subsets.ts';
import { DEFAULT_TOLERANCE } from './tolerance.ts';

/** Support pairs examined at most by default: C(m + n, m) - 1 of them for an m×n game (9×9 is 48,619). */
export const MAX_SUPPORT_PAIRS = 50_000;

export interface SupportEnumerationResult {
  /** Every equilibrium with supports of equal size whose indifference systems have one solution. */
  readonly equilibria: Equilibrium[];
  /** How many support pairs (I, J) with |I| = |J| were examined. */
  readonly supportPairs: number;
  /** How many of them had a singular indifference system and were skipped (only degenerate games make these matter). */
  readonly singularSystems: number;
}

/** The number of equal-size support pairs of an m×n game: the sum over k of C(m, k) C(n, k) = C(m + n, m) - 1. */
export function supportPairCount(rows: number, columns: number): number {
  return binomial(rows + columns, rows) - 1;
}

/**
 * All Nash equilibria of a nondegenerate two-player game by support enumeration: for
 * every pair of supports I (rows) and J (columns) of equal size k, solve the
 * indifference systems (the column mix on J makes every row in I pay the same; the row
 * mix on I makes every column in J pay the same), keep solutions that are probability
 * vectors, and keep the pair when no pure strategy outside the supports pays more.
 *
 * Complete for nondegenerate games (there every equilibrium has supports of equal size
 * and unique solutions). In a degenerate game it finds only the equilibria with a
 * unique solution on equal-size supports; `solveNash` checks degeneracy and adds the
 * rest. Cost: one pair of (k+1)×(k+1) solves per support pair, C(m + n, m) - 1 pairs.
 *
 * @param options.tolerance probabilities within it of 0 count as 0; payoffs within it
 *   times the player's payoff range count as equal (src/gametheory/tolerance.ts).
 * @throws GameInputError when the game has more than `maxSupportPairs` support pairs.
 * @example supportEnumeration(battleOfTheSexes).equilibria.length // 3
 */
export function supportEnumeration(game: NormalFormGame, options: { tolerance?: number; maxSupportPairs?: number } = {}): SupportEnumerationResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const m = game.strategies[0].length;
  const n = game.strategies[1].length;
  const pairs = supportPairCount(m, n);
  const limit = options.maxSupportPairs ?? MAX_SUPPORT_PAIRS;
  if (pairs > limit) {
    throw new GameInputError([{ path: 'payoffs', message: `a ${m}×${n} game has ${pairs} support pairs; support enumeration examines at most ${limit}; use Lemke–Howson (lemkeHowsonAll) for games this large` }]);
  }
  const [a, b] = game.payoffs;
  const bT = transpose(b);
  const found: Equilibrium[] = [];
  let examined = 0;
  let singular = 0;
  for (let k = 1; k <= Math.min(m, n); k++) {
    for (const rows of subsets(m, k)) {
      for (const columns of subsets(n, k)) {
        examined++;
        // The column mix on J that makes the rows in I indifferent, and vice versa.
        const y = indifferentMix(a, rows, columns, tolerance);
        const x = y && indifferentMix(bT, columns, rows, tolerance);
        if (y === undefined || x === undefined) {
          singular++;
          continue;
        }
        if (y === null || x === null) continue;
        const xFull = spread(x, rows, m);
        const yFull = spread(y, columns, n);
        if (isNashEquilibrium(game, xFull, yFull, tolerance)) found.push(makeEquilibrium(game, xFull, yFull, tolerance));
      }
    }
  }
  return { equilibria: uniqueEquilibria(found), supportPairs: examined, singularSystems: singular };
}

/**
 * The mix over `mixed` (indices of the other player's strategies) that gives every
 * strategy in `indifferent` the same payoff under `payoff[indifferent][mixed]`:
 * `undefined` when the system is singular, `null` when its solution is not a
 * probability vector.
 */
function indifferentMix(payoff: Matrix, indifferent: readonly number[], mixed: readonly number[], tolerance: number): number[] | null | undefined {
  const k = mixed.length;
  // Unknowns: the k probabilities, then the common payoff v.
  const system = indifferent.map((i) => [...mixed.map((j) => payoff[i][j]), -1]);
  system.push([...mixed.map(() => 1), 0]);
  const rhs = [...indifferent.map(() => 0), 1];
  const z = solveLinearSystem(system, rhs);
  if (z === null) return undefined;
  const p = z.slice(0, k);
  return p.every((v) => v >= -tolerance) ? p : null;
}

function spread(p: readonly number[], support: readonly number[], size: number): number[] {
  const full = new Array<number>(size).fill(0);
  support.forEach((s, i) => (full[s] = Math.max(0, p[i])));
  return full;
}
