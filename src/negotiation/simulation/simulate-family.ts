import type { Experiment } from '../../experiments/experiment.ts';
import type { ExperimentPool } from '../../experiments/pool.ts';
import { runExperiment, type RowSink } from '../../experiments/run.ts';
import { scenarioFingerprint } from '../../montecarlo/seeds.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';
import { TARGET_TYPES, type Scenario, type TargetTypeName } from '../../scenario/schema.ts';
import type { DesignPoint } from '../design-family.ts';
import { NegotiationInputError } from '../errors.ts';
import type { Estimate } from '../estimate.ts';
import { validateUtilityTable, type UtilityTable } from '../utility-table.ts';
import { designScenario, familyDesigns, noDealScenario, resolveFamily, type ResolvedFamily } from './design-space.ts';
import { partyWeights, UTILITY_METRICS, type PartyUtilities, type PartyWeights } from './party-utility.ts';
import { MomentsBuilder, utilityEstimate, type DesignMoments } from './type-moments.ts';

/** Most runs per design: a zone of 100 designs at this is already 10^8 runs. */
export const MAX_RUNS_PER_DESIGN = 1_000_000;

/** What to simulate: a base scenario, a family of designs over it, the runs, and each party's weights. */
export interface FamilySpec {
  base: Scenario;
  /** The design family (see resolveFamily for its parameters). */
  family: unknown;
  /** Runs of every design (and of no deal, and of the base scenario as it is); run i of each uses the seed "<masterSeed>/<i>". */
  runsPerDesign: number;
  masterSeed: number;
  utility?: Partial<PartyUtilities>;
  /** Levers that set the no-deal world apart from the base (see noDealScenario). */
  noDeal?: { levers?: Record<string, number | boolean | string> };
}

/** A design's simulated moments, keyed by what determines them; pass the same map again and those designs are not run again. */
export type MomentsCache = Map<string, DesignMoments>;

export interface SimulateOptions {
  pool?: ExperimentPool;
  signal?: AbortSignal;
  /** Runs done of runs requested (cached designs count as done), at least every 100 ms while runs go on, and at the end. */
  onProgress?: (p: { runsDone: number; runsRequested: number }) => void;
  cache?: MomentsCache;
}

/** A family valued by simulation, ready for the negotiation stage. */
export interface SimulatedFamily {
  /** The family's designs and the outside option (no deal), every party's utility per target type with its SE. */
  table: UtilityTable;
  /** The base scenario as it is, valued the same way: the current design, marked on charts. */
  current: { design: DesignPoint; utility: Record<string, Record<string, Estimate>> };
  /** Each party's weights, as used. */
  parties: { party: string; weights: PartyWeights }[];
  /** The family checked against the scenario (allowed ranges filled in). */
  resolved: ResolvedFamily;
  runsPerDesign: number;
  masterSeed: number;
  /** Moments of no deal, the current design, then each design in table order: the table for other weights without new runs (reweight). */
  moments: { noDeal: DesignMoments; current: DesignMoments; designs: DesignMoments[] };
}

/** The key of a design's moments: its scenario, the runs and the seed, and the version of the simulator. */
export function momentsKey(scenario: Scenario, runs: number, masterSeed: number): string {
  return scenarioFingerprint({ scenario, runs, masterSeed, version: RELIEF_LAB_VERSION, metrics: UTILITY_METRICS });
}

/**
 * Values every design of a family by simulation: each design, the outside option (no deal:
 * no relief, sanctions stay, evasion grows) and the base scenario as it is, each run
 * `runsPerDesign` times on common random numbers (run i of each uses the seed
 * "<masterSeed>/<i>", so their differences are paired) through the experiments layer
 * (runExperiment, on `options.pool`), and every party's expected utility per target type
 * (the runs that drew that type, each weighed by the party's weights) with its Monte Carlo
 * SE. Types with prior 0 are left out. Designs found in `options.cache` are not run again.
 *
 * Deterministic: the same spec gives the same table, whatever the pool or the cache.
 * @throws NegotiationInputError for a bad family, weights or run count, or a type with
 *   prior > 0 drawn in fewer than 2 runs of a design; DOMException AbortError when cancelled
 *   (the designs finished stay in the cache); ExperimentRunError when a run throws.
 * @example
 *   const sim = await simulateFamily({ base, family: { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1 }] }, runsPerDesign: 500, masterSeed: 1 });
 *   analyseFamily(sim.table).designs[0].acceptance.signingProbability
 */
export async function simulateFamily(spec: FamilySpec, options: SimulateOptions = {}): Promise<SimulatedFamily> {
  const runs = spec.runsPerDesign;
  if (!(Number.isInteger(runs) && runs >= 2 && runs <= MAX_RUNS_PER_DESIGN)) throw new NegotiationInputError('runsPerDesign', `${String(runs)} is not a whole number in [2, ${MAX_RUNS_PER_DESIGN}]`);
  if (!(Number.isInteger(spec.masterSeed) && spec.masterSeed >= 0 && spec.masterSeed <= Number.MAX_SAFE_INTEGER)) throw new NegotiationInputError('masterSeed', `${String(spec.masterSeed)} is not a whole number in [0, 2^53)`);
  const parties = partyWeights(spec.base, spec.utility);
  const resolved = resolveFamily(spec.base, spec.family);
  const designs = familyDesigns(resolved);
  const scenarios = [noDealScenario(spec.base, spec.noDeal?.levers), spec.base, ...designs.map((d) => designScenario(spec.base, resolved, d))];
  const moments = await simulateScenarios(scenarios, runs, spec.masterSeed, options);
  const [noDeal, current, ...rest] = moments;
  const table = tableFrom(spec.base, parties, designs, noDeal, rest);
  const utilityOf = (m: DesignMoments) => utilities(parties, table.targetTypes.map((t) => t.name) as TargetTypeName[], m, 'current design');
  return {
    table,
    current: { design: { id: 'current', parameters: {} }, utility: utilityOf(current) },
    parties,
    resolved,
    runsPerDesign: runs,
    masterSeed: spec.masterSeed,
    moments: { noDeal, current, designs: rest },
  };
}

