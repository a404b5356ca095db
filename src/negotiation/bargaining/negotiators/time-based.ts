import { NegotiationInputError } from '../../errors.ts';
import { UTILITY_TOLERANCE, type Negotiator, type NegotiatorEntry } from '../negotiator.ts';
import type { Observation } from '../session.ts';
import { offerAtLevel, opponentExpected, ownRange, ownUtility, timeFraction } from './common.ts';

/**
 * The time-dependent tactic of Faratin, Sierra & Jennings (1998), as in GENIUS: the
 * utility it aims for at time fraction t in [0, 1] is
 *   target(t) = floor + (best - floor) (1 - F(t)),  F(t) = k + (1 - k) t^(1/e),
 * from its best utility down to its reservation at the deadline. e < 1 is Boulware (holds
 * firm, concedes at the end), e = 1 Linear, e > 1 Conceder (concedes early). k is the
 * share conceded at once (0 here).
 */
export function concessionTarget(best: number, floor: number, t: number, exponent: number, initial = 0): number {
  const F = initial + (1 - initial) * t ** (1 / exponent);
  return floor + (best - floor) * (1 - F);
}

/**
 * A time-based negotiator with concession exponent e: it offers the deal best for the
 * prior-expected opponent among those worth target(t) to itself, and accepts any offer
 * worth at least target(t).
 * @throws NegotiationInputError for an exponent that is not a positive finite number.
 */
export function createTimeBased(name: string, exponent: number): Negotiator {
  if (!(typeof exponent === 'number' && exponent > 0 && Number.isFinite(exponent))) {
    throw new NegotiationInputError('exponent', `${String(exponent)} is not a positive number (the concession exponent e)`);
  }
  const target = (obs: Observation) => {
    const { best, floor } = ownRange(obs);
    return concessionTarget(best, floor, timeFraction(obs), exponent);
  };
  return {
    name,
    meta: metaFor(exponent),
    propose: (obs) => offerAtLevel(obs, target(obs), opponentExpected(obs)),
    respond: (obs, offer) => (ownUtility(obs, offer) >= target(obs) - UTILITY_TOLERANCE ? 'accept' : 'reject'),
  };
}

function metaFor(exponent: number) {
  const kind = exponent < 1 ? 'Boulware: holds firm, concedes near the deadline' : exponent > 1 ? 'Conceder: concedes early' : 'Linear: concedes at a steady rate';
  return { family: 'time-based', stochastic: false, usesOpponentModel: false, external: false, description: `Time-dependent tactic, target(t) = floor + (best - floor)(1 - t^(1/e)) with e = ${exponent}; ${kind}` };
}

const entry = (name: string, exponent: number): NegotiatorEntry => ({ name, meta: metaFor(exponent), create: () => createTimeBased(name, exponent) });

/** The GENIUS defaults: Boulware e = 0.2, Linear e = 1, Conceder e = 2. */
export const BOULWARE = entry('boulware', 0.2);
export const LINEAR = entry('linear', 1);
export const CONCEDER = entry('conceder', 2);
