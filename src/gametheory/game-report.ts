import { backwardInduction, type BackwardInductionResult } from './backward-induction.ts';
import { iteratedElimination, type DominanceResult } from './dominance.ts';
import type { GameFile } from './game-file.ts';
import { solveNash, type NashSolution } from './nash.ts';
import type { NormalFormGame } from './normal-form.ts';

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
}

/**
 * Solves a game file: a normal-form game gets its Nash equilibria (solveNash) and both
 * kinds of iterated dominance; a tree gets backward induction. Pure and deterministic.
 */
export function solveGameFile(file: GameFile, options: { tolerance?: number } = {}): GameReport {
  const about = { ...(file.description !== undefined ? { description: file.description.trim() } : {}), ...(file.source !== undefined ? { source: file.source.trim() } : {}) };
  if (file.kind === 'extensive-form') {
    const t = file.tree;
    const kinds = [...t.nodes.values()].map((n) => n.kind);
    const count = (k: string) => kinds.filter((x) => x === k).length;
    return {
      format: 'relief-lab/game-solution@1',
      kind: 'extensive-form',
      name: t.name,
      ...about,
      players: t.players,
      nodes: { decisions: count('decision'), chance: count('chance'), outcomes: count('terminal') },
      backwardInduction: backwardInduction(t, options),
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
