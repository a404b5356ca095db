import type { Scenario } from '../../scenario/schema.ts';
import { acceptance, type Acceptance } from '../acceptance.ts';
import { analyseFamily, type TypeAnalysis } from '../analysis.ts';
import type { Estimate } from '../estimate.ts';
import { bargainOverFamily, type BargainingSpec, type FamilyBargaining } from './bargain.ts';
import type { NegotiationFile } from './negotiation-file.ts';
import type { PartyWeights } from './party-utility.ts';
import { simulateFamily, type SimulatedFamily, type SimulateOptions } from './simulate-family.ts';

/** Everything `relief-lab negotiate` reports; plain data (NaN and infinities become null in JSON). */
export interface NegotiationReport {
  format: 'relief-lab/negotiation@1';
  name: string;
  scenarioName: string;
  runsPerDesign: number;
  masterSeed: number;
  parties: { party: string; weights: PartyWeights }[];
  /** The family's parameters with their ranges and allowed values. */
  family: { name: string; low: number; high: number; allowed?: [number, number]; integer?: boolean; steps?: number }[];
  targetTypes: { name: string; prior: number }[];
  /** Every party's utility of no deal, per type. */
  noDeal: Record<string, Record<string, Estimate>>;
  /** The base scenario as it is. */
  current: { utility: Record<string, Record<string, Estimate>>; acceptance: Acceptance };
  designs: {
    id: string;
    parameters: Record<string, number>;
    utility: Record<string, Record<string, Estimate>>;
    acceptance: Acceptance;
    /** What offering it is worth to each non-target party, not knowing the type. */
    valueOfOffering: Record<string, Estimate>;
    /** Types for which the design is in the zone of possible agreement (every party at least its no-deal utility). */
    inZoneFor: string[];
  }[];
  /** Per type: the zone, the Pareto frontier, the Nash and Kalai-Smorodinsky solutions. */
  byType: TypeAnalysis[];
  bestOffer: Record<string, { index: number; id: string; value: Estimate }>;
  bargaining: FamilyBargaining | null;
}

/** Overrides of a negotiation file's bargaining from the command line or a caller. */
export type BargainingOverrides = Partial<Pick<BargainingSpec, 'coalition' | 'target' | 'sessions' | 'seed'>>;

/**
 * The whole negotiation stage for a negotiation file on its base scenario: the family
 * valued by simulation (simulateFamily), who signs which design and the type mix among
 * signers, the value of offering each design, per type the zone of agreement, Pareto
 * frontier, Nash and Kalai-Smorodinsky solutions, and, when the file asks, a bargaining
 * run whose agreed designs are then implemented (bargainOverFamily).
 * @throws NegotiationInputError for a bad family, weights, runs or bargaining; AbortError when cancelled.
 * @example const report = await negotiate(parseNegotiationFile(text), base, { pool });
 */
export async function negotiate(file: NegotiationFile, base: Scenario, options: SimulateOptions & { runsPerDesign?: number; bargaining?: BargainingOverrides } = {}): Promise<NegotiationReport & { simulated: SimulatedFamily }> {
  const sim = await simulateFamily(
    { base, family: file.family, runsPerDesign: options.runsPerDesign ?? file.runsPerDesign, masterSeed: file.masterSeed, utility: file.utility, noDeal: file.noDeal },
    options,
  );
  const bargaining = file.bargaining ? await bargainOverFamily(sim, base, { ...file.bargaining, ...definedOnly(options.bargaining ?? {}) }, options) : null;
  return { ...reportOf(file.name, base, sim, bargaining), simulated: sim };
}

/** The report of a simulated family (and a bargaining run, if any): pure, no runs. */
export function reportOf(name: string, base: Scenario, sim: SimulatedFamily, bargaining: FamilyBargaining | null = null): NegotiationReport {
  const t = sim.table;
  const a = analyseFamily(t);
  const zoneOf = a.byType.map((b) => new Set(b.zone.map((z) => z.index)));
  const tp = t.targetParty;
  return {
    format: 'relief-lab/negotiation@1',
    name,
    scenarioName: base.metadata.name,
    runsPerDesign: sim.runsPerDesign,
    masterSeed: sim.masterSeed,
    parties: sim.parties,
    family: sim.resolved.family.parameters,
    targetTypes: t.targetTypes,
    noDeal: t.outsideOption,
    current: {
      utility: sim.current.utility,
      acceptance: acceptance(t.targetTypes.map((ty) => ({ type: ty.name, prior: ty.prior, utility: sim.current.utility[tp][ty.name], outsideOption: t.outsideOption[tp][ty.name] }))),
    },
    designs: t.designs.map((d, i) => ({
      id: d.design.id,
      parameters: d.design.parameters,
      utility: d.utility,
      acceptance: a.designs[i].acceptance,
      valueOfOffering: a.designs[i].valueOfOffering,
      inZoneFor: a.byType.filter((_, k) => zoneOf[k].has(i)).map((b) => b.type),
    })),
    byType: a.byType,
    bestOffer: a.bestOffer,
    bargaining,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
