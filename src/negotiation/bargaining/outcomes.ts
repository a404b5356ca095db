import { normalInterval, wilsonInterval } from '../../montecarlo/confidence.ts';
import { createRng, runSeed } from '../../engine/rng.ts';
import { NegotiationInputError } from '../errors.ts';
import type { NegotiatorEntry } from './negotiator.ts';
import { playSession } from './play.ts';
import { compileProtocol, PARTIES, type BargainingProtocol, type Party } from './protocol.ts';
import { ENDINGS, Session, type Ending, type LogEntry, type SessionOutcome } from './session.ts';

/** A mean over sessions with its normal 95% interval (NaNs when no session counts). */
export interface MeanInterval {
  n: number;
  mean: number;
  ci95: [number, number];
}

/** What many sessions of one pairing deliver. */
export interface SessionsSummary {
  sessions: number;
  agreementRate: { estimate: number; ci95: [number, number] };
  endings: Record<Ending, number>;
  /** Rounds until agreement, over the sessions that agreed. */
  roundsToAgree: MeanInterval;
  /** Each issue's agreed value, over the sessions that agreed. */
  terms: Record<string, MeanInterval>;
  /** Each party's discounted utility, over all sessions. */
  payoff: Record<Party, MeanInterval>;
  /** Agreement rate by the target's true type. */
  byType: Record<string, { sessions: number; agreements: number; ci95: [number, number] }>;
}

/** Largest number of sessions in one call. */
export const MAX_SESSIONS = 1_000_000;

function meanInterval(xs: number[]): MeanInterval {
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, ci95: [NaN, NaN] };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { n, mean, ci95: [NaN, NaN] };
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { n, mean, ci95: normalInterval(mean, Math.sqrt(variance / n)) };
}

/** Summarises session outcomes (any order gives the same summary up to rounding of sums). */
export function summariseSessions(protocol: Readonly<BargainingProtocol>, outcomes: readonly SessionOutcome[]): SessionsSummary {
  const agreed = outcomes.filter((o) => o.ending === 'agreement');
  const endings = Object.fromEntries(ENDINGS.map((e) => [e, outcomes.filter((o) => o.ending === e).length])) as Record<Ending, number>;
  const byType: SessionsSummary['byType'] = {};
  for (const t of protocol.target.types) {
    const mine = outcomes.filter((o) => o.targetType === t.name);
    const a = mine.filter((o) => o.ending === 'agreement').length;
    byType[t.name] = { sessions: mine.length, agreements: a, ci95: wilsonInterval(a, mine.length) };
  }
  return {
    sessions: outcomes.length,
    agreementRate: { estimate: outcomes.length ? agreed.length / outcomes.length : NaN, ci95: wilsonInterval(agreed.length, outcomes.length) },
    endings,
    roundsToAgree: meanInterval(agreed.map((o) => o.roundsToAgree!)),
    terms: Object.fromEntries(protocol.issues.map((i) => [i.name, meanInterval(agreed.map((o) => o.terms![i.name]))])),
    payoff: Object.fromEntries(PARTIES.map((p) => [p, meanInterval(outcomes.map((o) => o.payoff[p]))])) as Record<Party, MeanInterval>,
    byType,
  };
}

/**
 * Plays `sessions` sessions of the protocol between fresh negotiators made by the two
 * entries. Session i draws its chance events (the target's type, breakdowns) from
 * `createRng(runSeed(seed, i))` and each negotiator gets its own stream
 * (`<that seed>/coalition`, `/target`), all fixed before any session runs: the result is
 * a pure function of (protocol, pairing, seed), independent of how sessions would be split
 * among workers, and different pairings with the same seed face the same types and the
 * same breakdown draws (common random numbers). Keeps each log when `keepLogs` (for replay).
 * @throws NegotiationInputError for an invalid protocol, an external negotiator (it would
 *   wait forever), or a session count that is not a whole number in [1, MAX_SESSIONS].
 * @example runSessions({ protocol, coalition: BOULWARE, target: CONCEDER, sessions: 1000, seed: 1 }).summary.agreementRate
 */
