import type { Scenario } from '../../scenario/schema.ts';
import { acceptanceByDesign, offeringValue } from '../acceptance.ts';
import { negotiatorByName } from '../bargaining/negotiators/index.ts';
import { runSessions, type SessionsSummary } from '../bargaining/outcomes.ts';
import type { BargainingProtocol, Party } from '../bargaining/protocol.ts';
import type { LogEntry } from '../bargaining/session.ts';
import type { DesignPoint } from '../design-family.ts';
import { NegotiationInputError } from '../errors.ts';
import { protocolFromTable } from '../table-protocol.ts';
import type { UtilityTable } from '../utility-table.ts';
import { designScenario } from './design-space.ts';
import { simulateImplementation, type Implementation } from './implementation.ts';
import type { SimulatedFamily, SimulateOptions } from './simulate-family.ts';

/** Bargaining over one parameter of a simulated family. */
export interface BargainingSpec {
  /** The family parameter bargained over; the others stay at `at`. */
  parameter: string;
  /** Values of the other parameters (default: those of the design the coalition would rather offer, not knowing the type). */
  at?: Record<string, number>;
  discount: Record<Party, number>;
  deadlineRounds: number;
  breakdownProbability?: number;
  firstProposer?: Party;
  information?: 'private' | 'complete';
  /** Negotiator names (NEGOTIATORS; not external). */
  coalition: string;
  target: string;
  sessions: number;
  seed: number;
  /** Distinct agreed designs whose implementation is simulated, the most frequent first (default 6). */
  implementDesigns?: number;
}

/** An agreed design, how often it was agreed and by which types, and what it then delivers. */
export interface AgreedDesign {
  design: DesignPoint;
  agreements: number;
  byType: Record<string, number>;
  implementation: Implementation;
}

export interface FamilyBargaining {
  protocol: BargainingProtocol;
  /** The designs of the family along the parameter (the others at `at`): the utilities bargained over. */
  along: string[];
  at: Record<string, number>;
  summary: SessionsSummary;
  /** Session 0's log, to replay offer by offer. */
  firstSession: LogEntry[];
  /** The most frequent agreed designs and their implementation (the coalition's belief: the types that agreed to it). */
  agreed: AgreedDesign[];
  /** Over the agreements whose design was simulated, weighted by how often each was agreed. */
  implementation: Record<string, { mean: number }> | null;
}

/**
 * The one-parameter slice of a simulated family along `parameter`, the others at `at`.
 * @throws NegotiationInputError for an unknown parameter, or `at` matching no design.
 */
export function sliceAlong(sim: SimulatedFamily, parameter: string, at: Record<string, number>): UtilityTable {
  const names = sim.resolved.family.parameters.map((p) => p.name);
  if (!names.includes(parameter)) throw new NegotiationInputError('bargaining.parameter', `${JSON.stringify(parameter)} is not a parameter of the family (${names.join(', ')})`);
  for (const k of Object.keys(at)) if (!names.includes(k) || k === parameter) throw new NegotiationInputError(`bargaining.at.${k}`, `is not another parameter of the family (${names.filter((n) => n !== parameter).join(', ') || 'none'})`);
  const designs = sim.table.designs.filter((d) => names.every((n) => n === parameter || d.design.parameters[n] === at[n]));
  if (designs.length < 2) {
    throw new NegotiationInputError('bargaining.at', `${JSON.stringify(at)} leaves ${designs.length} design(s) of the grid along ${parameter}; give values of the grid for the other parameters so at least 2 designs remain`);
  }
  return { ...sim.table, designs };
}

/**
 * The alternating-offers protocol over one parameter of a simulated family (the others at
 * `at`, default defaultAt): plain data, so it can go into a MatchSpec for people to play
 * (the classroom, the web panel) or into runSessions for agents.
 * @throws NegotiationInputError for a bad parameter, `at`, discounts, deadline or breakdown risk.
 * @example createMatch({ protocol: familyProtocol(sim, { parameter: 'frontLoadedShare', discount: { coalition: 0.95, target: 0.9 }, deadlineRounds: 20 }), players: { coalition: 'boulware', target: 'external' }, seed: 'room-1' })
 */
