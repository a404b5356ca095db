import type { Rng } from '../../engine/rng.ts';
import { NegotiationInputError } from '../errors.ts';
import type { Negotiator } from './negotiator.ts';
import type { BargainingProtocol, Party } from './protocol.ts';
import { Session, type LogEntry, type SessionOutcome } from './session.ts';

/** Where a driven session stopped: over, or waiting for an external negotiator's move. */
export type PlayStatus = { kind: 'over'; outcome: SessionOutcome } | { kind: 'awaiting'; party: Party; phase: 'propose' | 'respond' };

/**
 * Samples a chance outcome with `rng`: one uniform draw, outcomes taken in order.
 * @example sampleChance([['breakdown', 0.1], ['continue', 0.9]], rng)
 */
export function sampleChance(outcomes: readonly [string, number][], rng: Rng): string {
  const u = rng();
  let acc = 0;
  for (const [o, p] of outcomes) {
    acc += p;
    if (u < acc) return o;
  }
  // Rounding can leave the total a hair below 1: the last outcome with positive probability takes the rest.
  return [...outcomes].reverse().find(([, p]) => p > 0)![0];
}

/**
 * Drives a session until it ends or an external negotiator waits: chance nodes are sampled
 * with `rng` (the only randomness), the negotiators move in turn. Call it again after
 * submitting the awaited move to resume.
 * @throws NegotiationInputError when a negotiator offers outside the issue ranges.
 */
export function playSession(session: Session, negotiators: Record<Party, Negotiator>, rng: Rng): PlayStatus {
  for (;;) {
    const phase = session.phase;
    if (phase === 'over') return { kind: 'over', outcome: session.outcome! };
    if (phase === 'type' || phase === 'breakdown') {
      session.applyChance(sampleChance(session.chanceOutcomes(), rng));
      continue;
    }
    const party = session.currentParty()!;
    const who = negotiators[party];
    const obs = session.observe(party);
    if (phase === 'propose') {
      const p = who.propose(obs);
      if (p === 'wait') return { kind: 'awaiting', party, phase };
      if (p === 'end') session.walkAway(party);
      else session.propose(party, p);
    } else {
      const r = who.respond(obs, session.offerOnTable!);
      if (r === 'wait') return { kind: 'awaiting', party, phase };
      if (r === 'end') session.walkAway(party);
      else session.respond(party, r);
    }
  }
}

/**
 * Rebuilds a session from its log, event by event (the type, offers, replies, breakdown
 * draws), with no negotiators and no rng: the replay of a recorded session reaches the
 * same outcome and the same log.
 * @throws NegotiationInputError when the log does not fit the protocol (an event out of turn).
 */
export function replaySession(protocol: BargainingProtocol | unknown, log: readonly LogEntry[]): Session {
  const s = new Session(protocol);
  log.forEach((e, i) => {
    try {
      if (e.kind === 'type') {
        if (s.phase === 'type') s.applyChance(e.type);
        else if (s.log[0]?.kind !== 'type' || (s.log[0] as { type: string }).type !== e.type) throw new Error(`the type is already ${JSON.stringify((s.log[0] as { type?: string })?.type)}`);
      } else if (e.kind === 'breakdown' || e.kind === 'continue') s.applyChance(e.kind);
      else if (e.kind === 'offer') s.propose(e.by, e.offer);
      else {
        const reply = e as { kind: 'accept' | 'reject' | 'end'; by: Party };
        if (reply.kind === 'end') s.walkAway(reply.by);
        else s.respond(reply.by, reply.kind);
      }
    } catch (err) {
      throw new NegotiationInputError(`log[${i}]`, `${e.kind} does not fit the session: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return s;
}
