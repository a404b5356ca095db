import { sameEquilibrium, uniqueEquilibria, type Equilibrium } from './equilibrium.ts';
import { lemkeHowsonAll } from './lemke-howson.ts';
import type { NormalFormGame } from './normal-form.ts';
import { MAX_SUPPORT_PAIRS, supportEnumeration, supportPairCount } from './support-enumeration.ts';
import { DEFAULT_TOLERANCE } from './tolerance.ts';
import { vertexEnumeration, type EquilibriumComponent } from './vertex-enumeration.ts';

export type NashMethod = 'support-enumeration' | 'vertex-enumeration' | 'lemke-howson';

export interface NashSolution {
  /**
   * The equilibria found. When `complete`: every equilibrium of a nondegenerate game, or
   * every extreme equilibrium of a degenerate one (whose continua are in `components`).
   */
  readonly equilibria: Equilibrium[];
  /** Whether the list is known to be complete (see `equilibria`). */
  readonly complete: boolean;
  /** true, false, or null when the game was too large to check. */
  readonly degenerate: boolean | null;
  /** The connected components of the equilibrium set, as indices into `equilibria` (empty when not computed). */
  readonly components: readonly EquilibriumComponent[];
  readonly method: NashMethod;
  readonly tolerance: number;
  /** Plain-language notes on what the result means and does not mean. */
  readonly notes: readonly string[];
}

/**
 * All Nash equilibria of a two-player game, with an honest account of what was found.
 *
 * Up to `maxSupportPairs` support pairs (C(m + n, m) - 1; 9×9 fits the default): support
 * enumeration lists the equilibria, and vertex enumeration of the best-response
 * polytopes checks whether the game is degenerate. Nondegenerate: the list is every
 * equilibrium (there are finitely many, an odd number). Degenerate: support enumeration
 * can miss equilibria and some come in continua, so the list is vertex enumeration's
 * extreme equilibria, and `components` says which of them are joined by a continuum.
 * Larger games: Lemke–Howson from every starting label, marked not complete.
 *
 * @example solveNash(battleOfTheSexes).equilibria.length // 3 (two pure, one mixed)
 */
export function solveNash(game: NormalFormGame, options: { tolerance?: number; maxSupportPairs?: number } = {}): NashSolution {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const m = game.strategies[0].length;
  const n = game.strategies[1].length;
  const limit = options.maxSupportPairs ?? MAX_SUPPORT_PAIRS;
  const pairs = supportPairCount(m, n);
  const toleranceNote = `Probabilities within ${tolerance} of 0 count as 0, and a player's payoffs within ${tolerance} times its payoff range (largest minus smallest) count as equal.`;
  if (pairs > limit) {
    const lh = lemkeHowsonAll(game, { tolerance });
    return {
      equilibria: lh.equilibria,
      complete: false,
      degenerate: null,
      components: [],
      method: 'lemke-howson',
      tolerance,
      notes: [
        `A ${m}×${n} game has ${pairs} support pairs, more than the ${limit} that exact enumeration examines, so these are the equilibria Lemke–Howson reached from its ${m + n} starting labels; there may be others, and degeneracy was not checked.`,
        toleranceNote,
      ],
    };
  }
  const se = supportEnumeration(game, { tolerance, maxSupportPairs: limit });
  const ve = vertexEnumeration(game, { tolerance, maxSubsets: limit + 1 });
  const rounding = ve.roundingRejects > 0 ? [`Vertex enumeration dropped ${ve.roundingRejects} candidate(s) that rounding made fail the equilibrium check; the payoffs may be badly scaled.`] : [];
  if (ve.degenerate) {
    const w = ve.degeneracyWitness!;
    const mover = game.players[w.player];
    const responder = game.players[1 - w.player];
    const support = w.mix.flatMap((p, i) => (p > 0 ? [game.strategies[w.player][i]] : []));
    const answers = w.bestResponses.map((i) => game.strategies[1 - w.player][i]);
    const notes = [
      `The game is degenerate: against ${mover} playing ${support.join(', ')} (${support.length} strateg${support.length === 1 ? 'y' : 'ies'}), ${responder} has ${answers.length} best responses (${answers.join(', ')}). Equilibria then need not be isolated, so the list gives the extreme equilibria, found by vertex enumeration.`,
    ];
    const continua = ve.components.filter((c) => c.members.length > 1);
    for (const c of continua) {
      const list = c.members.map((i) => `#${i + 1}`).join(', ');
      notes.push(
        c.product
          ? `Equilibria ${list} are the corners of a continuum: any weighted average of their ${game.players[0]} strategies, played against any weighted average of their ${game.players[1]} strategies, is also an equilibrium.`
          : `Equilibria ${list} are joined by a continuum of equilibria (a union of such products of mixes; pairs that are not both corners of one product may not be equilibria).`,
      );
    }
    const missed = ve.extremeEquilibria.filter((e) => !se.equilibria.some((s) => sameEquilibrium(s, e))).length;
    if (missed > 0) notes.push(`Support enumeration alone would have missed ${missed} of these ${ve.extremeEquilibria.length}.`);
    notes.push(...rounding, toleranceNote);
    return { equilibria: ve.extremeEquilibria, complete: ve.roundingRejects === 0, degenerate: true, components: ve.components, method: 'vertex-enumeration', tolerance, notes };
  }
  const count = se.equilibria.length;
  const parity = count % 2 === 1 ? 'an odd number, as the theory requires' : 'an even number, which the theory rules out for nondegenerate games, so rounding has lost or added one';
  const notes = [`The game is nondegenerate (checked by vertex enumeration), so support enumeration found every equilibrium: ${count}, ${parity}.`, ...rounding, toleranceNote];
  const agree = se.equilibria.length === ve.extremeEquilibria.length && ve.extremeEquilibria.every((e) => se.equilibria.some((s) => sameEquilibrium(s, e)));
  let equilibria = se.equilibria;
  if (!agree) {
    // Only rounding can make the two exact methods disagree on a nondegenerate game; show both rather than pick one.
    equilibria = uniqueEquilibria([...se.equilibria, ...ve.extremeEquilibria]);
    notes.splice(0, 1, `Support enumeration (${se.equilibria.length}) and vertex enumeration (${ve.extremeEquilibria.length}) disagree, which only rounding can cause in a nondegenerate game; all ${equilibria.length} are listed. Rescale the payoffs or change the tolerance.`);
  }
  return { equilibria, complete: agree, degenerate: false, components: equilibria.map((_, i) => ({ members: [i], product: true })), method: 'support-enumeration', tolerance, notes };
}