export function familyProtocol(
  sim: SimulatedFamily,
  spec: Pick<BargainingSpec, 'parameter' | 'at' | 'discount' | 'deadlineRounds' | 'breakdownProbability' | 'firstProposer' | 'information'>,
): BargainingProtocol {
  const slice = sliceAlong(sim, spec.parameter, spec.at ?? defaultAt(sim, spec.parameter));
  return protocolFromTable(slice, {
    parameter: spec.parameter,
    discount: spec.discount,
    deadlineRounds: spec.deadlineRounds,
    coalitionParty: 'coalition',
    ...(spec.breakdownProbability !== undefined ? { breakdownProbability: spec.breakdownProbability } : {}),
    ...(spec.firstProposer ? { firstProposer: spec.firstProposer } : {}),
    ...(spec.information ? { information: spec.information } : {}),
  });
}

/**
 * Bargaining over the terms of a simulated family, judged with implementation: the
 * utilities along one parameter (tabulated from the simulated table, linear between the
 * designs) enter an alternating-offers protocol; `sessions` sessions between the two named
 * negotiators give the agreement rate, rounds and terms; the most frequent agreed designs
 * are then simulated with the coalition believing the type mix that agreed to each.
 * @throws NegotiationInputError for a bad parameter, `at`, protocol or negotiator name.
 */
export async function bargainOverFamily(sim: SimulatedFamily, base: Scenario, spec: BargainingSpec, options: SimulateOptions = {}): Promise<FamilyBargaining> {
  const names = sim.resolved.family.parameters.map((p) => p.name);
  const at = spec.at ?? defaultAt(sim, spec.parameter);
  const slice = sliceAlong(sim, spec.parameter, at);
  const protocol = familyProtocol(sim, { ...spec, at });
  const pick = (side: Party) => {
    try {
      const n = negotiatorByName(spec[side]);
      if (n.meta.external) throw new NegotiationInputError(`bargaining.${side}`, `${n.name} waits for a person; a run of many sessions needs two agents`);
      return n;
    } catch (e) {
      if (e instanceof NegotiationInputError) throw new NegotiationInputError(`bargaining.${side}`, e.problems[0].message);
      throw e;
    }
  };
  const played = runSessions({ protocol, coalition: pick('coalition'), target: pick('target'), sessions: spec.sessions, seed: spec.seed, keepLogs: true });
  const groups = new Map<string, { value: number; agreements: number; byType: Record<string, number> }>();
  for (const o of played.outcomes) {
    if (o.ending !== 'agreement') continue;
    const value = Number(o.terms![spec.parameter].toPrecision(9));
    const key = String(value);
    const g = groups.get(key) ?? { value, agreements: 0, byType: {} };
    g.agreements++;
    g.byType[o.targetType] = (g.byType[o.targetType] ?? 0) + 1;
    groups.set(key, g);
  }
  const top = [...groups.values()].sort((a, b) => b.agreements - a.agreements || a.value - b.value).slice(0, spec.implementDesigns ?? 6);
  const agreed: AgreedDesign[] = [];
  for (const g of top) {
    const parameters = { ...at, [spec.parameter]: g.value };
    const design: DesignPoint = { id: names.map((n) => `${n}=${parameters[n]}`).join(','), parameters };
    const belief = Object.fromEntries(Object.entries(g.byType).map(([t, n]) => [t, n / g.agreements]));
    // The caller's progress counts the family's runs; the implementations' own counts would move it backwards.
    const { onProgress: _progress, ...quiet } = options;
    const implementation = await simulateImplementation(designScenario(base, sim.resolved, design), belief, sim.runsPerDesign, sim.masterSeed, quiet);
    agreed.push({ design, agreements: g.agreements, byType: g.byType, implementation });
  }
  const weight = agreed.reduce((s, a) => s + a.agreements, 0);
  const implementation =
    weight > 0
      ? Object.fromEntries(Object.keys(agreed[0].implementation.outcomes).map((m) => [m, { mean: agreed.reduce((s, a) => s + a.agreements * a.implementation.outcomes[m].mean, 0) / weight }]))
      : null;
  return { protocol, along: slice.designs.map((d) => d.design.id), at, summary: played.summary, firstSession: played.logs![0], agreed, implementation };
}

/** The other parameters' values of the design the coalition would rather offer, not knowing the type: where bargaining over `parameter` holds them by default. */
export function defaultAt(sim: SimulatedFamily, parameter: string): Record<string, number> {
  const acc = acceptanceByDesign(sim.table);
  let best = 0;
  let bestValue = -Infinity;
  acc.forEach((row, i) => {
    const v = offeringValue(sim.table, i, 'coalition', row.acceptance).mean;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  });
  const p = sim.table.designs[best].design.parameters;
  return Object.fromEntries(Object.entries(p).filter(([k]) => k !== parameter));
}
