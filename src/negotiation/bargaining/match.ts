import { createRng } from '../../engine/rng.ts';
import { NegotiationInputError } from '../errors.ts';
import { positionsOf, utilityAt, type Offer, type UtilitySpec } from './issues.ts';
import type { Negotiator } from './negotiator.ts';
import { createExternal, type ExternalNegotiator } from './negotiators/external.ts';
import { negotiatorByName } from './negotiators/index.ts';
import { playSession, type PlayStatus } from './play.ts';
import { compileProtocol, PARTIES, type BargainingProtocol, type Party } from './protocol.ts';
import { Session, type LogEntry, type Phase, type SessionOutcome } from './session.ts';

/**
 * A match: one bargaining session between people and agents, for a classroom or a web
 * page. Everything that crosses a wire is plain JSON: the spec, the moves, the views, the
 * snapshot. A snapshot is the spec and the people's moves; restoring replays them (agents
 * and chance are pure functions of the seed and the moves so far), so a server that keeps
 * only snapshots reaches the same state after a restart, and the log is checked against
 * the one saved.
 */
export interface MatchSpec {
  /** The protocol as plain data (createProtocol's input; checked). */
  protocol: unknown;
  /** Who plays each side: a negotiator name (NEGOTIATORS), 'external' for a person. */
  players: Record<Party, string>;
  /** Seed of the chance draws (the target's type, breakdowns) and of the agents' streams (`<seed>/coalition`, `<seed>/target`). */
  seed: string;
}

/** A move from outside, as plain JSON. */
export type Move = { kind: 'propose'; offer: Offer } | { kind: 'accept' } | { kind: 'reject' } | { kind: 'end' };

/** What a match needs to be rebuilt exactly. */
export interface MatchSnapshot {
  format: 'relief-lab/bargaining-match@1';
  spec: MatchSpec;
  /** The people's moves in order. */
  moves: { party: Party; move: Move }[];
  /** The session's log at the snapshot (checked on restore). */
  log: LogEntry[];
}

/** What one party may see, as plain JSON: the rules, its own preferences, the public history, whose move it is. */
export interface MatchView {
  party: Party;
  phase: Phase;
  /** Whose move it is (null at the end). */
  toMove: Party | null;
  /** True when this party must move now and is played from outside. */
  yourTurn: boolean;
  round: number;
  deadlineRounds: number;
  breakdownProbability: number;
  issues: BargainingProtocol['issues'];
  discount: { own: number; opponent: number };
  /** Its own utility as the protocol states it (for the coalition under private information: one per possible type, with the prior). */
  utility: { type: string; prior: number; utility: UtilitySpec }[];
  /** Its own utility of the offer on the table, now (undiscounted); for the coalition under private information, prior-expected. */
  offerOnTable: { offer: Offer; utility: number } | null;
  /** Offers, replies and breakdown draws so far; the target's type only to the target. */
  history: LogEntry[];
  outcome: SessionOutcome | null;
}

/** One live match. Create with createMatch, rebuild with restoreMatch. */
export class Match {
  private readonly session: Session;
  private readonly negotiators: Record<Party, Negotiator>;
  private readonly rng: () => number;
  private readonly moves: { party: Party; move: Move }[] = [];
  private current: PlayStatus;

  /** @internal use createMatch */
  constructor(readonly spec: MatchSpec) {
    const compiled = compileProtocol(spec.protocol);
    if (typeof spec.seed !== 'string' || spec.seed === '') throw new NegotiationInputError('spec.seed', 'is missing: give a seed string, e.g. "class-3/pair-7"');
    const made = {} as Record<Party, Negotiator>;
    for (const side of PARTIES) {
      const name = spec.players?.[side];
      if (typeof name !== 'string') throw new NegotiationInputError(`spec.players.${side}`, 'is missing: a negotiator name, or external for a person');
      try {
        made[side] = name === 'external' ? createExternal() : negotiatorByName(name).create(createRng(`${spec.seed}/${side}`));
      } catch (e) {
        if (e instanceof NegotiationInputError) throw new NegotiationInputError(`spec.players.${side}`, e.problems[0].message);
        throw e;
      }
    }
    this.session = new Session(compiled);
    this.negotiators = made;
    this.rng = createRng(spec.seed);
    this.current = playSession(this.session, this.negotiators, this.rng);
  }

  /** Over, or awaiting a person's move. */
  get status(): PlayStatus {
    return this.current;
  }

  get log(): readonly LogEntry[] {
    return this.session.log;
  }

  /** Is `party` played from outside? */
  isExternal(party: Party): boolean {
    return this.negotiators[party].meta.external;
  }

