import type { Role } from '../engine/roles.ts';
import type { Party } from '../negotiation/index.ts';
import type { Sender } from './messages.ts';
import { issueInfo } from './negotiation-stage.ts';
import type { OfferAudit } from './offer-audit.ts';
import type { Room } from './room.ts';
import { sideUtility } from './side-utility.ts';

/**
 * What each participant is sent after every change: the room's public state, plus what
 * that participant may know. A player sees only its own seat through the game's
 * `observe(role)` and, in the negotiation, only its own side's utility and the audit of
 * the offer on the table for what it may know (the coalition every type, with the prior;
 * the target its own type); never a token other than its own, never the facilitator's
 * key, never the target's type unless it is the target. The facilitator sees every seat,
 * who has submitted, the rationales, both sides' utilities and the whole audit.
 */

/** The audit of the offer on the table, as far as the server has it (computed off its main thread). */
export type OfferAuditState = { status: 'computing' } | { status: 'done'; audit: OfferAudit } | { status: 'failed'; error: string };

export interface ViewExtras {
  /** Ids of players with a live connection. */
  connected: ReadonlySet<number>;
  /** The audit of the design on the table, when there is an offer on the table. */
  offerAudit?: OfferAuditState | null;
}

export function publicView(room: Room, extras: ViewExtras) {
  const game = room.game;
  const n = room.negotiation;
  const terms = room.config.negotiation;
  let negotiation: Record<string, unknown> | null = null;
  if (terms) {
    const v = n?.match.view('coalition');
    negotiation = {
      issues: terms.issues.map((x) => issueInfo(room.config.scenario, x)),
      deadlineRounds: terms.deadlineRounds,
      round: v?.round ?? 0,
      phase: v?.phase ?? 'not started',
      turn: v?.toMove ?? null,
      offerOnTable: v?.offerOnTable?.offer ?? null,
      // The public log: offers and replies, never the target's type.
      history: v?.history ?? [],
      outcome: v?.outcome ? { ending: v.outcome.ending, round: v.outcome.round, terms: v.outcome.terms, walkedAwayBy: v.outcome.walkedAwayBy ?? null } : null,
      coalitionSpeaker: room.coalitionSpeaker(),
      fitted: terms.issues.length > 1,
    };
  }
  return {
    code: room.config.code,
    scenarioName: room.config.scenario.metadata.name,
    phase: room.phase,
    paused: room.paused,
    hotSeat: room.config.hotSeat,
    selfPick: room.config.selfPick,
    rounds: room.config.rounds,
    horizonPeriods: room.scenario.horizonPeriods,
    period: game?.period ?? null,
    point: game?.point ?? null,
    moment: room.moment(),
    timerDeadline: room.timerDeadline,
    timerSeconds: room.timerSeconds,
    feed: room.feed,
    roles: room.roles,
    roster: room.players.map((p) => ({ id: p.id, name: p.name, role: p.role, connected: extras.connected.has(p.id) })),
    waitingFor: room.peopleSeats().length,
    agreed: room.agreed,
    negotiation,
  };
}

/** One seat's live view: what it observes, what it may do, whether it has decided. */
export function seatView(room: Room, role: Role) {
  const game = room.game;
  if (room.phase !== 'implementation' || !game || game.isTerminal()) return { role, due: false, observation: null, legal: null };
  const due = room.peopleSeats().includes(role);
  return {
    role,
    due,
    submitted: room.submitted().includes(role),
    observation: game.observe(role),
    legal: due ? game.legalActions(role) : null,
    benchmarks: room.scenario.design.benchmarks.map((b) => ({ id: b.id, name: b.name })),
    tranches: room.scenario.design.tranches.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** The message a sender is sent: the public view (computed once per broadcast by the caller, or here) and its own part. */
export function viewFor(room: Room, who: Sender, extras: ViewExtras, base: ReturnType<typeof publicView> = publicView(room, extras)) {
  if (who.kind === 'facilitator') {
    const n = room.negotiation;
    return {
      type: 'state',
      room: base,
      you: { kind: 'facilitator', lastSeq: room.facilitatorSeq },
      facilitator: {
        targetType: room.targetType,
        awaiting: room.peopleSeats(),
        submitted: room.submitted(),
        decisions: room.decisions.slice(-200),
        seats: room.config.hotSeat ? room.peopleSeats().map((r) => seatView(room, r)) : [],
        utilities: n ? { coalition: sideView(room, 'coalition'), target: sideView(room, 'target') } : null,
        fitError: room.config.prepared?.fitError ?? null,
        audit: auditFor(extras.offerAudit, null, room),
      },
    };
  }
  if (who.kind === 'player') {
    const p = room.players[who.id];
    const n = room.negotiation;
    let party: 'coalition' | 'target' | null = null;
    try {
      party = p.role ? room.partyOf(p.role) : null;
    } catch {
      party = null;
    }
    return {
      type: 'state',
      room: base,
      you: {
        kind: 'player',
        id: p.id,
        name: p.name,
        role: p.role,
        lastSeq: p.lastSeq,
        party,
        utility: n && party ? sideView(room, party) : null,
        audit: n && party ? auditFor(extras.offerAudit, party, room) : null,
        seat: p.role ? seatView(room, p.role) : null,
        decisions: p.role ? room.decisions.filter((d) => d.role === p.role && d.by === 'person') : [],
      },
    };
  }
  return { type: 'state', room: base, you: { kind: 'guest' } };
}

/**
 * A side's own expected utility in the talks: its model (to value a draft), the offer on
 * the table and no deal, in the simulation's units. The coalition's is over the prior of
 * types; the target's is its own type's.
 */
export function sideView(room: Room, party: Party) {
  const prepared = room.config.prepared!;
  const model = party === 'coalition' ? prepared.utility.coalition : prepared.utility.target[room.targetType];
  const onTable = room.negotiation?.offerOnTable() ?? null;
  return { model, onTable: onTable ? sideUtility(model, onTable) : null, noDeal: model.reservation };
}

/** The audit as a side may read it: the coalition every type with its prior, the target its own type, the facilitator all (party null). */
function auditFor(state: OfferAuditState | null | undefined, party: Party | null, room: Room) {
  if (!state) return null;
  if (state.status !== 'done') return state;
  const priors = room.config.scenario.target.typePrior as Record<string, number>;
  const types = state.audit.types.filter((t) => party !== 'target' || t.type === room.targetType).map((t) => ({ ...t, prior: priors[t.type] ?? 0 }));
  return { status: 'done' as const, audit: { ...state.audit, types, weakLink: party === 'target' ? null : state.audit.weakLink } };
}
