import type { Rng } from '../../engine/rng.ts';
import type { Offer } from './issues.ts';
import type { Observation } from './session.ts';

/**
 * What kind of negotiator this is (after Axelrod's classifier): registries and
 * tournaments select negotiators by filtering these, never by hand-kept lists.
 */
export interface NegotiatorMeta {
  /** The strategy family, e.g. 'subgame-perfect', 'time-based', 'tit-for-tat', 'bayesian', 'external'. */
  family: string;
  /** Draws on its rng (then a seed fixes it). */
  stochastic: boolean;
  /** Learns a model of the opponent from its offers. */
  usesOpponentModel: boolean;
  /** Waits for moves from outside (a person, the classroom). */
  external: boolean;
  /** One line on what it does. */
  description: string;
}

/** A proposal: an offer, walking away, or (external negotiators only) waiting for a move from outside. */
export type Proposal = Offer | 'end' | 'wait';
export type Reply = 'accept' | 'reject' | 'end' | 'wait';

/** A negotiator: a name, its metadata and two decisions over what it observes. One instance plays one session. */
export interface Negotiator {
  readonly name: string;
  readonly meta: NegotiatorMeta;
  /** Its move as proposer. */
  propose(observation: Observation): Proposal;
  /** Its reply to `offer` as responder. */
  respond(observation: Observation, offer: Offer): Reply;
}

/** A registry entry: the metadata, and a factory for a fresh negotiator (its randomness only from `rng`). */
export interface NegotiatorEntry {
  readonly name: string;
  readonly meta: NegotiatorMeta;
  create(rng: Rng): Negotiator;
}

/** Utilities computed by different routes may differ in the last bits: an offer this close to a threshold meets it. */
export const UTILITY_TOLERANCE = 1e-12;