export function runSessions(options: {
  protocol: unknown;
  coalition: NegotiatorEntry;
  target: NegotiatorEntry;
  sessions: number;
  seed: number;
  keepLogs?: boolean;
}): { summary: SessionsSummary; outcomes: SessionOutcome[]; logs?: LogEntry[][] } {
  const compiled = compileProtocol(options.protocol);
  const protocol = compiled.protocol;
  const n = options.sessions;
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_SESSIONS)) throw new NegotiationInputError('sessions', `${String(n)} is not a whole number in [1, ${MAX_SESSIONS}]`);
  if (!Number.isInteger(options.seed)) throw new NegotiationInputError('seed', `${String(options.seed)} is not a whole number`);
  for (const side of PARTIES) {
    if (options[side].meta.external) throw new NegotiationInputError(side, `${options[side].name} waits for moves from outside; play it with playSession`);
  }
  const outcomes: SessionOutcome[] = [];
  const logs: LogEntry[][] = [];
  for (let i = 0; i < n; i++) {
    const seed = runSeed(options.seed, i);
    const session = new Session(compiled);
    const negotiators = { coalition: options.coalition.create(createRng(`${seed}/coalition`)), target: options.target.create(createRng(`${seed}/target`)) };
    const status = playSession(session, negotiators, createRng(seed));
    if (status.kind !== 'over') throw new Error('runSessions: a session waited for an external move (a bug: externals are refused above)');
    outcomes.push(status.outcome);
    if (options.keepLogs) logs.push([...session.log]);
  }
  return { summary: summariseSessions(protocol, outcomes), outcomes, ...(options.keepLogs ? { logs } : {}) };
}

/** One pairing's result in a round robin. */
export interface PairingResult {
  coalition: string;
  target: string;
  summary: SessionsSummary;
}

/**
 * A bargaining tournament: every coalition negotiator against every target negotiator
 * (external ones left out), each pairing over the same `sessions` seeds, so the pairings
 * face the same types and breakdown draws. Rows in the order of the entries given.
 * @throws NegotiationInputError as runSessions, or for an empty list of entries.
 * @example roundRobin({ protocol, entries: negotiatorsWhere({ external: false }), sessions: 200, seed: 1 })
 */
export function roundRobin(options: { protocol: unknown; entries: readonly NegotiatorEntry[]; sessions: number; seed: number }): PairingResult[] {
  const entries = options.entries.filter((e) => !e.meta.external);
  if (entries.length === 0) throw new NegotiationInputError('entries', 'has no negotiator that can play unattended');
  const protocol = compileProtocol(options.protocol);
  return entries.flatMap((c) =>
    entries.map((t) => ({ coalition: c.name, target: t.name, summary: runSessions({ protocol, coalition: c, target: t, sessions: options.sessions, seed: options.seed }).summary })),
  );
}

/** One negotiator's standing in a round robin. */
export interface Standing {
  name: string;
  /** Mean discounted payoff over its sessions as the coalition and as the target (each pairing weighted by its sessions). */
  asCoalition: number;
  asTarget: number;
  /** Agreement rate over all its sessions, on either side. */
  agreementRate: number;
}

/**
 * Ranks the negotiators of a round robin by their mean payoff on each side, summed (as
 * Axelrod's result set ranks strategies by score): best first, ties in entry order.
 */
export function standings(rows: readonly PairingResult[]): Standing[] {
  const names = [...new Set(rows.flatMap((r) => [r.coalition, r.target]))];
  const side = (name: string, as: Party) => {
    const mine = rows.filter((r) => r[as] === name);
    const n = mine.reduce((s, r) => s + r.summary.sessions, 0);
    return { n, payoff: mine.reduce((s, r) => s + r.summary.payoff[as].mean * r.summary.sessions, 0) / n, agreed: mine.reduce((s, r) => s + r.summary.endings.agreement, 0) };
  };
  const table = names.map((name) => {
    const c = side(name, 'coalition');
    const t = side(name, 'target');
    return { name, asCoalition: c.payoff, asTarget: t.payoff, agreementRate: (c.agreed + t.agreed) / (c.n + t.n) };
  });
  return table.map((s, i) => ({ s, i })).sort((a, b) => b.s.asCoalition + b.s.asTarget - (a.s.asCoalition + a.s.asTarget) || a.i - b.i).map(({ s }) => s);
}
