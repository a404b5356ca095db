import type { NormalFormGame } from './normal-form.ts';
import { zeroSumValue } from './simplex.ts';
import { DEFAULT_TOLERANCE, payoffTolerance } from './tolerance.ts';

export type DominanceKind = 'strict' | 'weak';

/** One elimination: which player's strategy went, in which round, and what dominates it. */
export interface Elimination {
  readonly round: number;
  /** 0 the row player, 1 the column player. */
  readonly player: 0 | 1;
  /** Index of the strategy in the original game. */
  readonly strategy: number;
  /** The dominating strategy or mix as [original index, probability] pairs (one pair [k, 1] when a pure strategy dominates). */
  readonly dominatedBy: readonly (readonly [number, number])[];
}

export interface DominanceResult {
  readonly kind: DominanceKind;
  /** The strategies that survive, by original index: [rows, columns]. */
  readonly surviving: readonly [readonly number[], readonly number[]];
  /** The eliminations in order. */
  readonly eliminations: readonly Elimination[];
  /** True when one strategy per player survives: the game is dominance solvable. */
  readonly solved: boolean;
}

/**
 * Iterated elimination of dominated strategies. Each round removes, for both players at
 * once and judged against the same remaining game, every strategy that is dominated;
 * rounds repeat until none is.
 *
 * - `strict`: a strategy goes when some mix of the player's other remaining strategies
 *   pays strictly more (by more than the player's payoff tolerance) against every remaining
 *   strategy of the opponent. Mixes are found by a linear programme (the value of the
 *   zero-sum game of payoff differences, src/gametheory/simplex.ts), so a strategy
 *   dominated only by a mix (the textbook "D below ½U + ½M") is caught. The result
 *   does not depend on the order of elimination, and no Nash equilibrium is lost.
 * - `weak`: a strategy goes when another remaining pure strategy pays at least as much
 *   against every remaining opposing strategy and more against at least one. Only pure
 *   dominators are checked. Weak elimination depends on the order: removing the
 *   strategies one at a time or in another order can leave a different game, and it can
 *   remove Nash equilibria (though never all of them).
 *
 * Cost: strict, one small LP per strategy per round; weak, O(k² × opponents) per round.
 *
 * @example iteratedElimination(prisonersDilemma, 'strict').surviving // [[1], [1]] (Defect, Defect)
 */
export function iteratedElimination(game: NormalFormGame, kind: DominanceKind, options: { tolerance?: number } = {}): DominanceResult {
  let live: [number[], number[]] = [game.strategies[0].map((_, i) => i), game.strategies[1].map((_, j) => j)];
  const eliminations: Elimination[] = [];
  for (let round = 1; ; round++) {
    const found: Elimination[] = [];
    for (const player of [0, 1] as const) {
      const own = live[player];
      if (own.length < 2) continue;
      const tol = payoffTolerance(game, player, options.tolerance ?? DEFAULT_TOLERANCE);
      const other = live[1 - player];
      // payoff(s, t): this player's payoff from own strategy s against the opponent's t.
      const payoff = (s: number, t: number) => (player === 0 ? game.payoffs[0][s][t] : game.payoffs[1][t][s]);
      for (const s of own) {
        const by = kind === 'strict' ? strictDominator(s, own, other, payoff, tol) : weakDominator(s, own, other, payoff, tol);
        if (by) found.push({ round, player, strategy: s, dominatedBy: by });
      }
    }
    if (found.length === 0) break;
    // Weakly dominated strategies can dominate one another in a chain (a > b > c): all
    // of them go except an undominated one, which always remains because dominance is
    // transitive and the set is finite.
    eliminations.push(...found);
    live = [
      live[0].filter((s) => !found.some((e) => e.player === 0 && e.strategy === s)),
      live[1].filter((s) => !found.some((e) => e.player === 1 && e.strategy === s)),
    ];
  }
  return { kind, surviving: live, eliminations, solved: live[0].length === 1 && live[1].length === 1 };
}

/** A pure strategy among `own` that weakly dominates `s` against `other`, as [[index, 1]], or undefined. */
function weakDominator(s: number, own: readonly number[], other: readonly number[], payoff: (s: number, t: number) => number, tol: number) {
  for (const d of own) {
    if (d === s) continue;
    let strictSomewhere = false;
    let atLeast = true;
    for (const t of other) {
      const diff = payoff(d, t) - payoff(s, t);
      if (diff < -tol) {
        atLeast = false;
        break;
      }
      if (diff > tol) strictSomewhere = true;
    }
    if (atLeast && strictSomewhere) return [[d, 1]] as const;
  }
  return undefined;
}

/**
 * A mix of the other strategies in `own` that strictly dominates `s`: the row player of
 * the zero-sum game D[k][t] = payoff(k, t) - payoff(s, t) (k != s) guarantees more than
 * 0 exactly when such a mix exists, and its maximin mix is one.
 */
function strictDominator(s: number, own: readonly number[], other: readonly number[], payoff: (s: number, t: number) => number, tol: number) {
  const others = own.filter((k) => k !== s);
  const d = others.map((k) => other.map((t) => payoff(k, t) - payoff(s, t)));
  // No mix can beat s against an opposing strategy where no other strategy beats it: then
  // s is not strictly dominated, and the linear programme can be skipped.
  if (other.some((_, j) => d.every((row) => row[j] <= tol))) return undefined;
  const { value, row } = zeroSumValue(d);
  if (value <= tol) return undefined;
  // Prefer a pure dominator when one exists: it is what a reader checks first.
  const pure = others.find((_, i) => d[i].every((v) => v > tol));
  if (pure !== undefined) return [[pure, 1]] as const;
  const weights = others.flatMap((k, i) => (row[i] > 1e-12 ? [[k, row[i]] as const] : []));
  const sum = weights.reduce((t, [, w]) => t + w, 0);
  return weights.map(([k, w]) => [k, w / sum] as const);
}