  /**
   * Plays a person's move and lets the agents and chance move until a person must move
   * again or the session ends.
   * @throws NegotiationInputError naming `move` when it is not that party's turn, the
   *   wrong kind of move for the phase, or an offer outside the issue ranges; the match is unchanged.
   * @example match.submit('target', { kind: 'propose', offer: { frontLoadedShare: 0.6 } })
   */
  submit(party: Party, move: Move): PlayStatus {
    const s = this.current;
    if (s.kind === 'over') throw new NegotiationInputError('move', 'the session is over');
    if (s.party !== party) throw new NegotiationInputError('move', `it is ${s.party}'s turn, not ${party}'s`);
    const ext = this.negotiators[party] as ExternalNegotiator;
    const kind = move?.kind;
    if (s.phase === 'propose') {
      if (kind === 'propose') {
        positionsOf(this.session.protocol.issues, move.offer, 'move.offer');
        ext.submitProposal({ ...move.offer });
      } else if (kind === 'end') ext.submitProposal('end');
      else throw new NegotiationInputError('move.kind', `${JSON.stringify(kind)}: ${party} proposes now (propose with an offer, or end)`);
    } else {
      if (kind === 'accept' || kind === 'reject' || kind === 'end') ext.submitReply(kind);
      else throw new NegotiationInputError('move.kind', `${JSON.stringify(kind)}: ${party} replies now (accept, reject or end)`);
    }
    this.moves.push({ party, move: kind === 'propose' ? { kind, offer: { ...move.offer } } : { kind } as Move });
    this.current = playSession(this.session, this.negotiators, this.rng);
    return this.current;
  }

  /**
   * `party`'s utility of an offer (undiscounted): a person weighing a proposal. For the
   * coalition under private information, prior-expected over the types.
   * @throws NegotiationInputError for an offer outside the ranges.
   */
  utilityOf(party: Party, offer: Offer): number {
    const obs = this.observation(party);
    return utilityAt(obs.own.utility, positionsOf(this.session.protocol.issues, offer));
  }

  /** What `party` may see now, as plain JSON. */
  view(party: Party): MatchView {
    const p = this.session.protocol;
    const obs = this.observation(party);
    const table = this.session.offerOnTable;
    const type = this.session.log.find((e) => e.kind === 'type') as { type: string } | undefined;
    const utility =
      party === 'target'
        ? p.target.types.filter((t) => t.name === type?.type).map((t) => ({ type: t.name, prior: 1, utility: t.utility }))
        : (p.information === 'complete' && type ? p.target.types.filter((t) => t.name === type.type) : p.target.types).map((t) => ({
            type: t.name,
            prior: p.information === 'complete' ? 1 : t.prior,
            utility: p.coalition.utilityByType?.[t.name] ?? p.coalition.utility,
          }));
    return {
      party,
      phase: this.session.phase,
      toMove: this.session.currentParty(),
      yourTurn: this.current.kind === 'awaiting' && this.current.party === party,
      round: this.session.round,
      deadlineRounds: p.deadlineRounds,
      breakdownProbability: p.breakdownProbability,
      issues: p.issues,
      discount: { own: obs.own.discount, opponent: obs.opponent.discount },
      utility: JSON.parse(JSON.stringify(utility)),
      offerOnTable: table ? { offer: { ...table }, utility: utilityAt(obs.own.utility, positionsOf(p.issues, table)) } : null,
      history: this.session.log.filter((e) => party === 'target' || e.kind !== 'type').map((e) => JSON.parse(JSON.stringify(e))),
      outcome: this.session.outcome ? JSON.parse(JSON.stringify(this.session.outcome)) : null,
    };
  }

  /** The match as plain JSON; restoreMatch(snapshot) rebuilds it. */
  snapshot(): MatchSnapshot {
    return JSON.parse(JSON.stringify({ format: 'relief-lab/bargaining-match@1', spec: this.spec, moves: this.moves, log: this.session.log }));
  }

  private observation(party: Party) {
    if (!PARTIES.includes(party)) throw new NegotiationInputError('party', `${JSON.stringify(party)} is not coalition or target`);
    // Before the type is drawn nobody moves; a match always draws it when created, so this holds.
    return this.session.observe(party);
  }
}

/**
 * Starts a match: checks the spec, draws the target's type and lets agents move until a
 * person must move.
 * @throws NegotiationInputError naming the field: `protocol.*`, `spec.players.target`, `spec.seed`.
 * @example
 *   const m = createMatch({ protocol, players: { coalition: 'boulware', target: 'external' }, seed: 'room-1' });
 *   m.view('target'); m.submit('target', { kind: 'accept' }); const saved = m.snapshot();
 */
export function createMatch(spec: MatchSpec): Match {
  if (!spec || typeof spec !== 'object') throw new NegotiationInputError('spec', 'is missing');
  return new Match({ protocol: spec.protocol, players: { coalition: spec.players?.coalition, target: spec.players?.target }, seed: spec.seed });
}

/**
 * Rebuilds a match from its snapshot: the spec, then the people's moves replayed in order.
 * @throws NegotiationInputError when the snapshot is not one (`snapshot.format`), a move
 *   does not fit (`snapshot.moves[i]`), or the replay's log differs from the saved one
 *   (`snapshot.log`: a different version of the agents or protocol).
 */
export function restoreMatch(snapshot: MatchSnapshot): Match {
  if (!snapshot || snapshot.format !== 'relief-lab/bargaining-match@1') throw new NegotiationInputError('snapshot.format', `is not relief-lab/bargaining-match@1`);
  const m = createMatch(snapshot.spec);
  (snapshot.moves ?? []).forEach((x, i) => {
    try {
      m.submit(x.party, x.move);
    } catch (e) {
      throw new NegotiationInputError(`snapshot.moves[${i}]`, e instanceof Error ? e.message : String(e));
    }
  });
  if (snapshot.log && JSON.stringify(m.log) !== JSON.stringify(snapshot.log)) throw new NegotiationInputError('snapshot.log', 'the replayed session differs from the saved one (saved by another version?)');
  return m;
}

