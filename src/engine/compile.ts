import type { Scenario, ShockKind, TargetType } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { TRIGGER } from './agents/coalition.ts';

/**
 * A scenario turned into flat arrays once, so that the per-period loop reads numbers
 * by index and allocates nothing. Everything here is derived from the scenario
 * alone; nothing depends on the seed.
 */
export interface CompiledScenario {
  scenario: Scenario;
  horizon: number;
  nBenchmarks: number;
  nTranches: number;
  nMembers: number;
  /** Benchmark weights normalised to sum to 1. */
  benchWeight: Float64Array;
  benchRequired: Float64Array;
  benchVerifiability: Float64Array;
  benchInitial: Float64Array;
  benchDeadline: Int32Array; // -1: none
  benchStart: Int32Array;
  /** Share of total sanctions pain each tranche lifts (sum over categories of lift x painWeight). */
  tranchePain: Float64Array;
  trancheRequired: Float64Array;
  trancheSustained: Int32Array;
  trancheEarliest: Int32Array;
  trancheDelivery: Uint8Array; // 0 lift, 1 escrow, 2 licence
  trancheLicence: Int32Array;
  tranchePermanentAfter: Int32Array;
  trancheDelay: Int32Array;
  trancheReliability: Float64Array;
  trancheSustainFromEarliest: Uint8Array;
  /** Chance per period of the tranche's outside clearance (1: none needed). */
  trancheClearanceHazard: Float64Array;
  /** Expected periods from earliestPeriod (or now, if later) to the clearance: (1 - h) / h, rounded; 0 with no condition. */
  trancheClearanceWait: Int32Array;
  /** Minimum belief in sincerity for release: 0 for automatic tranches. */
  trancheReleaseBelief: Float64Array;
  /** trancheBench[t * nBenchmarks + b] = 1 if tranche t needs benchmark b verified. */
  trancheBench: Uint8Array;
  /** atRisk[b * nTranches + t] = 1 if a violation of b re-imposes tranche t. */
  atRisk: Uint8Array;
  memberWeight: Float64Array;
  memberCost: Float64Array;
  memberHawk: Float64Array;
  memberVoteCeiling: Float64Array;
  memberResolveErosion: Float64Array;
  /** The consequence's trigger rule as a TRIGGER index (read every period). */
  triggerRule: number;
  types: TargetType[];
  typePrior: Float64Array;
  assumedViolation: Float64Array;
  /** delta^k for k in [0, 2 * horizon + 64], so discounting in the loop is a lookup. */
  discountPow: Float64Array;
  leakage: number;
  targetingEfficiency: number;
  chill: number;
  shockKind: ShockKind[];
  /** Per shock: a regime change's own type prior, or null (the target's prior). */
  shockTypePrior: (Float64Array | null)[];
}

export const DELIVERY = { lift: 0, escrow: 1, licence: 2 } as const;

/** A period no run reaches (Int32 max): a clearance that never comes. */
export const NEVER_PERIOD = 0x7fffffff;

