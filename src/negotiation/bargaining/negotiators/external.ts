import type { Offer } from '../issues.ts';
import type { Negotiator, NegotiatorEntry, Proposal, Reply } from '../negotiator.ts';
import type { Observation } from '../session.ts';

/** A negotiator moved from outside (a person in the classroom, a test script). */
export interface ExternalNegotiator extends Negotiator {
  /** Queues its next proposal: an offer, or 'end' to walk away. */
  submitProposal(proposal: Offer | 'end'): void;
  /** Queues its next reply. */
  submitReply(reply: 'accept' | 'reject' | 'end'): void;
  /** What it last saw when asked to move, or null before its first turn: for showing the person the state. */
  lastObservation(): Observation | null;
}

/**
 * A negotiator that waits for its moves from outside: asked to move with nothing queued,
 * it answers 'wait' and the driver (`playSession`) returns, so the caller can collect the
 * move, submit it, and resume. A queued move is used once.
 */
export function createExternal(name = 'external'): ExternalNegotiator {
  let proposal: Offer | 'end' | null = null;
  let reply: 'accept' | 'reject' | 'end' | null = null;
  let seen: Observation | null = null;
  return {
    name,
    meta: EXTERNAL.meta,
    submitProposal(p) {
      proposal = p;
    },
    submitReply(r) {
      reply = r;
    },
    lastObservation: () => seen,
    propose(obs): Proposal {
      seen = obs;
      if (proposal === null) return 'wait';
      const p = proposal;
      proposal = null;
      return p;
    },
    respond(obs): Reply {
      seen = obs;
      if (reply === null) return 'wait';
      const r = reply;
      reply = null;
      return r;
    },
  };
}

export const EXTERNAL: NegotiatorEntry = {
  name: 'external',
  meta: { family: 'external', stochastic: false, usesOpponentModel: false, external: true, description: 'Waits for each move from outside: a person, or the classroom' },
  create: () => createExternal(),
};
