import {
  compileProtocol,
  createMatch,
  designScenario,
  familyProtocol,
  negotiatorByName,
  NegotiationInputError,
  noDealScenario,
  replaySession,
  resolveFamily,
  simulateFamily,
  type BargainingProtocol,
  type Match,
  type Move,
  type Offer,
  type Party,
  type ResolvedFamily,
  type SimulatedFamily,
  type SimulateOptions,
} from '../negotiation/index.ts';
import { createRng } from '../engine/rng.ts';
import { resolveLever } from '../scenario/levers.ts';
import type { Scenario } from '../scenario/schema.ts';
import { LIMITS } from './limits.ts';
import { fitDesignUtilities, linearProtocol, type SideUtilityModel } from './design-utility.ts';

/**
 * The classroom's negotiation stage, on src/negotiation's own machinery, the same that
 * `relief-lab negotiate` runs: the family of designs is valued by `simulateFamily`
 * (experiments layer, common random numbers, the default party weights), bargaining is a
 * `Match` (createMatch: people as `external`, the registry's `boulware` for a side no
 * person holds), and the agreed design is built by `designScenario` (no deal:
 * `noDealScenario`). What is the classroom's own: offers on several levers at once
 * (design-utility.ts fits the linear utilities a multi-issue protocol needs), checking an
 * offer as a whole design before it reaches the match, and the facilitator's advance.
 */

/** One lever of the design the two sides bargain over, and its range. */
export interface NegotiationIssue {
  /** A numeric lever path (`design.verification.detectionProbability`) or a schedule parameter (`frontLoadedShare`). */
  path: string;
  low: number;
  high: number;
}

/** What the room bargains over: one or more levers of the design, for so many rounds. */
export interface NegotiationTerms {
  issues: NegotiationIssue[];
  deadlineRounds: number;
}

/** Levers negotiated at once (2^4 designs valued for the fit, plus no deal and the current design). */
export const MAX_NEGOTIATION_ISSUES = LIMITS.negotiationIssues;
/** Per-round discount of each side while they talk (a deal later is worth a little less). */
export const NEGOTIATION_DISCOUNT = { coalition: 0.95, target: 0.9 } as const;
/** The AI negotiator that takes a side no person holds (src/negotiation's registry). */
export const AI_NEGOTIATOR = 'boulware';
/** Designs along a single negotiated lever (tabulated, linear between them, as `negotiate` does). */
export const UTILITY_GRID_STEPS = 5;

/**
 * Everything the talks need, computed once by simulation when the room is created and
 * stored with its configuration (plain JSON), so a restart replays the room without
 * simulating again.
 */
export interface PreparedNegotiation {
  format: 'relief-lab/classroom-negotiation@2';
  terms: NegotiationTerms;
  /** The design family handed to simulateFamily (steps: 5 for one lever, 2 per lever for several). */
  family: { parameters: { name: string; low: number; high: number; steps: number }[] };
  runsPerDesign: number;
  masterSeed: number;
  /** The bargaining protocol (createProtocol's input), without the target's type: the room fixes it to the game's. */
  protocol: BargainingProtocol;
  /** Each side's expected utility of an offer in the simulation's units, as shown to it: the coalition's over the prior, each target type's own. */
  utility: { coalition: SideUtilityModel; target: Record<string, SideUtilityModel> };
  /** Over several levers: the largest gap between the linear fit and a simulated design, per side (0 for one lever: the table itself). */
  fitError: { coalition: number; target: Record<string, number> };
}

