import { createGame, restoreGame, type Game } from '../engine/game.ts';
import type { AnyAction, Role } from '../engine/roles.ts';
import type { Offer, Party } from '../negotiation/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SHOCK_LIBRARY, withInjectedShock } from './injects.ts';
import { LIMITS } from './limits.ts';
import type { Command, LogEntry, Sender } from './messages.ts';
import { negotiationFamily, NegotiationStage, type NegotiationTerms, type PreparedNegotiation, type SideMove } from './negotiation-stage.ts';

/**
 * One classroom exercise as a state machine over its log: `handle(entry)` either refuses
 * the entry (a reason, and nothing changed) or applies it whole. The room reads no clock
 * and draws no randomness of its own: time comes in each entry's `at`, tokens in a join's
 * `token`, chance from the game's seed. So replaying the log of accepted entries on a new
 * room reaches the same state, which is how the server survives a restart.
 *
 * Phases: lobby (players join, roles are assigned or picked) -> negotiation (the
 * coalition and the target bargain over a design, several levers at once, in
 * src/negotiation's Match) ->
 * implementation (the relief game, src/engine/game.ts, one round per period; people play
 * their seats, the scenario's policies play the rest) -> debrief.
 */

export type Phase = 'lobby' | 'negotiation' | 'implementation' | 'debrief';

export interface RoomConfig {
  code: string;
  /** The library name the facilitator chose, and the validated scenario. */
  scenarioName: string;
  scenario: Scenario;
  seed: string;
  /** Periods played by people; the scenario's policies play the rest of the horizon. */
  rounds: number;
  negotiation: NegotiationTerms | null;
  /** One screen for the class: the facilitator's screen plays the seats in turn. */
  hotSeat: boolean;
  /** Players may pick a free seat themselves (otherwise the facilitator assigns). */
  selfPick: boolean;
  /** Runs per design behind each side's expected utility (simulateFamily's runsPerDesign). */
  utilityRuns: number;
  /**
   * The talks valued by simulation (prepareNegotiation of this config's scenario, terms,
   * seed and runs): required when `negotiation` is set. Computed by the server before the
   * room exists (off its main thread) and stored with the configuration, so a restart
   * does not simulate it again.
   */
  prepared?: PreparedNegotiation;
}

export interface Player {
  id: number;
  name: string;
  token: string;
  role: Role | null;
  lastSeq: number;
}

/** A decision of the game as the room recorded it: who made it, and why. */
export interface Decision {
  period: number;
  point: string;
  role: Role;
  action: AnyAction;
  by: 'person' | 'ai' | 'ai-advanced';
  /** The player who decided (by: 'person' from a device), by name and id. */
  player?: string;
  playerId?: number;
  rationale: string;
  at: number;
}

/** A news item or an injected shock, as the class saw it. */
export interface FeedItem {
  at: number;
  period: number;
  phase: Phase;
  headline: string;
  shock?: { kind: string; atPeriod: number; magnitude: number; member?: string };
}

export type Outcome = { ok: true; reply?: Record<string, unknown> } | { ok: false; error: string };

const FACILITATOR_ONLY = new Set(['assign', 'start', 'pause', 'resume', 'timer', 'advance', 'inject', 'actAs', 'negotiateAs']);
const PAUSABLE = new Set(['pick', 'propose', 'respond', 'walkAway', 'act']);

class Refusal extends Error {}
function refuse(why: string): never {
  throw new Refusal(why);
}

export class Room {
  readonly config: RoomConfig;
  phase: Phase = 'lobby';
  paused = false;
  players: Player[] = [];
  facilitatorSeq = -1;
  /** When the round timer runs out (ms since the epoch), or null. */
  timerDeadline: number | null = null;
  timerSeconds = 0;
  feed: FeedItem[] = [];
  decisions: Decision[] = [];
  /** The scenario as played: the agreed design, plus every injected shock. */
  scenario: Scenario;
  game: Game | null = null;
  negotiation: NegotiationStage | null = null;
  /** The agreed design (a value per negotiated lever), null for no deal or no negotiation. */
  agreed: Offer | null = null;
  /** Accepted entries so far (what the server has stored). */
  entries = 0;
  /** The type the game's seed draws for the target (the negotiation's private information). */
  readonly targetType: string;

