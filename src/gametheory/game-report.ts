import { backwardInduction, type BackwardInductionResult } from './backward-induction.ts';
import { iteratedElimination, type DominanceResult } from './dominance.ts';
import type { GameFile } from './game-file.ts';
import { GameInputError } from './errors.ts';
import type { GameTree } from './extensive-form.ts';
import { solveNash, type NashSolution } from './nash.ts';
import type { NormalFormGame } from './normal-form.ts';
import { MAX_SUPPORT_PAIRS, supportPairCount } from './support-enumeration.ts';
import { normalFormOfTree } from './tree-normal-form.ts';

/** Everything `relief-lab game` reports about one game file, as plain data (what --format json prints). */
export type GameReport = NormalFormReport | TreeReport;

export interface NormalFormReport {
  readonly format: 'relief-lab/game-solution@1';
  readonly kind: 'normal-form';
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly players: readonly [string, string];
  readonly strategies: readonly [readonly string[], readonly string[]];
  readonly payoffs: NormalFormGame['payoffs'];
  readonly nash: NashSolution;
  readonly dominance: { readonly strict: DominanceSummary; readonly weak: DominanceSummary };
}

/** A dominance result with strategy names, for readers of the JSON. */
export interface DominanceSummary {
  readonly surviving: readonly [readonly string[], readonly string[]];
  readonly solved: boolean;
  readonly eliminations: readonly {
    readonly round: number;
    readonly player: string;
    readonly strategy: string;
    readonly dominatedBy: readonly { readonly strategy: string; readonly probability: number }[];
  }[];
}

export interface TreeReport {
  readonly format: 'relief-lab/game-solution@1';
  readonly kind: 'extensive-form';
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly players: readonly string[];
  readonly nodes: { readonly decisions: number; readonly chance: number; readonly outcomes: number };
  readonly backwardInduction: BackwardInductionResult;
  /**
   * The tree's normal form and its Nash equilibria (two-player trees small enough), with
   * the index of backward induction's profile among its pure strategies; otherwise why not.
   */
  readonly normalForm: { readonly strategies: readonly [readonly string[], readonly string[]]; readonly nash: NashSolution; readonly subgamePerfect: readonly [number, number] } | { readonly skipped: string };
}

/**
 * Solves a game file: a normal-form game gets its Nash equilibria (solveNash) and both
 * kinds of iterated dominance; a tree gets backward induction and, when it has two
 * players and a small enough normal form, that normal form's Nash equilibria with the
 * subgame-perfect profile marked. Pure and deterministic.
 *
 * @example formatGameReport(solveGameFile(parsed.file)) // what relief-lab game prints
 */
export function solveGameFile(file: GameFile, options: { tolerance?: number } = {}): GameReport {
  const about = { ...(file.description !== undefined ? { description: file.description.trim() } : {}), ...(file.source !== undefined ? { source: file.source.trim() } : {}) };
  if (file.kind === 'extensive-form') {
    const t = file.tree;
    const kinds = [...t.nodes.values()].map((n) => n.kind);
    const count = (k: string) => kinds.filter((x) => x === k).length;
    const bi = backwardInduction(t, options);
    return {
      format: 'relief-lab/game-solution@1',
      kind: 'extensive-form',
      name: t.name,
      ...about,
      players: t.players,
      nodes: { decisions: count('decision'), chance: count('chance'), outcomes: count('terminal') },
      backwardInduction: bi,
      normalForm: treeNormalForm(t, bi, options),
    };
  }
  const g = file.game;
  return {
    format: 'relief-lab/game-solution@1',
    kind: 'normal-form',
    name: g.name,
    ...about,
    players: g.players,
    strategies: g.strategies,
    payoffs: g.payoffs,
    nash: solveNash(g, options),
    dominance: { strict: summarise(g, iteratedElimination(g, 'strict', options)), weak: summarise(g, iteratedElimination(g, 'weak', options)) },
  };
}

function treeNormalForm(tree: GameTree, bi: BackwardInductionResult, options: { tolerance?: number }): TreeReport['normalForm'] {
  let nf;
  try {
    nf = normalFormOfTree(tree);
  } catch (e) {
    if (e instanceof GameInputError) return { skipped: e.problems.map((p) => p.message).join('; ') };
    throw e;
  }
  const [m, n] = nf.game.strategies.map((x) => x.length);
  // Exact solving only: a tree's normal form is usually degenerate, where Lemke–Howson's list says little.
  if (supportPairCount(m, n) > MAX_SUPPORT_PAIRS) return { skipped: `the normal form is ${m}×${n}, more than the ${MAX_SUPPORT_PAIRS} support pairs exact enumeration examines` };
  const choice = new Map(bi.decisions.map((d) => [d.node, d.action]));
  const index = nf.plans.map((plans) => plans.findIndex((plan) => [...plan].every(([node, action]) => choice.get(node) === action))) as [number, number];
  return { strategies: nf.game.strategies, nash: solveNash(nf.game, options), subgamePerfect: index };
}

function summarise(game: NormalFormGame, r: DominanceResult): DominanceSummary {
  return {
    surviving: [r.surviving[0].map((i) => game.strategies[0][i]), r.surviving[1].map((j) => game.strategies[1][j])],
    solved: r.solved,
    eliminations: r.eliminations.map((e) => ({
      round: e.round,
      player: game.players[e.player],
      strategy: game.strategies[e.player][e.strategy],
      dominatedBy: e.dominatedBy.map(([k, p]) => ({ strategy: game.strategies[e.player][k], probability: p })),
    })),
  };
}