/**
 * The utility table of a simulated family under other weights, without running anything:
 * utilities are linear in the outcomes, whose moments are kept.
 * @throws NegotiationInputError for bad weights.
 */
export function reweight(sim: SimulatedFamily, base: Scenario, utility: Partial<PartyUtilities>): SimulatedFamily {
  const parties = partyWeights(base, utility);
  const designs = sim.table.designs.map((d) => d.design);
  const table = tableFrom(base, parties, designs, sim.moments.noDeal, sim.moments.designs);
  const types = table.targetTypes.map((t) => t.name) as TargetTypeName[];
  return { ...sim, parties, table, current: { ...sim.current, utility: utilities(parties, types, sim.moments.current, 'current design') } };
}

function tableFrom(base: Scenario, parties: { party: string; weights: PartyWeights }[], designs: DesignPoint[], noDeal: DesignMoments, moments: DesignMoments[]): UtilityTable {
  const types = TARGET_TYPES.filter((t) => base.target.typePrior[t] > 0);
  const table: UtilityTable = {
    parties: parties.map((p) => p.party),
    targetParty: 'target',
    targetTypes: types.map((t) => ({ name: t, prior: base.target.typePrior[t] })),
    designs: designs.map((design, i) => ({ design, utility: utilities(parties, types, moments[i], `design ${design.id}`) })),
    outsideOption: utilities(parties, types, noDeal, 'no deal'),
  };
  // Priors of a validated scenario sum to 1 within its own tolerance; renormalise so the table's check (1e-9) holds exactly as the scenario meant.
  const total = table.targetTypes.reduce((s, t) => s + t.prior, 0);
  table.targetTypes = table.targetTypes.map((t) => ({ ...t, prior: t.prior / total }));
  return validateUtilityTable(table);
}

function utilities(parties: { party: string; weights: PartyWeights }[], types: readonly TargetTypeName[], m: DesignMoments, what: string): Record<string, Record<string, Estimate>> {
  const out: Record<string, Record<string, Estimate>> = {};
  for (const { party, weights } of parties) {
    out[party] = {};
    for (const t of types) {
      const e = utilityEstimate(m, t, weights);
      if (e.runs < 2) throw new NegotiationInputError('runsPerDesign', `only ${e.runs} run(s) of ${what} drew the ${t} type; give more runs per design so that every type with a prior above 0 is drawn at least twice`);
      out[party][t] = { mean: e.mean, se: e.se };
    }
  }
  return out;
}

/**
 * Simulates whole scenarios `runs` times each on common random numbers and returns each
 * one's moments (UTILITY_METRICS by target type), in order. Scenarios in `options.cache`
 * are not run again; a scenario listed twice is run once.
 * @throws DOMException AbortError when cancelled; ExperimentRunError when a run throws.
 */
export async function simulateScenarios(scenarios: readonly Scenario[], runs: number, masterSeed: number, options: SimulateOptions = {}): Promise<DesignMoments[]> {
  const cache = options.cache ?? new Map<string, DesignMoments>();
  const keys = scenarios.map((s) => momentsKey(s, runs, masterSeed));
  const todo: number[] = [];
  const queued = new Set<string>();
  keys.forEach((k, i) => {
    if (!cache.has(k) && !queued.has(k)) {
      queued.add(k);
      todo.push(i);
    }
  });
  const requested = scenarios.length * runs;
  const cached = requested - todo.length * runs;
  if (todo.length > 0) {
    const e: Experiment = {
      name: 'negotiation: designs valued by simulation',
      description: `${todo.length} designs`,
      base: scenarios[todo[0]],
      design: { parameters: [], values: todo.map(() => []) },
      pointScenarios: todo.map((i) => scenarios[i]),
      runsPerPoint: runs,
      masterSeed,
      outcomes: [...UTILITY_METRICS],
    };
    const sink: RowSink = {
      begin() {},
      point(rows) {
        const b = new MomentsBuilder();
        const { width, realised } = rows.layout;
        const typeAt = realised.findIndex((c) => c.name === 'targetType');
        const first = realised.length;
        for (let r = 0; r < rows.runs; r++) b.add(rows.records[r * width + typeAt], rows.records.subarray(r * width + first, r * width + first + UTILITY_METRICS.length));
        cache.set(keys[todo[rows.point]], b.build());
      },
    };
    await runExperiment(e, {
      sink,
      keepSummaries: false,
      ...(options.pool ? { pool: options.pool } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!({ runsDone: cached + p.runsDone, runsRequested: requested }) } : {}),
    });
    // Cancelled: runExperiment returns the points finished (in the cache now) and stops.
    if (todo.some((i) => !cache.has(keys[i]))) throw new DOMException('cancelled', 'AbortError');
  } else options.onProgress?.({ runsDone: requested, runsRequested: requested });
  return keys.map((k) => cache.get(k)!);
}
