import type { ParameterRange } from '../design-family.ts';
import { NegotiationInputError } from '../errors.ts';
import { expectedUtility, positionsOf, utilityAt, type CompiledUtility, type Offer } from './issues.ts';
import { CompiledProtocol, opponentOf, proposerAt, type BargainingProtocol, type Party } from './protocol.ts';

/** One event of a session, in order: enough to replay it exactly (`replaySession`). */
export type LogEntry =
  | { kind: 'type'; type: string }
  | { kind: 'offer'; round: number; by: Party; offer: Offer }
  | { kind: 'accept' | 'reject' | 'end'; round: number; by: Party }
  | { kind: 'breakdown' | 'continue'; round: number };

export type Ending = 'agreement' | 'breakdown' | 'deadline' | 'walked-away';
export const ENDINGS: readonly Ending[] = ['agreement', 'breakdown', 'deadline', 'walked-away'];

/** How a session ended. */
export interface SessionOutcome {
  ending: Ending;
  /** The 0-based round the talks ended in (agreement or walk-away), or the round after the last rejection. */
  round: number;
  /** Rounds played until agreement (round + 1); null without agreement. */
  roundsToAgree: number | null;
  /** The agreed terms; null without agreement. */
  terms: Offer | null;
  /** Each party's discounted utility (the target's of its true type). */
  payoff: Record<Party, number>;
  targetType: string;
  walkedAwayBy?: Party;
}

/** What a negotiator sees when it must move: the public rules, its own preferences, its belief about the other side. */
export interface Observation {
  party: Party;
  round: number;
  deadlineRounds: number;
  issues: readonly ParameterRange[];
  breakdownProbability: number;
  firstProposer: Party;
  /**
   * Its discount and utility. For the coalition under private information the utility is
   * its prior-expected one, and `byType` lists its utility for each possible target type
   * (aligned with `opponent.types`), for negotiators that update the prior.
   */
  own: { discount: number; utility: CompiledUtility; byType?: readonly CompiledUtility[] };
  /** The opponent's discount and its possible types with their probabilities (one type with probability 1 when known). */
  opponent: { discount: number; types: readonly { name: string; prior: number; utility: CompiledUtility }[] };
  /** Offers, replies and breakdown draws so far (never the target's type): a live view, read it during the call. */
  history: readonly LogEntry[];
}

/** What moves are allowed now: a chance draw, a proposal, a reply, or none (over). */
export type Phase = 'type' | 'propose' | 'respond' | 'breakdown' | 'over';

/**
 * The state of one bargaining session, OpenSpiel-style: `phase` says who moves; chance
 * nodes (the target's type, a breakdown after a rejection) list their outcomes in
 * `chanceOutcomes()` and the driver samples them with its rng, so `apply` stays
 * deterministic. Every move is appended to `log`.
 */
export class Session {
  readonly protocol: Readonly<BargainingProtocol>;
  private readonly coalitionUtility: ReadonlyMap<string, CompiledUtility>;
  private readonly typeUtility: ReadonlyMap<string, CompiledUtility>;
  private entries: LogEntry[] = [];
  /** The log without the target's type: what both parties see. */
  private publicEntries: LogEntry[] = [];
  private current: Phase;
  private roundIndex = 0;
  private type: string | null;
  private pending: Offer | null = null;
  private result: SessionOutcome | null = null;

  /** @throws NegotiationInputError for an invalid protocol (see createProtocol); a compiled one (compileProtocol) is not checked again. */
  constructor(protocol: unknown) {
    const compiled = CompiledProtocol.of(protocol);
    this.protocol = compiled.protocol;
    this.coalitionUtility = compiled.coalitionUtility;
    this.typeUtility = compiled.typeUtility;
    const only = this.protocol.target.types.length === 1 ? this.protocol.target.types[0].name : undefined;
    this.type = this.protocol.targetType ?? only ?? null;
    if (this.type !== null) this.entries.push({ kind: 'type', type: this.type });
    this.current = this.type === null ? 'type' : 'propose';
  }

  get phase(): Phase {
    return this.current;
  }
  get round(): number {
    return this.roundIndex;
  }
  get log(): readonly LogEntry[] {
    return this.entries;
  }
  get outcome(): SessionOutcome | null {
    return this.result;
  }
  /** The offer awaiting a reply, if any. */
  get offerOnTable(): Offer | null {
    return this.pending;
  }

  /** The party to move, or null at a chance node or at the end. */
  currentParty(): Party | null {
    if (this.current === 'propose') return proposerAt(this.protocol, this.roundIndex);
    if (this.current === 'respond') return opponentOf(proposerAt(this.protocol, this.roundIndex));
    return null;
  }

  /** Chance outcomes and their probabilities at a chance node; empty otherwise. */
  chanceOutcomes(): [string, number][] {
    if (this.current === 'type') return this.protocol.target.types.map((t) => [t.name, t.prior]);
    if (this.current === 'breakdown') return [['breakdown', this.protocol.breakdownProbability], ['continue', 1 - this.protocol.breakdownProbability]];
    return [];
  }

