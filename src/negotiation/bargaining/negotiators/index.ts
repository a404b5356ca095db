import { NegotiationInputError } from '../../errors.ts';
import type { NegotiatorMeta, NegotiatorEntry } from '../negotiator.ts';
import { BAYESIAN } from './bayesian.ts';
import { EXTERNAL } from './external.ts';
import { SUBGAME_PERFECT } from './subgame-perfect.ts';
import { TIT_FOR_TAT } from './tit-for-tat.ts';
import { BOULWARE, CONCEDER, LINEAR } from './time-based.ts';

/** Every negotiator, in a stable order. */
export const NEGOTIATORS: readonly NegotiatorEntry[] = [SUBGAME_PERFECT, BOULWARE, LINEAR, CONCEDER, TIT_FOR_TAT, BAYESIAN, EXTERNAL];

/**
 * The negotiators whose metadata matches every given field, e.g. `{ external: false }`
 * for the ones a tournament can run unattended.
 */
export function negotiatorsWhere(match: Partial<NegotiatorMeta>): NegotiatorEntry[] {
  return NEGOTIATORS.filter((n) => Object.entries(match).every(([k, v]) => n.meta[k as keyof NegotiatorMeta] === v));
}

/** The negotiator called `name`. @throws NegotiationInputError naming `name` and listing the known ones. */
export function negotiatorByName(name: string): NegotiatorEntry {
  const n = NEGOTIATORS.find((e) => e.name === name);
  if (!n) throw new NegotiationInputError('name', `${JSON.stringify(name)} is not a negotiator (${NEGOTIATORS.map((e) => e.name).join(', ')})`);
  return n;
}

export { createBayesian, type BayesianNegotiator } from './bayesian.ts';
export { createExternal, type ExternalNegotiator } from './external.ts';
export { createSubgamePerfect } from './subgame-perfect.ts';
export { createTitForTat } from './tit-for-tat.ts';
export { concessionTarget, createTimeBased } from './time-based.ts';
export { BAYESIAN, BOULWARE, CONCEDER, EXTERNAL, LINEAR, SUBGAME_PERFECT, TIT_FOR_TAT };