export function compileScenario(scenario: Scenario): CompiledScenario {
  const d = scenario.design;
  const nB = d.benchmarks.length;
  const nT = d.tranches.length;
  const benchIndex = new Map(d.benchmarks.map((b, i) => [b.id, i]));
  const painOf = new Map(d.categories.map((c) => [c.id, c.painWeight]));
  const totalWeight = d.benchmarks.reduce((s, b) => s + b.weight, 0);

  const trancheBench = new Uint8Array(nT * nB);
  d.tranches.forEach((t, ti) => t.benchmarks.forEach((id) => (trancheBench[ti * nB + benchIndex.get(id)!] = 1)));

  const atRisk = new Uint8Array(nB * nT);
  for (let b = 0; b < nB; b++) {
    for (let t = 0; t < nT; t++) {
      // Proportional response re-imposes what the violated benchmark bought; a benchmark
      // that bought nothing puts every tranche at risk (nothing else could answer it).
      const tied = d.tranches.some((_, ti) => trancheBench[ti * nB + b] === 1);
      atRisk[b * nT + t] = d.consequences.response === 'full' || !tied || trancheBench[t * nB + b] === 1 ? 1 : 0;
    }
  }

  const h = d.humanitarian;
  const safeguards = [h.ringFencedAccounts, h.thirdPartyMonitoring, h.civilSocietyVetting].filter(Boolean).length;
  const delta = scenario.target.discountFactor;
  const discountPow = new Float64Array(2 * scenario.horizonPeriods + 65);
  discountPow[0] = 1;
  for (let k = 1; k < discountPow.length; k++) discountPow[k] = discountPow[k - 1] * delta;

  return {
    scenario,
    horizon: scenario.horizonPeriods,
    nBenchmarks: nB,
    nTranches: nT,
    nMembers: scenario.coalition.members.length,
    benchWeight: Float64Array.from(d.benchmarks, (b) => (totalWeight > 0 ? b.weight / totalWeight : 1 / nB)),
    benchRequired: Float64Array.from(d.benchmarks, (b) => b.requiredLevel),
    benchVerifiability: Float64Array.from(d.benchmarks, (b) => b.verifiability),
    benchInitial: Float64Array.from(d.benchmarks, (b) => b.initialLevel),
    benchDeadline: Int32Array.from(d.benchmarks, (b) => b.deadlinePeriod ?? -1),
    benchStart: Int32Array.from(d.benchmarks, (b) => b.startPeriod),
    tranchePain: Float64Array.from(d.tranches, (t) =>
      Object.entries(t.lifts).reduce((s, [c, share]) => s + share * (painOf.get(c) ?? 0), 0),
    ),
    trancheRequired: Float64Array.from(d.tranches, (t) => t.requiredLevel),
    trancheSustained: Int32Array.from(d.tranches, (t) => t.sustainedPeriods),
    trancheEarliest: Int32Array.from(d.tranches, (t) => t.earliestPeriod),
    trancheDelivery: Uint8Array.from(d.tranches, (t) => DELIVERY[t.delivery]),
    trancheLicence: Int32Array.from(d.tranches, (t) => t.licencePeriods),
    tranchePermanentAfter: Int32Array.from(d.tranches, (t) => t.permanentAfterRenewals),
    trancheDelay: Int32Array.from(d.tranches, (t) => t.deliveryDelayPeriods),
    trancheReliability: Float64Array.from(d.tranches, (t) => t.deliveryReliability),
    trancheSustainFromEarliest: Uint8Array.from(d.tranches, (t) => (t.sustainedFromEarliest ? 1 : 0)),
    trancheClearanceHazard: Float64Array.from(d.tranches, (t) => t.clearanceHazardPerPeriod),
    trancheClearanceWait: Int32Array.from(d.tranches, (t) =>
      t.clearanceHazardPerPeriod >= 1 ? 0 : t.clearanceHazardPerPeriod <= 0 ? NEVER_PERIOD : Math.round((1 - t.clearanceHazardPerPeriod) / t.clearanceHazardPerPeriod),
    ),
    trancheReleaseBelief: Float64Array.from(d.tranches, (t) => (t.releaseRule === 'discretionary' ? t.releaseBeliefThreshold : 0)),
    trancheBench,
    atRisk,
    memberWeight: Float64Array.from(scenario.coalition.members, (m) => m.weight),
    memberCost: Float64Array.from(scenario.coalition.members, (m) => m.costPerPeriod),
    memberHawk: Float64Array.from(scenario.coalition.members, (m) => m.hawkishness),
    memberVoteCeiling: Float64Array.from(scenario.coalition.members, (m) => m.maxVoteProbability),
    memberResolveErosion: Float64Array.from(scenario.coalition.members, (m) => m.resolveErosionPerPeriod),
    triggerRule: TRIGGER[d.consequences.trigger],
    types: TARGET_TYPES.map((t) => scenario.target.types[t]),
    typePrior: Float64Array.from(TARGET_TYPES, (t) => scenario.target.typePrior[t]),
    assumedViolation: Float64Array.from(TARGET_TYPES, (t) => scenario.coalition.assumedViolationRate[t]),
    discountPow,
    leakage: h.baseLeakage * Math.pow(1 - h.safeguardEffectiveness, safeguards),
    // Needs-based targeting: aid that reaches the most vulnerable meets more need per kUSD.
    targetingEfficiency: h.needsBasedTargeting ? 1 : 0.75,
    chill: h.overComplianceAtZeroClarity * (1 - h.exemptionClarity),
    shockKind: scenario.shocks.map((s) => s.kind),
    shockTypePrior: scenario.shocks.map((s) => (s.typePrior ? Float64Array.from(TARGET_TYPES, (t) => s.typePrior![t]) : null)),
  };
}