  /** Resolves the chance node with `outcome`. @throws Error when not at a chance node or for an unknown outcome. */
  applyChance(outcome: string): void {
    if (this.current === 'type') {
      if (!this.typeUtility.has(outcome)) throw new NegotiationInputError('outcome', `${JSON.stringify(outcome)} is not a target type`);
      this.type = outcome;
      this.entries.push({ kind: 'type', type: outcome });
      this.current = 'propose';
      return;
    }
    if (this.current !== 'breakdown') throw new Error(`Session.applyChance: no chance node in phase ${this.current}`);
    if (outcome === 'breakdown') {
      this.record({ kind: 'breakdown', round: this.roundIndex });
      this.finish('breakdown', this.roundIndex + 1, null);
    } else if (outcome === 'continue') {
      this.record({ kind: 'continue', round: this.roundIndex });
      this.advance();
    } else throw new NegotiationInputError('outcome', `${JSON.stringify(outcome)} is not breakdown or continue`);
  }

  /** The proposer offers `offer`. @throws NegotiationInputError naming the issue for an offer outside the ranges. */
  propose(by: Party, offer: Offer): void {
    this.expect('propose', by);
    positionsOf(this.protocol.issues, offer, `offer by ${by}`);
    // A copy in issue order, values exactly as offered, so a replay reproduces the log bit for bit.
    const clean: Offer = {};
    for (const issue of this.protocol.issues) clean[issue.name] = offer[issue.name];
    this.pending = clean;
    this.record({ kind: 'offer', round: this.roundIndex, by, offer: clean });
    this.current = 'respond';
  }

  /** The responder accepts or rejects the offer on the table. */
  respond(by: Party, reply: 'accept' | 'reject'): void {
    this.expect('respond', by);
    this.record({ kind: reply, round: this.roundIndex, by });
    if (reply === 'accept') return this.finish('agreement', this.roundIndex, this.pending);
    this.pending = null;
    if (this.roundIndex === this.protocol.deadlineRounds - 1) return this.finish('deadline', this.roundIndex + 1, null);
    if (this.protocol.breakdownProbability > 0) this.current = 'breakdown';
    else this.advance();
  }

  /** The party to move walks away: no deal, now. */
  walkAway(by: Party): void {
    if (this.current !== 'propose' && this.current !== 'respond') throw new Error(`Session.walkAway: nobody moves in phase ${this.current}`);
    this.expect(this.current, by);
    this.record({ kind: 'end', round: this.roundIndex, by });
    this.finish('walked-away', this.roundIndex, null, by);
  }

  /** What `party` may see now. @throws Error before the target's type is drawn (nobody moves then). */
  observe(party: Party): Observation {
    if (this.type === null) throw new Error('Session.observe: the target type is not drawn yet (resolve the chance node first)');
    const p = this.protocol;
    const known = p.information === 'complete';
    const type = this.type;
    const targetTypes = known
      ? [{ name: type, prior: 1, utility: this.typeUtility.get(type)! }]
      : p.target.types.map((t) => ({ name: t.name, prior: t.prior, utility: this.typeUtility.get(t.name)! }));
    let own: Observation['own'];
    let opponent: Observation['opponent'];
    if (party === 'coalition') {
      const byType = targetTypes.map((t) => this.coalitionUtility.get(t.name)!);
      const utility = byType.every((u) => u === byType[0]) ? byType[0] : expectedUtility(targetTypes.map((t, i) => ({ weight: t.prior, utility: byType[i] })));
      own = { discount: p.coalition.discount, utility, byType };
      opponent = { discount: p.target.discount, types: targetTypes };
    } else {
      // The target knows its type, hence what the terms are worth to the coalition facing it.
      own = { discount: p.target.discount, utility: this.typeUtility.get(type)! };
      opponent = { discount: p.coalition.discount, types: [{ name: 'coalition', prior: 1, utility: this.coalitionUtility.get(type)! }] };
    }
    return {
      party,
      round: this.roundIndex,
      deadlineRounds: p.deadlineRounds,
      issues: p.issues,
      breakdownProbability: p.breakdownProbability,
      firstProposer: p.firstProposer,
      own,
      opponent,
      history: this.publicEntries,
    };
  }

  private record(e: LogEntry): void {
    this.entries.push(e);
    this.publicEntries.push(e);
  }

  private expect(phase: Phase, by: Party): void {
    if (this.current !== phase) throw new Error(`Session: ${by} cannot ${phase} in phase ${this.current}`);
    const mover = this.currentParty();
    if (by !== mover) throw new Error(`Session: it is ${mover}'s turn to ${phase}, not ${by}'s`);
  }

  private advance(): void {
    this.roundIndex += 1;
    this.current = 'propose';
  }

  private finish(ending: Ending, round: number, terms: Offer | null, walkedAwayBy?: Party): void {
    const p = this.protocol;
    const type = this.type!;
    const t = this.typeUtility.get(type)!;
    const value = (u: CompiledUtility) => (terms ? utilityAt(u, positionsOf(p.issues, terms)) : u.reservation);
    this.result = {
      ending,
      round,
      roundsToAgree: ending === 'agreement' ? round + 1 : null,
      terms,
      payoff: { coalition: p.coalition.discount ** round * value(this.coalitionUtility.get(type)!), target: p.target.discount ** round * value(t) },
      targetType: type,
      ...(walkedAwayBy ? { walkedAwayBy } : {}),
    };
    this.pending = null;
    this.current = 'over';
  }
}
