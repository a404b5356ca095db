import { subgamePerfectPlan, type RoundPlan } from '../backward-induction.ts';
import { offerAt, type CompiledUtility } from '../issues.ts';
import { UTILITY_TOLERANCE, type Negotiator, type NegotiatorEntry } from '../negotiator.ts';
import { opponentOf } from '../protocol.ts';
import type { Observation } from '../session.ts';
import { opponentExpected, ownUtility } from './common.ts';

/**
 * Plays the subgame-perfect equilibrium of the protocol it is in, computed by backward
 * induction over the remaining rounds with breakdown risk folded into the continuation
 * (so with reservations 0 the effective discount is d (1 - q)). Under private information
 * it plans against the prior-expected opponent (the types' utilities averaged by the
 * prior), which is exact with one type and an approximation otherwise: it is not a
 * sequential equilibrium of the incomplete-information game, and it does not learn.
 */
export function createSubgamePerfect(): Negotiator {
  let plan: RoundPlan[] | null = null;
  const planFor = (obs: Observation): RoundPlan[] => {
    if (plan) return plan;
    const opponent: CompiledUtility = opponentExpected(obs);
    const me = obs.party;
    const them = opponentOf(me);
    plan = subgamePerfectPlan({
      deadlineRounds: obs.deadlineRounds,
      breakdownProbability: obs.breakdownProbability,
      firstProposer: obs.firstProposer,
      discount: { [me]: obs.own.discount, [them]: obs.opponent.discount } as Record<'coalition' | 'target', number>,
      utility: { [me]: obs.own.utility, [them]: opponent } as Record<'coalition' | 'target', CompiledUtility>,
    });
    return plan;
  };
  return {
    name: 'subgame-perfect',
    meta: SUBGAME_PERFECT.meta,
    propose(obs) {
      const step = planFor(obs)[obs.round];
      return step.action === 'walk' ? 'end' : offerAt(obs.issues, step.positions);
    },
    respond(obs, offer) {
      const step = planFor(obs)[obs.round];
      const fallback = step.fallback[obs.party];
      if (ownUtility(obs, offer) >= fallback - UTILITY_TOLERANCE) return 'accept';
      // Walking away beats waiting when the reservation is worth more now than the continuation.
      const waitValue = obs.round + 1 < obs.deadlineRounds ? planFor(obs)[obs.round + 1].value[obs.party] : obs.own.utility.reservation;
      const wait = obs.own.discount * ((1 - obs.breakdownProbability) * waitValue + obs.breakdownProbability * obs.own.utility.reservation);
      return obs.own.utility.reservation > wait ? 'end' : 'reject';
    },
  };
}

export const SUBGAME_PERFECT: NegotiatorEntry = {
  name: 'subgame-perfect',
  meta: {
    family: 'subgame-perfect',
    stochastic: false,
    usesOpponentModel: false,
    external: false,
    description: 'Rubinstein by backward induction over the remaining rounds, breakdown risk folded into the discount; plans against the prior-expected opponent',
  },
  create: () => createSubgamePerfect(),
};