  constructor(config: RoomConfig) {
    this.config = config;
    this.scenario = config.scenario;
    if (config.negotiation) {
      negotiationFamily(config.scenario, config.negotiation);
      if (!config.prepared) throw new Error('negotiation: the talks are not prepared (prepareNegotiation) for this room');
      if (JSON.stringify(config.prepared.terms) !== JSON.stringify(config.negotiation)) throw new Error('negotiation: the prepared talks are for other terms');
    }
    this.targetType = String(createGame(config.scenario, config.seed).observe('target').type);
  }

  /** The roles of the game, in the engine's order. */
  get roles(): readonly Role[] {
    return createGameRoles(this.config.scenario);
  }

  /** A label of the moment a decision is due ('period 3, implementation'), as `advance` must quote it. */
  moment(): string {
    if (this.phase === 'negotiation') {
      const v = this.negotiation!.match.view('coalition');
      return `negotiation round ${v.round}, ${v.phase}`;
    }
    if (this.phase === 'implementation' && this.game && !this.game.isTerminal()) return `period ${this.game.period}, ${this.game.point}`;
    return this.phase;
  }

  /** The room's whole state as one JSON text: two rooms with the same digest are in the same state. */
  digest(): string {
    return JSON.stringify({
      phase: this.phase,
      paused: this.paused,
      players: this.players,
      facilitatorSeq: this.facilitatorSeq,
      timer: [this.timerSeconds, this.timerDeadline],
      feed: this.feed,
      decisions: this.decisions,
      agreed: this.agreed,
      shocks: this.scenario.shocks,
      game: this.game?.snapshot() ?? null,
      negotiation: this.negotiation?.match.log ?? null,
    });
  }

  playerByToken(token: string): Player | undefined {
    return this.players.find((p) => p.token === token);
  }

  holderOf(role: Role): Player | undefined {
    return this.players.find((p) => p.role === role);
  }

  /** Roles a person plays (in hot-seat mode: every role the facilitator has not handed to the AI). */
  humanRoles(): Role[] {
    return this.roles.filter((r) => this.holderOf(r) !== undefined);
  }

  /** Roles whose decision is due and that a person plays: the round waits for these. */
  awaitingPeople(): Role[] {
    if (this.phase !== 'implementation' || !this.game || this.game.isTerminal()) return [];
    const human = new Set(this.humanRoles());
    return this.game.pendingRoles().filter((r) => human.has(r));
  }

  /** Seats that have already decided at the current decision point. */
  submitted(): Role[] {
    if (!this.game || this.game.isTerminal()) return [];
    const at = { period: this.game.period, point: String(this.game.point) };
    return this.decisions.filter((d) => d.period === at.period && d.point === at.point && d.by === 'person').map((d) => d.role);
  }

