import type { Role } from '../engine/roles.ts';
import { resolveLever } from '../scenario/levers.ts';
import type { Sender } from './messages.ts';
import type { Room } from './room.ts';

/**
 * What each participant is sent after every change: the room's public state, plus what
 * that participant may know. A player sees only its own seat through the game's
 * `observe(role)` and, in the negotiation, only its own side's utility; never a token
 * other than its own, never the facilitator's key, never the target's type unless it is
 * the target. The facilitator sees every seat, who has submitted, and the rationales.
 */

export interface ViewExtras {
  /** Ids of players with a live connection. */
  connected: ReadonlySet<number>;
}

export function publicView(room: Room, extras: ViewExtras) {
  const game = room.game;
  const n = room.negotiation;
  const terms = room.config.negotiation;
  let negotiation: Record<string, unknown> | null = null;
  if (terms) {
    const lever = resolveLever(room.config.scenario, terms.issue);
    const s = n?.session;
    const issue = terms.issue;
    negotiation = {
      issue: { path: issue, low: terms.low, high: terms.high, unit: lever.unit, description: lever.description, base: lever.base },
      deadlineRounds: terms.deadlineRounds,
      round: s?.round ?? 0,
      phase: s?.phase ?? 'not started',
      turn: s?.currentParty() ?? null,
      offerOnTable: s?.offerOnTable ? s.offerOnTable[issue] : null,
      // The public log: offers and replies, never the target's type.
      history: (s?.log ?? []).filter((e) => e.kind !== 'type').map((e) => (e.kind === 'offer' ? { kind: e.kind, round: e.round, by: e.by, value: e.offer[issue] } : e)),
      outcome: s?.outcome ? { ending: s.outcome.ending, round: s.outcome.round, value: s.outcome.terms ? s.outcome.terms[issue] : null, walkedAwayBy: s.outcome.walkedAwayBy ?? null } : null,
      coalitionSpeaker: room.coalitionSpeaker(),
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
        utilities: n ? { coalition: n.utilityOf('coalition'), target: n.utilityOf('target') } : null,
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
        utility: n && party ? n.utilityOf(party) : null,
        seat: p.role ? seatView(room, p.role) : null,
        decisions: p.role ? room.decisions.filter((d) => d.role === p.role && d.by === 'person') : [],
      },
    };
  }
  return { type: 'state', room: base, you: { kind: 'guest' } };
}
