import { NegotiationInputError } from '../../errors.ts';
import { subgamePerfectPlan, type RoundPlan } from '../backward-induction.ts';
import { expectedUtility, maxUtility, offerAt, positionsOf, utilityAt, type CompiledUtility } from '../issues.ts';
import { UTILITY_TOLERANCE, type Negotiator, type NegotiatorEntry } from '../negotiator.ts';
import { opponentOf, type Party } from '../protocol.ts';
import type { Observation } from '../session.ts';
import { opponentExpected, opponentOffers } from './common.ts';

/** A Bayesian negotiator that also exposes its current belief over the opponent's types. */
export interface BayesianNegotiator extends Negotiator {
  /** Posterior probability of each opponent type after the offers seen so far. */
  belief(): Record<string, number>;
}

/**
 * A Bayesian bargainer (the learning model of Hindriks & Tykhonov 2008): it holds a belief
 * over the opponent's types and updates it by Bayes from each opponent offer, assuming a
 * type-theta opponent asks for about
 *   tau_theta(t) = best_theta - (best_theta - reservation_theta) t   (a linear concession),
 * t the time fraction, with likelihood N(u_theta(offer); tau_theta(t), sigma^2). It then
 * plays the subgame-perfect plan of the remaining rounds against the posterior-expected
 * opponent (and, when the terms are worth different amounts to it depending on the
 * opponent's type, with its own posterior-expected utility), re-planned whenever the
 * belief moves: the subgame-perfect negotiator with learning, so the two differ by
 * exactly the value of what it learns.
 * @throws NegotiationInputError for sigma not a positive number.
 */
export function createBayesian(options: { sigma?: number } = {}): BayesianNegotiator {
  const sigma = options.sigma ?? 0.1;
  if (!(typeof sigma === 'number' && sigma > 0 && Number.isFinite(sigma))) throw new NegotiationInputError('sigma', `${String(sigma)} is not a positive number`);
  let logPosterior: number[] | null = null;
  let names: string[] = [];
  let seen = 0;
  let plan: { weights: number[]; steps: RoundPlan[] } | null = null;
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
    }
    return weights();
  };
  // Its own utility under the belief: when the terms are worth different amounts depending on the type, learning the type changes that too.
  const ownUnder = (obs: Observation, w: number[]): CompiledUtility =>
    obs.own.byType && obs.own.byType.length === w.length && obs.own.byType.some((u) => u !== obs.own.byType![0]) ? expectedUtility(obs.own.byType.map((u, i) => ({ weight: w[i], utility: u }))) : obs.own.utility;
  const planFor = (obs: Observation, w: number[]): RoundPlan[] => {
    if (plan && plan.weights.every((x, i) => x === w[i])) return plan.steps;
    const me = obs.party;
    const them = opponentOf(me);
    const steps = subgamePerfectPlan({
      deadlineRounds: obs.deadlineRounds,
      breakdownProbability: obs.breakdownProbability,
      firstProposer: obs.firstProposer,
      discount: { [me]: obs.own.discount, [them]: obs.opponent.discount } as Record<Party, number>,
      utility: { [me]: ownUnder(obs, w), [them]: opponentExpected(obs, w) } as Record<Party, CompiledUtility>,
    });
    plan = { weights: w, steps };
    return steps;
  };
  return {
    name: 'bayesian',
    meta: BAYESIAN.meta,
    belief() {
      if (!logPosterior) return {};
      const w = weights();
      return Object.fromEntries(names.map((n, i) => [n, w[i]]));
    },
    propose(obs) {
      const step = planFor(obs, update(obs))[obs.round];
      return step.action === 'walk' ? 'end' : offerAt(obs.issues, step.positions);
    },
    respond(obs, offer) {
      const w = update(obs);
      const steps = planFor(obs, w);
      const step = steps[obs.round];
      const own = ownUnder(obs, w);
      if (utilityAt(own, positionsOf(obs.issues, offer)) >= step.fallback[obs.party] - UTILITY_TOLERANCE) return 'accept';
      const res = own.reservation;
      const next = obs.round + 1 < obs.deadlineRounds ? steps[obs.round + 1].value[obs.party] : res;
      const wait = obs.own.discount * ((1 - obs.breakdownProbability) * next + obs.breakdownProbability * res);
      return res > wait ? 'end' : 'reject';
    },
  };
}

export const BAYESIAN: NegotiatorEntry = {
  name: 'bayesian',
  meta: {
    family: 'bayesian',
    stochastic: false,
    usesOpponentModel: true,
    external: false,
    description: "Learns the opponent's type from its offers (Bayes, linear-concession likelihood) and plays the subgame-perfect plan against the posterior-expected opponent",
  },
  create: () => createBayesian(),
};