  /**
   * Applies one log entry, or refuses it and changes nothing.
   * The server stores the entry only when this returns ok.
   */
  handle(entry: LogEntry): Outcome {
    try {
      const reply = this.apply(entry);
      this.entries++;
      return { ok: true, ...(reply ? { reply } : {}) };
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: e.message };
      throw e;
    }
  }

  private apply(entry: LogEntry): Record<string, unknown> | undefined {
    const { by, command: c, at } = entry;
    this.checkSender(by, c);
    if (this.paused && PAUSABLE.has(c.type)) refuse('the exercise is paused by the facilitator');
    switch (c.type) {
      case 'join': {
        if (this.players.length >= LIMITS.players) refuse(`the room is full (${LIMITS.players} players)`);
        if (!entry.token) refuse('join: the server gave no token');
        const name = c.name.trim();
        if (name === '') refuse('name: is empty: give your name');
        const player: Player = { id: this.players.length, name, token: entry.token!, role: null, lastSeq: c.seq };
        this.players.push(player);
        return { player: player.id, token: player.token };
      }
      case 'pick': {
        const p = this.player(by);
        if (!this.config.selfPick) refuse('the facilitator assigns the roles in this room');
        if (this.phase !== 'lobby') refuse('roles are picked in the lobby, before the exercise starts');
        this.checkRole(c.role);
        const holder = this.holderOf(c.role);
        if (holder && holder.id !== p.id) refuse(`${c.role} is taken by ${holder.name}`);
        p.role = c.role;
        break;
      }
      case 'assign': {
        const p = this.players[c.player] ?? refuse(`player: no player ${c.player} (there are ${this.players.length})`);
        if (c.role !== null) {
          this.checkRole(c.role);
          const holder = this.holderOf(c.role);
          if (holder && holder.id !== p.id) holder.role = null;
        }
        p.role = c.role;
        break;
      }
      case 'start':
        if (this.phase !== 'lobby') refuse(`the exercise has started (phase: ${this.phase})`);
        if (this.config.negotiation) this.openNegotiation();
        else this.openImplementation(null);
        break;
      case 'pause':
        if (this.paused) refuse('already paused');
        this.paused = true;
        this.timerDeadline = null;
        break;
      case 'resume':
        if (!this.paused) refuse('not paused');
        this.paused = false;
        this.restartTimer(at);
        break;
      case 'timer':
        this.timerSeconds = c.seconds;
        this.restartTimer(at);
        break;
      case 'advance':
        if (by.kind === 'clock' && (this.timerDeadline === null || at < this.timerDeadline)) refuse('advance: the round timer has not run out');
        if (c.at !== this.moment()) refuse(`advance: the room is at "${this.moment()}", not "${c.at}" (already advanced?)`);
        if (this.phase === 'negotiation') {
          this.negotiation!.aiMove(this.config.seed);
          this.afterNegotiationMove(at);
        } else if (this.phase === 'implementation') {
          const game = this.game!;
          for (const role of game.pendingRoles()) this.decide(role, game.applyPolicy(role, game.scenarioPolicy(role)), 'ai-advanced', '', at);
          this.settle(at);
        } else refuse(`nothing to advance in the ${this.phase}`);
        break;
      case 'inject':
        this.inject(c, at);
        break;
      case 'propose':
      case 'respond':
      case 'walkAway': {
        const p = this.player(by);
        const party = this.partyOf(p.role);
        this.negotiate(party, c.type === 'propose' ? this.proposal(c) : c.type === 'respond' ? { kind: 'respond', reply: c.reply } : { kind: 'walkAway' }, at);
        break;
      }
      case 'negotiateAs':
        this.negotiate(c.party, c.move.kind === 'propose' ? this.proposal(c.move) : c.move, at);
        break;
      case 'act': {
        const p = this.player(by);
        if (p.role === null) refuse('you have no role yet; wait for the facilitator');
        this.act(p.role, c.action, c.rationale, at, p);
        break;
      }
      case 'actAs':
        if (!this.config.hotSeat) refuse('actAs: only in a hot-seat room (one screen); players act from their own devices');
        this.act(c.role, c.action, c.rationale, at);
        break;
    }
    this.bumpSeq(by, c.seq);
    return undefined;
  }

  private checkSender(by: Sender, c: Command): void {
    if (FACILITATOR_ONLY.has(c.type) && by.kind !== 'facilitator' && !(by.kind === 'clock' && c.type === 'advance')) refuse(`${c.type}: only the facilitator may do this`);
    if (c.type === 'join' && by.kind !== 'guest') refuse('join: this connection has already joined (one player per device)');
    if (c.type !== 'join' && by.kind === 'guest') refuse(`${c.type}: join the room first`);
    const last = by.kind === 'facilitator' ? this.facilitatorSeq : by.kind === 'player' ? this.player(by).lastSeq : -1;
    if (by.kind !== 'guest' && by.kind !== 'clock' && c.seq <= last) refuse(`seq: ${c.seq} is not above ${last}, the last accepted from you (a replayed or out-of-order message)`);
  }

  private bumpSeq(by: Sender, seq: number): void {
    if (by.kind === 'facilitator') this.facilitatorSeq = seq;
    else if (by.kind === 'player') this.player(by).lastSeq = seq;
  }

  private player(by: Sender): Player {
    if (by.kind !== 'player') return refuse('only a player may do this');
    return this.players[by.id] ?? refuse(`no player ${by.id}`);
  }

  private checkRole(role: string): void {
    if (!this.roles.includes(role as Role)) refuse(`role: ${role} is not a role of this scenario (${this.roles.join(', ')})`);
  }

  private restartTimer(at: number): void {
    this.timerDeadline = this.timerSeconds > 0 && !this.paused && (this.phase === 'negotiation' || this.phase === 'implementation') ? at + this.timerSeconds * 1000 : null;
  }

  // ---------- negotiation ----------

  /** The negotiating side a seat speaks for: the coalition's lead (or its first member) for the coalition, the target for itself. */
  partyOf(role: Role | null): Party {
    if (role === 'target') return 'target';
    if (role === 'coalition' || (role?.startsWith('member:') && this.coalitionSpeaker() === role)) return 'coalition';
    return refuse(role === null ? 'you have no role yet' : `${role} does not negotiate (the coalition's seat and the target do)`);
  }

  /** The seat that speaks for the coalition: the coalition's, or if no one holds it, the first member a person holds. */
  coalitionSpeaker(): Role | null {
    if (this.holderOf('coalition')) return 'coalition';
    return this.roles.find((r) => r.startsWith('member:') && this.holderOf(r)) ?? null;
  }

  private humanSides(): Party[] {
    const sides: Party[] = [];
    if (this.config.hotSeat || this.coalitionSpeaker()) sides.push('coalition');
    if (this.config.hotSeat || this.holderOf('target')) sides.push('target');
    return sides;
  }

  private openNegotiation(): void {
    this.negotiation = new NegotiationStage(this.config.scenario, this.config.prepared!, this.targetType, this.humanSides(), this.config.seed);
    this.phase = 'negotiation';
    this.afterNegotiationMove(0);
  }

  /** A proposal as a whole design: `offer` (a value per lever), or `value` when one lever is negotiated. */
  private proposal(c: { offer?: Offer; value?: number }): SideMove {
    if (this.phase !== 'negotiation' || !this.negotiation) refuse(`there is no negotiation now (phase: ${this.phase})`);
    const issues = this.config.negotiation!.issues;
    if (c.offer !== undefined && c.value !== undefined) refuse('propose: give offer (a value per lever) or value, not both');
    if (c.offer !== undefined) return { kind: 'propose', offer: { ...c.offer } };
    if (c.value === undefined) refuse('offer: is missing: give a value for every lever negotiated');
    if (issues.length !== 1) refuse(`value: this negotiation is over ${issues.length} levers (${issues.map((x) => x.path).join(', ')}); send offer with a value for each`);
    return { kind: 'propose', offer: { [issues[0].path]: c.value! } };
  }

  private negotiate(party: Party, move: SideMove, at: number): void {
    if (this.phase !== 'negotiation' || !this.negotiation) refuse(`there is no negotiation now (phase: ${this.phase})`);
    try {
      this.negotiation!.move(party, move);
    } catch (e) {
      refuse((e as Error).message);
    }
    this.afterNegotiationMove(at);
  }

  private afterNegotiationMove(at: number): void {
    const status = this.negotiation!.match.status;
    if (status.kind !== 'over') return this.restartTimer(at);
    this.agreed = status.outcome.terms ? { ...status.outcome.terms } : null;
    this.openImplementation(this.agreed, at);
  }

  // ---------- implementation ----------

  private openImplementation(agreed: Offer | null, at = 0): void {
    const n = this.negotiation;
    // No deal: the implementation plays the outside option (sanctions stay, no relief on offer).
    this.scenario = n && agreed !== null ? n.designOf(agreed) : n ? n.noDeal() : this.config.scenario;
    this.game = createGame(this.scenario, this.config.seed);
    this.phase = 'implementation';
    this.settle(at);
  }

  /** Plays the AI's seats and advances until a person must decide, or the class's rounds are over. */
  private settle(at: number): void {
    const game = this.game!;
    for (;;) {
      if (game.isTerminal()) {
        this.phase = 'debrief';
        this.timerDeadline = null;
        return;
      }
      const byPeople = game.period < this.config.rounds;
      const human = new Set(byPeople ? this.humanRoles() : []);
      if (this.config.hotSeat && byPeople) for (const r of this.roles) if (!this.holderOf(r) && this.seatedInHotSeat(r)) human.add(r);
      let waiting = false;
      for (const role of game.pendingRoles()) {
        if (human.has(role)) waiting = true;
        else this.decide(role, game.applyPolicy(role, game.scenarioPolicy(role)), 'ai', '', at);
      }
      if (waiting) return this.restartTimer(at);
      game.advance();
    }
  }

  /** In hot-seat mode the class takes turns at the target, the coalition, the verifier and the aid agency on one screen; the members are AI unless assigned. */
  private seatedInHotSeat(role: Role): boolean {
    return role === 'target' || role === 'coalition' || role === 'verifier' || role === 'aid';
  }

  /** The seats a person plays at the current decision point (hot-seat included). */
  peopleSeats(): Role[] {
    if (this.phase !== 'implementation' || !this.game || this.game.isTerminal() || this.game.period >= this.config.rounds) return [];
    const seats = new Set(this.humanRoles());
    if (this.config.hotSeat) for (const r of this.roles) if (this.seatedInHotSeat(r)) seats.add(r);
    return this.game.pendingRoles().filter((r) => seats.has(r));
  }

  private act(role: Role, action: AnyAction, rationale: string, at: number, player?: Player): void {
    if (this.phase !== 'implementation' || !this.game) refuse(`no decisions are due now (phase: ${this.phase})`);
    const game = this.game!;
    if (!game.roles.includes(role)) refuse(`role: ${role} is not a role of this scenario`);
    if (!game.pendingRoles().includes(role)) refuse(`${role} has nothing to decide at ${this.moment()} (or has decided already)`);
    if (!this.peopleSeats().includes(role)) refuse(`${role} is played by the AI now`);
    try {
      game.apply(role, action);
    } catch (e) {
      refuse(`action: ${(e as Error).message}`);
    }
    this.decide(role, action, 'person', rationale, at, player);
    if (this.peopleSeats().length === 0) this.settle(at);
  }

  private decide(role: Role, action: AnyAction, by: Decision['by'], rationale: string, at: number, player?: Player): void {
    const game = this.game!;
    this.decisions.push({ period: game.period, point: String(game.point), role, action: structuredClone(action), by, rationale, at, ...(player ? { player: player.name, playerId: player.id } : {}) });
  }

  private inject(c: Extract<Command, { type: 'inject' }>, at: number): void {
    if (!c.shock && !c.news) refuse('inject: give a shock from the library or a news item');
    const period = this.game?.period ?? 0;
    let shock: FeedItem['shock'];
    if (c.shock) {
      if (this.phase !== 'implementation' || !this.game) refuse('shock: shocks are injected during the implementation (a news item can go out at any time)');
      const next = this.game!.period + 1;
      if (next >= this.scenario.horizonPeriods) refuse(`shock: the horizon ends after period ${this.scenario.horizonPeriods - 1}; no period is left for it`);
      let scenario: Scenario;
      let game: Game;
      try {
        scenario = withInjectedShock(this.scenario, c.shock, next);
        game = restoreGame(scenario, this.game!.snapshot());
      } catch (e) {
        return refuse((e as Error).message);
      }
      this.scenario = scenario;
      this.game = game;
      const k = scenario.shocks[scenario.shocks.length - 1];
      shock = { kind: k.kind, atPeriod: next, magnitude: k.magnitude, ...(k.member ? { member: k.member } : {}) };
    }
    const headline = c.news?.trim() || SHOCK_LIBRARY[c.shock!.kind].headline;
    this.feed.push({ at, period, phase: this.phase, headline, ...(shock ? { shock } : {}) });
  }
}


function createGameRoles(scenario: Scenario): readonly Role[] {
  return ['target', 'coalition', 'verifier', 'aid', ...scenario.coalition.members.map((m) => `member:${m.id}` as Role)];
}