/** The room's seed as simulateFamily's whole-number master seed (FNV-1a of the text). */
export function masterSeedOf(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The terms checked against the scenario, as a design family: each issue a numeric lever
 * or a schedule parameter, its range inside the allowed values, low below high, no lever twice.
 * @throws NegotiationInputError naming `negotiation.issues[i].path`, `.low`, `.high` or `negotiation.issues`.
 */
export function negotiationFamily(scenario: Scenario, terms: NegotiationTerms): ResolvedFamily {
  const issues = terms.issues;
  if (!Array.isArray(issues) || issues.length === 0) throw new NegotiationInputError('negotiation.issues', 'is empty: negotiate at least one lever');
  if (issues.length > MAX_NEGOTIATION_ISSUES) throw new NegotiationInputError('negotiation.issues', `has ${issues.length} levers; at most ${MAX_NEGOTIATION_ISSUES} are negotiated at once`);
  issues.forEach((x, i) => {
    if (issues.findIndex((y) => y.path === x.path) !== i) throw new NegotiationInputError(`negotiation.issues[${i}].path`, `${x.path} appears twice`);
    if (!(x.low < x.high)) throw new NegotiationInputError(`negotiation.issues[${i}].low`, `${x.low} is not below high (${x.high}) for ${x.path}`);
  });
  try {
    return resolveFamily(scenario, { parameters: issues.map((x) => ({ name: x.path, low: x.low, high: x.high, steps: stepsFor(issues.length) })) });
  } catch (e) {
    if (!(e instanceof NegotiationInputError)) throw e;
    const field = e.field.replace(/^family\.parameters/, 'negotiation.issues').replace(/\.name$/, '.path');
    throw new NegotiationInputError(field, e.problems[0].message);
  }
}

function stepsFor(issueCount: number): number {
  return issueCount === 1 ? UTILITY_GRID_STEPS : 2;
}

/**
 * Values the terms by simulation and builds the protocol: `simulateFamily` over the
 * family of the terms (`runs` runs per design, raised so the rarest type is drawn about
 * ten times, no deal and the current design, common
 * random numbers, the seed `masterSeedOf(seed)`), then over one lever the table's own
 * protocol (`familyProtocol`, tabulated), over several the fitted linear one.
 * Cost: (designs + 2) x runs runs: 7 x runs for one lever, 6 x runs for two.
 * @throws NegotiationInputError as negotiationFamily, or when a type with prior > 0 is drawn in fewer than 2 runs (give more runs).
 * @example const prepared = await prepareNegotiation(baseline, { issues: [{ path: 'frontLoadedShare', low: 0, high: 1 }], deadlineRounds: 6 }, 'room-1', 60);
 */
export async function prepareNegotiation(scenario: Scenario, terms: NegotiationTerms, seed: string, runs: number, options: SimulateOptions = {}): Promise<PreparedNegotiation> {
  negotiationFamily(scenario, terms);
  // Enough runs that the rarest type is drawn about ten times per design (each type's utility is the mean of its runs).
  const rarest = Math.min(...Object.values(scenario.target.typePrior).filter((p) => p > 0));
  runs = Math.min(LIMITS.utilityRuns, Math.max(runs, Math.ceil(10 / rarest)));
  const family = { parameters: terms.issues.map((x) => ({ name: x.path, low: x.low, high: x.high, steps: stepsFor(terms.issues.length) })) };
  const masterSeed = masterSeedOf(seed);
  const sim: SimulatedFamily = await simulateFamily({ base: scenario, family, runsPerDesign: runs, masterSeed }, options);
  const fit = fitDesignUtilities(sim.table, terms.issues);
  const protocol =
    terms.issues.length === 1
      ? familyProtocol(sim, { parameter: terms.issues[0].path, at: {}, discount: { ...NEGOTIATION_DISCOUNT }, deadlineRounds: terms.deadlineRounds, information: 'private' })
      : linearProtocol(fit, terms.issues, { discount: { ...NEGOTIATION_DISCOUNT }, deadlineRounds: terms.deadlineRounds });
  return { format: 'relief-lab/classroom-negotiation@2', terms, family, runsPerDesign: runs, masterSeed, protocol, utility: fit.models, fitError: fit.error };
}

/** A move of a side, as the room's messages carry it. */
export type SideMove = { kind: 'propose'; offer: Offer } | { kind: 'respond'; reply: 'accept' | 'reject' } | { kind: 'walkAway' };

/**
 * A live negotiation between the room's two sides: a Match over the prepared protocol,
 * the target's type fixed to the one the game's seed draws, a person's side `external`,
 * the other `boulware`. The room rebuilds it by replaying its log, so it keeps no state
 * of its own beyond the match.
 */
export class NegotiationStage {
  readonly match: Match;
  readonly prepared: PreparedNegotiation;
  private readonly base: Scenario;
  private readonly resolved: ResolvedFamily;

  constructor(base: Scenario, prepared: PreparedNegotiation, targetType: string, humanSides: readonly Party[], seed: string) {
    this.base = base;
    this.prepared = prepared;
    this.resolved = negotiationFamily(base, prepared.terms);
    const side = (p: Party) => (humanSides.includes(p) ? 'external' : AI_NEGOTIATOR);
    this.match = createMatch({ protocol: { ...prepared.protocol, targetType }, players: { coalition: side('coalition'), target: side('target') }, seed: `${seed}/negotiation` });
  }

  get issues(): NegotiationIssue[] {
    return this.prepared.terms.issues;
  }

  /** The party a person must move for now, or null (over). */
  awaiting(): Party | null {
    const s = this.match.status;
    return s.kind === 'awaiting' ? s.party : null;
  }

  /**
   * Checks an offer as a whole design: a value for every negotiated lever, each inside its
   * range, and together a valid scenario. Returns the design's scenario.
   * @throws Error naming `offer.<lever>` (missing, unknown, outside the range) or `offer` (the design is not valid).
   */
  checkOffer(offer: Offer): Scenario {
    const issues = this.issues;
    for (const key of Object.keys(offer)) {
      if (!issues.some((x) => x.path === key)) throw new Error(`offer.${key}: is not a lever of this negotiation (${issues.map((x) => x.path).join(', ')})`);
    }
    for (const x of issues) {
      const v = offer[x.path];
      if (v === undefined) throw new Error(`offer.${x.path}: is missing: an offer sets every lever negotiated (${issues.map((y) => y.path).join(', ')})`);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`offer.${x.path}: ${String(v)} is not a finite number`);
      if (v < x.low || v > x.high) throw new Error(`offer.${x.path}: ${v} is not in [${x.low}, ${x.high}], the negotiated range`);
    }
    try {
      return this.designOf(offer);
    } catch (e) {
      throw new Error(`offer: ${(e as Error).message}`);
    }
  }

  /** The scenario of an offer: the base with the levers set (whole-number levers rounded) and, for schedule parameters, its tranches rebuilt. */
  designOf(offer: Offer): Scenario {
    const parameters: Record<string, number> = {};
    this.resolved.family.parameters.forEach((p) => {
      parameters[p.name] = p.integer ? Math.round(offer[p.name]) : offer[p.name];
    });
    return designScenario(this.base, this.resolved, { id: this.issues.map((x) => `${x.path}=${parameters[x.path]}`).join(','), parameters });
  }

  /** No deal: sanctions stay, no relief, no incentives (src/negotiation's outside option). */
  noDeal(): Scenario {
    return noDealScenario(this.base);
  }

  /**
   * A person's move for `party`. @throws Error (and changes nothing) when it is not that
   * party's turn, the wrong kind of move now, or the offer is not a valid design in the ranges.
   */
  move(party: Party, move: SideMove): void {
    const s = this.match.status;
    if (s.kind === 'over') throw new Error('the negotiation is over');
    if (s.party !== party) throw new Error(`it is the ${s.party}'s turn, not the ${party}'s`);
    if (move.kind === 'propose' && s.phase !== 'propose') throw new Error(`the ${party} must answer the offer on the table first (accept or reject)`);
    if (move.kind === 'respond' && s.phase !== 'respond') throw new Error(`there is no offer on the table to ${move.reply}; make a proposal`);
    if (move.kind === 'propose') this.checkOffer(move.offer);
    const m: Move = move.kind === 'propose' ? { kind: 'propose', offer: { ...move.offer } } : move.kind === 'respond' ? { kind: move.reply } : { kind: 'end' };
    try {
      this.match.submit(party, m);
    } catch (e) {
      // The match refuses before it changes anything (NegotiationInputError naming `move`).
      throw new Error((e as Error).message.replace(/^move\.offer\./, 'offer.'));
    }
  }

  /**
   * The registry's AI negotiator's move for the side whose turn it is (the facilitator's
   * advance, the round timer): asked on the session replayed from the match's log, then
   * played into the match as that side's move. Its stream is keyed by the log's length.
   */
  aiMove(seed: string): void {
    const s = this.match.status;
    if (s.kind === 'over') return;
    const session = replaySession(compileProtocol(this.match.spec.protocol), this.match.log);
    const ai = negotiatorByName(AI_NEGOTIATOR).create(createRng(`${seed}/negotiation/advance/${this.match.log.length}`));
    const obs = session.observe(s.party);
    if (s.phase === 'propose') {
      const p = ai.propose(obs);
      this.match.submit(s.party, p === 'end' || p === 'wait' ? { kind: 'end' } : { kind: 'propose', offer: p });
    } else {
      const r = ai.respond(obs, session.offerOnTable!);
      this.match.submit(s.party, r === 'end' || r === 'wait' ? { kind: 'end' } : { kind: r });
    }
  }

  /** The offer on the table, if any. */
  offerOnTable(): Offer | null {
    const v = this.match.view('coalition').offerOnTable;
    return v ? { ...v.offer } : null;
  }
}

/** A lever's description for the views: its unit, its text and today's value (schedule parameters have none). */
export function issueInfo(scenario: Scenario, issue: NegotiationIssue): { path: string; low: number; high: number; unit?: string; description: string; base: number | null } {
  if (issue.path === 'frontLoadedShare') return { ...issue, unit: 'share', description: 'share of each sanctions category the first tranche lifts (the schedule is rebuilt)', base: null };
  if (issue.path === 'trancheCount') return { ...issue, unit: 'tranches', description: 'number of relief tranches (the schedule is rebuilt)', base: scenario.design.tranches.length };
  const lever = resolveLever(scenario, issue.path);
  return { ...issue, ...(lever.unit ? { unit: lever.unit } : {}), description: lever.description ?? issue.path, base: typeof lever.base === 'number' ? lever.base : null };
}
