import type { CompiledScenario } from '../engine/compile.ts';
import { consequenceCredibility, fillDeterrence, fillTrancheStakes, newDeterrenceScratch } from '../engine/deterrence/stakes.ts';
import { newVoteRoll } from '../engine/actors/coalition/vote.ts';
import { backwardInduction, gameTree, normalFormOfTree, solveNash, type GameTree } from '../gametheory/index.ts';
import type { Moment } from './stage-view.ts';

/**
 * The period game between the coalition and the target at one moment of a design,
 * built from the engine's deterrence inputs there (averaged over the moment's runs)
 * and solved. The coalition keeps the deal or suspends relief; the target complies
 * or cheats on the benchmark; an inspection detects cheating with the engine's
 * per-period probability p; a detection costs the target the reputational cost and,
 * after the report lag and dispute window, the relief at stake (credibility-weighted,
 * times the chance theta that it completes the threshold) for good.
 *
 * Target payoffs are relative to complying from now on, in utility units, so that
 * cheating is worth g - p (delta r + delta^(1+L) theta K / (1 - delta)) = -M: the
 * solved game has the target cheat exactly where the engine's per-period margin M is
 * negative. The coalition's payoff is the discounted compliance on the benchmark that
 * each outcome leaves it with (w_b / (1 - delta) if the target complies, else 0);
 * suspending relief leaves the target without the stake (-K / (1 - delta)).
 */
export interface StageGameInputs {
  benchmark: string;
  discountFactor: number;
  detectionPerPeriod: number;
  thresholdFactor: number;
  stakePerPeriod: number;
  punishmentDelayPeriods: number;
  reputationalCost: number;
  cheatGain: number;
  benchmarkWeight: number;
}

export interface StageGame {
  inputs: StageGameInputs;
  tree: GameTree;
  /** The subgame-perfect play: the target's choice and both expected payoffs [coalition, target]. */
  targetChoice: 'Comply' | 'Cheat';
  coalitionChoice: string;
  expectedPayoffs: readonly number[];
  /** Nash equilibria of the tree's normal form (as the target's probability of cheating and the coalition's of keeping the deal), and whether the list is complete. */
  nash: { keepDeal: number; cheat: number; payoffs: readonly [number, number] }[];
  nashComplete: boolean;
}

/** The engine's deterrence inputs on benchmark b at the moment, averaged over its runs. */
export function meanInputs(c: CompiledScenario, moment: Moment, b: number): StageGameInputs {
  const cons = c.consequences;
  const sum = { detectionPerPeriod: 0, thresholdFactor: 0, stakePerPeriod: 0, punishmentDelayPeriods: 0, reputationalCost: 0, cheatGain: 0 };
  const n = Math.max(1, moment.views.length);
  for (const { view, voting, hawk } of moment.views) {
    const x = newDeterrenceScratch(c, newVoteRoll(cons.trigger, cons.discretionaryBeliefThreshold, voting, c.memberWeight, hawk, c.memberVoteCeiling));
    const v = { ...view, type: c.types[moment.typeIndex] };
    const cred = consequenceCredibility(c, v, x);
    fillTrancheStakes(c, v, cred, x);
    const d = fillDeterrence(c, v, b, cred, x);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += d[k];
  }
  return {
    benchmark: c.benchmarkIds[b],
    discountFactor: c.discountFactor,
    detectionPerPeriod: sum.detectionPerPeriod / n,
    thresholdFactor: sum.thresholdFactor / n,
    stakePerPeriod: sum.stakePerPeriod / n,
    punishmentDelayPeriods: sum.punishmentDelayPeriods / n,
    reputationalCost: sum.reputationalCost / n,
    cheatGain: sum.cheatGain / n,
    benchmarkWeight: c.benchWeight[b],
  };
}

/** Builds the stage game from the inputs and solves it (backward induction, and Nash on its normal form). */
export function stageGame(x: StageGameInputs): StageGame {
  const d = x.discountFactor;
  const loss = d * x.reputationalCost + (Math.pow(d, 1 + x.punishmentDelayPeriods) * x.thresholdFactor * x.stakePerPeriod) / (1 - d);
  const p = Math.min(1, Math.max(0, x.detectionPerPeriod));
  const complied = x.benchmarkWeight / (1 - d);
  const tree = gameTree({
    name: `Relief stage game on ${x.benchmark}`,
    players: ['Coalition', 'Target'],
    root: 'offer',
    nodes: {
      offer: { player: 'Coalition', actions: [{ action: 'Keep the deal', next: 'respond' }, { action: 'Suspend relief', next: 'suspended' }] },
      respond: { player: 'Target', actions: [{ action: 'Comply', next: 'complied' }, { action: 'Cheat', next: 'inspection' }] },
      inspection: { chance: [{ outcome: 'Detected', probability: p, next: 'caught' }, { outcome: 'Missed', probability: 1 - p, next: 'undetected' }] },
      suspended: { payoffs: [0, -x.stakePerPeriod / (1 - d)] },
      complied: { payoffs: [complied, 0] },
      caught: { payoffs: [0, x.cheatGain - loss] },
      undetected: { payoffs: [0, x.cheatGain] },
    },
  });
  const bi = backwardInduction(tree);
  const target = bi.decisions.find((n) => n.node === 'respond')!;
  const coalition = bi.decisions.find((n) => n.node === 'offer')!;
  const nf = normalFormOfTree(tree);
  const sol = solveNash(nf.game);
  const cheatIndex = nf.game.strategies[1].indexOf('Cheat');
  const keepIndex = nf.game.strategies[0].indexOf('Keep the deal');
  return {
    inputs: x,
    tree,
    targetChoice: target.action === 'Cheat' ? 'Cheat' : 'Comply',
    coalitionChoice: coalition.action,
    expectedPayoffs: bi.expectedPayoffs,
    nash: sol.equilibria.map((e) => ({ keepDeal: e.row[keepIndex], cheat: e.column[cheatIndex], payoffs: e.payoffs })),
    nashComplete: sol.complete,
  };
}
