import { bestOfferMeeting, expectedUtility, idealPositions, maxUtility, offerAt, positionsOf, utilityAt, type CompiledUtility, type Offer } from '../issues.ts';
import type { Observation } from '../session.ts';

/** The opponent's expected utility under `weights` over its types (default: the observation's prior). */
export function opponentExpected(obs: Observation, weights?: readonly number[]): CompiledUtility {
  return expectedUtility(obs.opponent.types.map((t, i) => ({ weight: weights ? weights[i] : t.prior, utility: t.utility })));
}

/** Progress through the negotiation in [0, 1]: 0 in the first round, 1 in the last. */
export function timeFraction(obs: Observation): number {
  return obs.deadlineRounds <= 1 ? 1 : Math.min(1, obs.round / (obs.deadlineRounds - 1));
}

/** Own utility of an offer. */
export function ownUtility(obs: Observation, offer: Offer): number {
  return utilityAt(obs.own.utility, positionsOf(obs.issues, offer));
}

/**
 * The offer that gives the (expected) opponent the most while giving itself at least
 * `target`: the generous choice among the offers it is content with. Its ideal when
 * `target` is beyond reach.
 */
export function offerAtLevel(obs: Observation, target: number, opponent: CompiledUtility): Offer {
  const own = obs.own.utility;
  const p = bestOfferMeeting(opponent, own, target) ?? idealPositions(own, opponent);
  return offerAt(obs.issues, p);
}

/** Its best and its floor: the utility of its ideal and its reservation (never above the best). */
export function ownRange(obs: Observation): { best: number; floor: number } {
  const best = maxUtility(obs.own.utility);
  return { best, floor: Math.min(best, obs.own.utility.reservation) };
}

/** True in the last round: rejecting then is worth only the discounted reservation. */
export function lastRound(obs: Observation): boolean {
  return obs.round >= obs.deadlineRounds - 1;
}

/** Offers made so far by the opponent of `obs.party`, in order, with their rounds. */
export function opponentOffers(obs: Observation): { round: number; offer: Offer }[] {
  return obs.history.flatMap((e) => (e.kind === 'offer' && e.by !== obs.party ? [{ round: e.round, offer: e.offer }] : []));
}
