import { UTILITY_TOLERANCE, type Negotiator, type NegotiatorEntry } from '../negotiator.ts';
import type { Observation } from '../session.ts';
import { lastRound, offerAtLevel, opponentExpected, opponentOffers, ownRange, ownUtility } from './common.ts';

/**
 * Tit-for-tat on concessions (after Faratin et al.'s behaviour-dependent tactics): it opens
 * at its best and concedes, in its own utility, as much as the opponent's last offer
 * improved on its previous one for it; it makes one opening concession of
 * `openingConcession` x (best - floor) on its second proposal, so that two of them do not
 * stall at their ideals. Never below its reservation. Accepts an offer worth at least what
 * it now asks, and in the last round anything at least its reservation.
 */
export function createTitForTat(openingConcession = 0.05): Negotiator {
  let target: number | null = null;
  let seen = 0;
  let proposals = 0;
  const update = (obs: Observation): number => {
    const { best, floor } = ownRange(obs);
    if (target === null) target = best;
    const offers = opponentOffers(obs);
    for (; seen < offers.length; seen++) {
      if (seen === 0) continue;
      const gain = ownUtility(obs, offers[seen].offer) - ownUtility(obs, offers[seen - 1].offer);
      if (gain > 0) target -= gain;
    }
    target = Math.min(best, Math.max(floor, target));
    return target;
  };
  return {
    name: 'tit-for-tat',
    meta: TIT_FOR_TAT.meta,
    propose(obs) {
      update(obs);
      if (proposals === 1) {
        const { best, floor } = ownRange(obs);
        target = Math.max(floor, target! - openingConcession * (best - floor));
      }
      proposals += 1;
      return offerAtLevel(obs, target!, opponentExpected(obs));
    },
    respond(obs, offer) {
      const asked = update(obs);
      const u = ownUtility(obs, offer);
      if (u >= asked - UTILITY_TOLERANCE) return 'accept';
      return lastRound(obs) && u >= obs.own.utility.reservation ? 'accept' : 'reject';
    },
  };
}

export const TIT_FOR_TAT: NegotiatorEntry = {
  name: 'tit-for-tat',
  meta: {
    family: 'tit-for-tat',
    stochastic: false,
    usesOpponentModel: false,
    external: false,
    description: "Concedes as much as the opponent's last concession gave it (one small opening concession); accepts what it asks",
  },
  create: () => createTitForTat(),
};
