import { createRunner } from '../engine/simulate.ts';
import { createRng } from '../engine/rng.ts';
import {
  compileProtocol,
  createExternal,
  negotiatorByName,
  parameterValues,
  playSession,
  protocolFromTable,
  Session,
  tabulatedUtility,
  type CompiledProtocol,
  type ExternalNegotiator,
  type Negotiator,
  type Party,
  type UtilityTable,
} from '../negotiation/index.ts';
import { applyLevers, resolveLever, type Lever } from '../scenario/levers.ts';
import { TARGET_TYPES, type Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { runReturns } from './returns.ts';

/** What the room bargains over: one design lever and its range, for so many rounds. */
export interface NegotiationTerms {
  issue: string;
  low: number;
  high: number;
  deadlineRounds: number;
}

/** Per-round discount of each side while they talk (a deal later is worth a little less). */
export const NEGOTIATION_DISCOUNT = { coalition: 0.95, target: 0.9 } as const;
/** The AI negotiator that takes a side no person holds (src/negotiation's registry). */
export const AI_NEGOTIATOR = 'boulware';
/** Designs tabulated along the issue (the bargaining utility is linear between them). */
export const UTILITY_GRID_STEPS = 5;

/**
 * The lever a room bargains over, checked: a continuous number field of the scenario
 * with low < high inside its allowed range.
 * @throws Error naming `negotiation.issue`, `.low` or `.high`.
 */
export function negotiationLever(scenario: Scenario, terms: NegotiationTerms): Lever {
  let lever: Lever;
  try {
    lever = resolveLever(scenario, terms.issue);
  } catch (e) {
    throw new Error(`negotiation.issue: ${(e as Error).message}`);
  }
  if (lever.kind !== 'number') throw new Error(`negotiation.issue: ${terms.issue} is a ${lever.kind} field; bargaining needs a continuous number (a share, a probability, an amount)`);
  const min = lever.min ?? -Infinity;
  const max = lever.max ?? Infinity;
  if (!(terms.low >= min && terms.low <= max)) throw new Error(`negotiation.low: ${terms.low} is not in [${min}, ${max}] (${terms.issue})`);
  if (!(terms.high >= min && terms.high <= max)) throw new Error(`negotiation.high: ${terms.high} is not in [${min}, ${max}] (${terms.issue})`);
  if (!(terms.low < terms.high)) throw new Error(`negotiation.low: ${terms.low} is not below high (${terms.high})`);
  return lever;
}

/** The design with the issue set to `value` (validated). @throws Error naming the lever when the value makes the scenario invalid. */
export function designWithTerms(scenario: Scenario, lever: Lever, value: number): Scenario {
  return applyLevers(scenario, [lever], [value]);
}

/** No deal: the design's relief never comes (no tranches); sanctions stay. */
export function noDealScenario(scenario: Scenario): Scenario {
  const v = validateScenario({ ...structuredClone(scenario), design: { ...structuredClone(scenario.design), tranches: [] } });
  if (!v.ok) throw new Error(`no-deal design: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return v.scenario;
}

/**
 * The utility table of the negotiation, by simulation: for each design on a grid of the
 * issue and for no deal, each side's mean return over `runs` runs per target type (the type
 * fixed by a one-hot prior), on common random numbers (run i has the seed
 * `<seed>/utility/<i>` for every design). The coalition's return is its discounted true
 * compliance, the target's its discounted payoff (docs/model.md, "Returns").
 * Cost: (steps + 1) x 3 x runs runs (5 steps, 40 runs: 720 runs, about a quarter second).
 */
export function simulatedUtilityTable(scenario: Scenario, terms: NegotiationTerms, seed: string, runs: number): UtilityTable {
  const lever = negotiationLever(scenario, terms);
  const grid = parameterValues({ name: terms.issue, low: terms.low, high: terms.high, steps: UTILITY_GRID_STEPS });
  const estimate = (values: number[]) => {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
    return { mean, se: sd / Math.sqrt(n) };
  };
  const byType = (design: Scenario) => {
    const utility: Record<string, Record<string, { mean: number; se: number }>> = { coalition: {}, target: {} };
    for (const type of TARGET_TYPES) {
      const typed = applyLevers(design, [resolveLever(design, `target.typePrior.${type}`)], [1]);
      const runner = createRunner(typed);
      const c: number[] = [];
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = runReturns(runner.compiled, runner.run(`${seed}/utility/${i}`));
        c.push(r.coalition);
        t.push(r.target);
      }
      utility.coalition[type] = estimate(c);
      utility.target[type] = estimate(t);
    }
    return utility;
  };
  return {
    parties: ['coalition', 'target'],
    targetParty: 'target',
    targetTypes: TARGET_TYPES.map((name) => ({ name, prior: scenario.target.typePrior[name] })),
    designs: grid.map((x) => ({ design: { id: `${terms.issue}=${x}`, parameters: { [terms.issue]: x } }, utility: byType(designWithTerms(scenario, lever, x)) })),
    outsideOption: byType(noDealScenario(scenario)),
  };
}

/** One side's utility as the client draws it: [issue value, utility] points (linear between) and no deal's value. */
export interface SideUtility {
  points: [number, number][];
  reservation: number;
}

/**
 * A live negotiation between the room's two sides: src/negotiation's alternating-offers
 * Session, with an external negotiator for each side a person holds and the registry's
 * AI negotiator for the other. Chance (a breakdown) and the AI draw from one generator
 * seeded by the room, so the same moves give the same talks.
 */
export class Negotiation {
  readonly protocol: CompiledProtocol;
  readonly session: Session;
  private readonly table: UtilityTable;
  private readonly people: Partial<Record<Party, ExternalNegotiator>> = {};
  private readonly negotiators: Record<Party, Negotiator>;
  private readonly rng: () => number;

  constructor(table: UtilityTable, terms: NegotiationTerms, targetType: string, humanSides: readonly Party[], seed: string) {
    this.table = table;
    this.protocol = compileProtocol(
      protocolFromTable(table, { parameter: terms.issue, discount: { ...NEGOTIATION_DISCOUNT }, deadlineRounds: terms.deadlineRounds, targetType, information: 'private' }),
    );
    this.session = new Session(this.protocol);
    this.rng = createRng(`${seed}/negotiation`);
    const ai = negotiatorByName(AI_NEGOTIATOR);
    const side = (p: Party): Negotiator => {
      if (!humanSides.includes(p)) return ai.create(createRng(`${seed}/negotiator/${p}`));
      const person = createExternal(`person (${p})`);
      this.people[p] = person;
      return person;
    };
    this.negotiators = { coalition: side('coalition'), target: side('target') };
    this.run();
  }

  /** The party a person must move for now, or null (over, or an AI's turn has been played). */
  awaiting(): Party | null {
    const p = this.session.currentParty();
    return p !== null && this.people[p] ? p : null;
  }

  /**
   * A person's move for `party`. @throws Error (and changes nothing) when it is not that
   * party's turn to make this kind of move, or the offer is outside the issue's range.
   */
  move(party: Party, move: { kind: 'propose'; value: number } | { kind: 'respond'; reply: 'accept' | 'reject' } | { kind: 'walkAway' }): void {
    const s = this.session;
    const turn = s.currentParty();
    if (turn !== party) throw new Error(s.phase === 'over' ? 'the negotiation is over' : `it is the ${turn}'s turn, not the ${party}'s`);
    if (move.kind === 'propose' && s.phase !== 'propose') throw new Error(`the ${party} must answer the offer on the table first (accept or reject)`);
    if (move.kind === 'respond' && s.phase !== 'respond') throw new Error(`there is no offer on the table to ${move.reply}; make a proposal`);
    const issue = this.protocol.protocol.issues[0];
    if (move.kind === 'propose' && !(move.value >= issue.low && move.value <= issue.high)) throw new Error(`value: ${move.value} is not in [${issue.low}, ${issue.high}] (${issue.name})`);
    const person = this.people[party];
    if (person) {
      if (move.kind === 'propose') person.submitProposal({ [issue.name]: move.value });
      else if (move.kind === 'respond') person.submitReply(move.reply);
      else if (s.phase === 'propose') person.submitProposal('end');
      else person.submitReply('end');
      this.run();
    } else {
      // The facilitator moves for an AI side (to unstick a room): straight into the session.
      if (move.kind === 'propose') s.propose(party, { [issue.name]: move.value });
      else if (move.kind === 'respond') s.respond(party, move.reply);
      else s.walkAway(party);
      this.run();
    }
  }

  /** The AI plays the side whose turn it is, once, even if a person holds it (the facilitator's advance). */
  aiMove(): void {
    const party = this.session.currentParty();
    if (party === null) return;
    const ai = negotiatorByName(AI_NEGOTIATOR).create(createRng(`${this.protocol.protocol.issues[0].name}/${this.session.log.length}`));
    const obs = this.session.observe(party);
    if (this.session.phase === 'propose') {
      const p = ai.propose(obs);
      if (p === 'end' || p === 'wait') this.session.walkAway(party);
      else this.session.propose(party, p);
    } else {
      const r = ai.respond(obs, this.session.offerOnTable!);
      if (r === 'end' || r === 'wait') this.session.walkAway(party);
      else this.session.respond(party, r);
    }
    this.run();
  }

  /** A side's own utility along the issue (the coalition's prior-expected one; the target's of its type). */
  utilityOf(party: Party): SideUtility {
    const issue = this.protocol.protocol.issues[0].name;
    if (party === 'target') {
      const u = tabulatedUtility(this.table, 'target', this.protocol.protocol.targetType!, issue);
      return { points: u.tabulated.map(([x, y]) => [x, y]), reservation: u.reservation };
    }
    const parts = this.table.targetTypes.map((t) => ({ prior: t.prior, u: tabulatedUtility(this.table, 'coalition', t.name, issue) }));
    const points = parts[0].u.tabulated.map(([x], j) => [x, parts.reduce((a, p) => a + p.prior * p.u.tabulated[j][1], 0)] as [number, number]);
    return { points, reservation: parts.reduce((a, p) => a + p.prior * p.u.reservation, 0) };
  }

  private run(): void {
    playSession(this.session, this.negotiators, this.rng);
  }
}
