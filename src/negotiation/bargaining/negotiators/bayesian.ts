import { NegotiationInputError } from '../../errors.ts';
import { bestOfferMeeting, maxUtility, positionsOf, utilityAt } from '../issues.ts';
import { UTILITY_TOLERANCE, type Negotiator, type NegotiatorEntry } from '../negotiator.ts';
import type { Observation } from '../session.ts';
import { lastRound, offerAtLevel, opponentExpected, opponentOffers, ownRange, ownUtility, timeFraction } from './common.ts';
import { concessionTarget } from './time-based.ts';

/** A Bayesian negotiator that also exposes its current belief over the opponent's types. */
export interface BayesianNegotiator extends Negotiator {
  /** Posterior probability of each opponent type after the offers seen so far. */
  belief(): Record<string, number>;
}

/**
 * A Bayesian bargainer (after Hindriks & Tykhonov 2008): it holds a belief over the
 * opponent's types and updates it by Bayes from each opponent offer, assuming a type-theta
 * opponent asks for about
 *   tau_theta(t) = best_theta - (best_theta - reservation_theta) t   (a linear concession),
 * with likelihood N(u_theta(offer); tau_theta(t), sigma^2). It concedes in time with exponent
 * e toward a floor that is the best deal for itself the believed-expected opponent would
 * accept (expected utility >= expected reservation), never below its own reservation; it
 * offers what is best for the believed-expected opponent at that level. So a tough
 * opponent, once recognised, lowers its floor, and a weak one raises it.
 * @throws NegotiationInputError for sigma or exponent not positive.
 */
export function createBayesian(options: { sigma?: number; exponent?: number } = {}): BayesianNegotiator {
  const sigma = options.sigma ?? 0.1;
  const exponent = options.exponent ?? 0.5;
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new NegotiationInputError('sigma', `${String(sigma)} is not a positive number`);
  if (!(exponent > 0 && Number.isFinite(exponent))) throw new NegotiationInputError('exponent', `${String(exponent)} is not a positive number`);
  let logPosterior: number[] | null = null;
  let names: string[] = [];
  let seen = 0;
  const weights = (): number[] => {
    const lp = logPosterior!;
    const m = Math.max(...lp);
    const w = lp.map((x) => (x === -Infinity ? 0 : Math.exp(x - m)));
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  };
  const update = (obs: Observation): number[] => {
    const types = obs.opponent.types;
    if (logPosterior === null) {
      logPosterior = types.map((t) => Math.log(t.prior));
      names = types.map((t) => t.name);
    }
    const offers = opponentOffers(obs);
    const T = Math.max(1, obs.deadlineRounds - 1);
    for (; seen < offers.length; seen++) {
      const { round, offer } = offers[seen];
      const p = positionsOf(obs.issues, offer);
      types.forEach((t, i) => {
        const best = maxUtility(t.utility);
        const floor = Math.min(best, t.utility.reservation);
        const tau = best - (best - floor) * Math.min(1, round / T);
        const r = (utilityAt(t.utility, p) - tau) / sigma;
        logPosterior![i] += -0.5 * r * r;
      });
      // Every type judged impossible (all -Infinity cannot happen with a Gaussian, but a prior of 0 can): keep the prior.
      if (logPosterior!.every((x) => x === -Infinity)) logPosterior = types.map((t) => Math.log(t.prior));
    }
    return weights();
  };
  const target = (obs: Observation, w: number[]) => {
    const { best, floor } = ownRange(obs);
    const opponent = opponentExpected(obs, w);
    const deal = bestOfferMeeting(obs.own.utility, opponent, opponent.reservation);
    const learned = deal ? Math.min(best, utilityAt(obs.own.utility, deal)) : floor;
    return concessionTarget(best, Math.max(floor, learned), timeFraction(obs), exponent);
  };
  return {
    name: 'bayesian',
    classifier: BAYESIAN.classifier,
    belief() {
      if (!logPosterior) return {};
      const w = weights();
      return Object.fromEntries(names.map((n, i) => [n, w[i]]));
    },
    propose(obs) {
      const w = update(obs);
      return offerAtLevel(obs, target(obs, w), opponentExpected(obs, w));
    },
    respond(obs, offer) {
      const w = update(obs);
      const u = ownUtility(obs, offer);
      if (u >= target(obs, w) - UTILITY_TOLERANCE) return 'accept';
      return lastRound(obs) && u >= obs.own.utility.reservation ? 'accept' : 'reject';
    },
  };
}

export const BAYESIAN: NegotiatorEntry = {
  name: 'bayesian',
  classifier: {
    family: 'bayesian',
    stochastic: false,
    usesOpponentModel: true,
    external: false,
    description: "Updates a belief over the opponent's type from its offers (Bayes, linear-concession likelihood) and concedes toward what the believed opponent would accept",
  },
  create: () => createBayesian(),
};
