import type { Scenario, ShockKind, TargetType } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';

/**
 * A scenario turned into numbers once, so that the per-period loop reads levers by
 * index and allocates nothing. Every lever the steps read is here: no step reads
 * `scenario.*` itself (docs/architecture.md has the table from each lever to the
 * files that read it). Nothing here depends on the seed.
 */

export const DELIVERY = { lift: 0, escrow: 1, licence: 2 } as const;
export const TRIGGER = { automatic: 0, majority: 1, unanimity: 2, discretionary: 3, unilateral: 4, none: 5 } as const;
export const SHOCK = { regimeChange: 0, election: 1, commodityPrice: 2, humanitarianCrisis: 3, thirdPartyEntry: 4, accessDenial: 5, memberExit: 6, snapback: 7, policyChange: 8, domesticCrisis: 9 } as const satisfies Record<ShockKind, number>;

/** A period no run reaches (Int32 max): a clearance that never comes. */
export const NEVER_PERIOD = 0x7fffffff;

export interface CompiledVerification {
  access: number;
  inspectionIntervalPeriods: number;
  detectionProbability: number;
  falseAlarmProbability: number;
  reportLagPeriods: number;
  /** Chance a cross-check exposes gamed statistics at full access (0 without cross-checks). */
  crossCheckProbability: number;
  publicReportIntervalPeriods: number;
}

export interface CompiledConsequences {
  trigger: number;
  thresholdViolations: number;
  thresholdWindowReports: number;
  /** Full response: every tranche at risk, and a permanent one ends the deal. */
  responseFull: boolean;
  reimpositionPeriods: number;
  disputeWindowPeriods: number;
  capacityErosionPerPeriod: number;
  discretionaryBeliefThreshold: number;
  /** A cure needs the disputed benchmark at its required level, not merely the violation stopped. */
  cureNeedsRequiredLevel: boolean;
}

export interface CompiledHumanitarian {
  baselineNeedPerPeriod: number;
  needRiseWithPain: number;
  carveOutAidPerPeriod: number;
  reliefLinkedAidPerPeriod: number;
  nonDiscretionary: boolean;
  sunsetReviewPeriods: number;
  lapseProbabilityInStalemate: number;
  /** Carve-out in kUSD per period, one entry per period, or null: carveOutAidPerPeriod throughout. */
  carveOutByPeriod: Float64Array | null;
  /** Leakage share after safeguards. */
  leakage: number;
  /** Need met per kUSD delivered (needs-based targeting reaches the most vulnerable). */
  targetingEfficiency: number;
  /** Share of the rest never delivered because unclear exemptions chill trade. */
  chill: number;
}

export interface CompiledShock {
  kind: number;
  name: ShockKind;
  atPeriod: number; // -1: by hazard
  hazardPerPeriod: number;
  magnitude: number;
  durationPeriods: number;
  member: number; // -1: none
  easeOnExit: boolean;
  /** Snapback: its own dispute window, or -1 for the design's. */
  disputeWindowPeriods: number;
  /** Regime change: the new government's type prior, or null (the target's prior). */
  typePrior: Float64Array | null;
  /** Election: the policy of the member's new government, or null (unchanged). */
  policy: { name: string; params: Record<string, unknown> } | null;
  /** Index of the earlier shock this one follows (-1: none), its delay and chance. */
  followsShock: number;
  followDelayPeriods: number;
  followProbability: number;
  /** Policy change: 1 per tranche it concerns (every tranche by default), and the share of the member's part it moves. */
  policyTranches: Uint8Array;
  policyShare: number;
}

/** Open, partial non-performance (target.openShortfalls): when, on which benchmarks, at what level. */
export interface CompiledShortfall {
  /** 1 per benchmark held short. */
  bench: Uint8Array;
  heldLevel: number;
  /** First period, or -1 when it follows a shock. */
  atPeriod: number;
  /** The shock it follows (index), or -1. */
  followsShock: number;
  followDelayPeriods: number;
  /** 0: to the end of the horizon. */
  durationPeriods: number;
}

export interface CompiledScenario {
  scenario: Scenario;
  horizon: number;
  nBenchmarks: number;
  nTranches: number;
  nMembers: number;
  benchmarkIds: string[];
  trancheIds: string[];
  memberIds: string[];
  /** Benchmark weights normalised to sum to 1. */
  benchWeight: Float64Array;
  benchRequired: Float64Array;
  benchVerifiability: Float64Array;
  benchInitial: Float64Array;
  benchDeadline: Int32Array; // -1: none
  benchStart: Int32Array;
  /** Verified level due at the deadline (requiredLevel unless the benchmark sets deadlineLevel). */
  benchDeadlineLevel: Float64Array;
  /** Level certified at the start (initialLevel unless initialCertifiedLevel is set). */
  benchInitialCertified: Float64Array;
  /** 1: a one-off condition, settled for good once verified at its required level. */
  benchOneOff: Uint8Array;
  anyOneOff: boolean;
  /** A benchmark's own implementation rate (level per period, for every type); -1: the type's (implementationRate). */
  benchRate: Float64Array;
  /** Share of each type's complianceCostPerPeriod the benchmark carries at its required level (benchWeight unless complianceCostWeight is set). */
  benchCostShare: Float64Array;
  /** Share of each type's cheatGainPerPeriod a violation of the benchmark brings (benchWeight unless cheatGainWeight is set). */
  benchGainShare: Float64Array;
  /**
   * Escrow held by the target's side (design.targetEscrow), or null: the amount (utility),
   * the deposit period, and per release its tranche index, share and expiry (-1: never).
   */
  targetEscrow: { amount: number; depositPeriod: number; tranche: Int32Array; share: Float64Array; expiresAt: Int32Array } | null;
  /** Open shortfalls of the target (empty unless target.openShortfalls is given). */
  openShortfalls: CompiledShortfall[];
  /** Share of total sanctions pain each tranche lifts (sum over categories of lift x painWeight). */
  tranchePain: Float64Array;
  trancheRequired: Float64Array;
  trancheSustained: Int32Array;
  trancheEarliest: Int32Array;
  trancheDelivery: Uint8Array; // DELIVERY
  trancheLicence: Int32Array;
  tranchePermanentAfter: Int32Array;
  trancheDelay: Int32Array;
  trancheReliability: Float64Array;
  trancheSustainFromEarliest: Uint8Array;
  /** Chance per period of the tranche's outside clearance (1: none needed). */
  trancheClearanceHazard: Float64Array;
  /** Expected periods from earliestPeriod (or now, if later) to the clearance: (1 - h) / h, rounded; 0 with no condition. */
  trancheClearanceWait: Int32Array;
  /** Licence: verified gain per benchmark between renewals (0: a clean record suffices). */
  trancheRenewalProgress: Float64Array;
  trancheWindDown: Int32Array;
  trancheLapseWait: Int32Array;
  /** Licence: 1 if only a flag on a benchmark it names spoils its renewal. */
  trancheSpoiledByTied: Uint8Array;
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
  memberVotesAfterEasing: Uint8Array;
  /** Share of its own part of a tranche a member takes back on a breach re-imposition (1: all). */
  memberBreachShare: Float64Array;
  /** Some member's measures can differ from the joint tranche state (a narrower breach response, a policy change, a tranche for some members only). */
  memberScoped: boolean;
  /** Weight of the members whose measures tranche k lifts (1 when it lifts everyone's). */
  trancheMemberWeight: Float64Array;
  /**
   * Per member and tranche (m * nTranches + k): the pain of the member's own measures the
   * tranche lifts, on the scale where members' weighted sum is the package (tranchePain
   * unless categories name their holders), and each member's own full package (1 unless).
   */
  memberTranchePain: Float64Array;
  memberFull: Float64Array;
  /** memberHold at the start (m * nTranches + k): 1 where tranche k does not lift member m's measures. */
  memberHoldInitial: Float64Array;
  /** Each member's resolve as stated: a fixed value (low = high) or a uniform range. */
  memberResolveLow: Float64Array;
  memberResolveHigh: Float64Array;
  collapseCohesion: number;
  types: TargetType[];
  typePrior: Float64Array;
  assumedViolation: Float64Array;
  /** The belief model's stated rates per type (coalition.assumedBehaviour), and whether types' plans supply them instead. */
  assumedStart: Float64Array;
  assumedRestore: Float64Array;
  beliefFromPlan: boolean;
  discountFactor: number;
  rationality: number;
  politics: { riseWhenUnrewarded: number; riseWithPain: number; fallWithRelief: number; cheatGainMultiplier: number; legitimacy: number };
  /** delta^k for k in [0, 2 * horizon + 64], so discounting in the loop is a lookup. */
  discountPow: Float64Array;
  verification: CompiledVerification;
  consequences: CompiledConsequences;
  humanitarian: CompiledHumanitarian;
  technicalAssistancePerPeriod: number;
  investmentAssurancePerPeriod: number;
  reviewIntervalPeriods: number;
  /** A detection becomes public: public reporting on, and a public report cadence. */
  publicDetections: boolean;
  reputationalCostPerDetection: number;
  thirdParty: { enabledAtStart: boolean; evasionGrowthPerPeriod: number; evasionFromDefection: number; maxEvasion: number; initialEvasion: number };
  shocks: CompiledShock[];
}

/**
 * A licence still lapsing: tranche k is a time-limited licence that has not yet been
 * renewed often enough to become permanent (`renewals` so far). A lapsing licence needs
 * no decision to end, so it counts as fully credible in the target's reckoning and with
 * its chance of non-renewal in leverage.
 */
export function licenceLapsing(c: CompiledScenario, k: number, renewals: number): boolean {
  return c.trancheDelivery[k] === DELIVERY.licence && (c.tranchePermanentAfter[k] === 0 || renewals < c.tranchePermanentAfter[k]);
}

/**
 * Level per period a complying target of `type` adds to benchmark b: the benchmark's own
 * rate if it sets one (the time a task takes is the task's), else the type's.
 */
export function implementationRate(c: CompiledScenario, type: TargetType, b: number): number {
  const own = c.benchRate[b];
  return own >= 0 ? own : type.implementationRatePerPeriod;
}

/** Relative weights normalised to sum to 1 (equal parts if they sum to 0), as benchmark weights are. */
function normalisedShares(weights: number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  return Float64Array.from(weights, (w) => (total > 0 ? w / total : 1 / weights.length));
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  const d = scenario.design;
  const nB = d.benchmarks.length;
  const nT = d.tranches.length;
  const benchIndex = new Map(d.benchmarks.map((b, i) => [b.id, i]));
  const memberIds = scenario.coalition.members.map((m) => m.id);
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
  const v = d.verification;
  const cons = d.consequences;
  const safeguards = [h.ringFencedAccounts, h.thirdPartyMonitoring, h.civilSocietyVetting].filter(Boolean).length;
  const delta = scenario.target.discountFactor;
  const discountPow = new Float64Array(2 * scenario.horizonPeriods + 65);
  discountPow[0] = 1;
  for (let k = 1; k < discountPow.length; k++) discountPow[k] = discountPow[k - 1] * delta;
  const dp = scenario.target.domesticPolitics;
  const resolveBounds = scenario.coalition.members.map((m) => (typeof m.resolve === 'number' ? [m.resolve, m.resolve] : m.resolve.uniform));

  return {
    scenario,
    horizon: scenario.horizonPeriods,
    nBenchmarks: nB,
    nTranches: nT,
    nMembers: memberIds.length,
    benchmarkIds: d.benchmarks.map((b) => b.id),
    trancheIds: d.tranches.map((t) => t.id),
    memberIds,
    benchWeight: Float64Array.from(d.benchmarks, (b) => (totalWeight > 0 ? b.weight / totalWeight : 1 / nB)),
    benchRequired: Float64Array.from(d.benchmarks, (b) => b.requiredLevel),
    benchVerifiability: Float64Array.from(d.benchmarks, (b) => b.verifiability),
    benchInitial: Float64Array.from(d.benchmarks, (b) => b.initialLevel),
    benchDeadline: Int32Array.from(d.benchmarks, (b) => b.deadlinePeriod ?? -1),
    benchStart: Int32Array.from(d.benchmarks, (b) => b.startPeriod),
    benchDeadlineLevel: Float64Array.from(d.benchmarks, (b) => b.deadlineLevel ?? b.requiredLevel),
    benchInitialCertified: Float64Array.from(d.benchmarks, (b) => b.initialCertifiedLevel ?? b.initialLevel),
    benchOneOff: Uint8Array.from(d.benchmarks, (b) => (b.oneOff ? 1 : 0)),
    anyOneOff: d.benchmarks.some((b) => b.oneOff),
    benchRate: Float64Array.from(d.benchmarks, (b) => b.implementationRatePerPeriod ?? -1),
    benchCostShare: normalisedShares(d.benchmarks.map((b) => b.complianceCostWeight ?? b.weight)),
    benchGainShare: normalisedShares(d.benchmarks.map((b) => b.cheatGainWeight ?? b.weight)),
    targetEscrow: d.targetEscrow
      ? {
          amount: d.targetEscrow.amount,
          depositPeriod: d.targetEscrow.depositPeriod,
          tranche: Int32Array.from(d.targetEscrow.releases, (r) => d.tranches.findIndex((t) => t.id === r.tranche)),
          share: Float64Array.from(d.targetEscrow.releases, (r) => r.share),
          expiresAt: Int32Array.from(d.targetEscrow.releases, (r) => r.expiresAtPeriod ?? -1),
        }
      : null,
    openShortfalls: scenario.target.openShortfalls.map((o) => ({
      bench: Uint8Array.from(d.benchmarks, (b) => (o.benchmarks === undefined || o.benchmarks.includes(b.id) ? 1 : 0)),
      heldLevel: o.heldLevel,
      atPeriod: o.atPeriod ?? -1,
      followsShock: o.followsShock ?? -1,
      followDelayPeriods: o.followDelayPeriods,
      durationPeriods: o.durationPeriods,
    })),
    tranchePain: Float64Array.from(d.tranches, (t) => Object.entries(t.lifts).reduce((s, [c, share]) => s + share * (painOf.get(c) ?? 0), 0)),
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
    trancheRenewalProgress: Float64Array.from(d.tranches, (t) => t.renewalProgress),
    trancheWindDown: Int32Array.from(d.tranches, (t) => t.windDownPeriods),
    trancheLapseWait: Int32Array.from(d.tranches, (t) => t.lapseWaitPeriods),
    trancheSpoiledByTied: Uint8Array.from(d.tranches, (t) => (t.spoiledBy === 'tiedBenchmarks' && t.benchmarks.length > 0 ? 1 : 0)),
    trancheReleaseBelief: Float64Array.from(d.tranches, (t) => (t.releaseRule === 'discretionary' ? t.releaseBeliefThreshold : 0)),
    trancheBench,
    atRisk,
    memberWeight: Float64Array.from(scenario.coalition.members, (m) => m.weight),
    memberCost: Float64Array.from(scenario.coalition.members, (m) => m.costPerPeriod),
    memberHawk: Float64Array.from(scenario.coalition.members, (m) => m.hawkishness),
    memberVoteCeiling: Float64Array.from(scenario.coalition.members, (m) => m.maxVoteProbability),
    memberResolveErosion: Float64Array.from(scenario.coalition.members, (m) => m.resolveErosionPerPeriod),
    memberVotesAfterEasing: Uint8Array.from(scenario.coalition.members, (m) => (m.votesAfterEasing ? 1 : 0)),
    memberBreachShare: Float64Array.from(scenario.coalition.members, (m) => m.breachReimpositionShare),
    memberScoped:
      scenario.coalition.members.some((m) => m.breachReimpositionShare < 1) ||
      scenario.shocks.some((k) => k.kind === 'policyChange') ||
      d.tranches.some((t) => t.members !== undefined) ||
      d.categories.some((cat) => cat.members !== undefined),
    ...memberPackages(scenario),
    trancheMemberWeight: Float64Array.from(d.tranches, (t) =>
      t.members === undefined ? 1 : scenario.coalition.members.reduce((w, m) => w + (t.members!.includes(m.id) ? m.weight : 0), 0),
    ),
    memberHoldInitial: Float64Array.from({ length: memberIds.length * nT }, (_, i) => {
      const t = d.tranches[i % nT];
      return t.members === undefined || t.members.includes(memberIds[Math.floor(i / nT)]) ? 0 : 1;
    }),
    memberResolveLow: Float64Array.from(resolveBounds, (r) => r[0]),
    memberResolveHigh: Float64Array.from(resolveBounds, (r) => r[1]),
    collapseCohesion: scenario.coalition.collapseCohesion,
    types: TARGET_TYPES.map((t) => scenario.target.types[t]),
    typePrior: Float64Array.from(TARGET_TYPES, (t) => scenario.target.typePrior[t]),
    assumedViolation: Float64Array.from(TARGET_TYPES, (t) => scenario.coalition.assumedViolationRate[t]),
    ...assumedBehaviour(scenario),
    discountFactor: delta,
    rationality: scenario.target.rationality,
    politics: {
      riseWhenUnrewarded: dp.riseWhenUnrewardedPerPeriod,
      riseWithPain: dp.riseWithPainPerPeriod,
      fallWithRelief: dp.fallWithReliefPerPeriod,
      cheatGainMultiplier: dp.cheatGainMultiplier,
      // Public reporting lends relief domestic legitimacy.
      legitimacy: d.reviews.publicReporting ? 1.25 : 1,
    },
    discountPow,
    verification: {
      access: v.access,
      inspectionIntervalPeriods: v.inspectionIntervalPeriods,
      detectionProbability: v.detectionProbability,
      falseAlarmProbability: v.falseAlarmProbability,
      reportLagPeriods: v.reportLagPeriods,
      crossCheckProbability: v.crossChecks ? v.crossCheckDetectionProbability : 0,
      publicReportIntervalPeriods: v.publicReportIntervalPeriods,
    },
    consequences: {
      trigger: TRIGGER[cons.trigger],
      thresholdViolations: cons.thresholdViolations,
      thresholdWindowReports: cons.thresholdWindowReports,
      responseFull: cons.response === 'full',
      reimpositionPeriods: cons.reimpositionPeriods,
      disputeWindowPeriods: cons.disputeWindowPeriods,
      capacityErosionPerPeriod: cons.capacityErosionPerPeriod,
      discretionaryBeliefThreshold: cons.discretionaryBeliefThreshold,
      cureNeedsRequiredLevel: cons.cureRequires === 'requiredLevel',
    },
    humanitarian: {
      baselineNeedPerPeriod: h.baselineNeedPerPeriod,
      needRiseWithPain: h.needRiseWithPain,
      carveOutAidPerPeriod: h.carveOutAidPerPeriod,
      reliefLinkedAidPerPeriod: h.reliefLinkedAidPerPeriod,
      nonDiscretionary: h.nonDiscretionary,
      sunsetReviewPeriods: h.sunsetReviewPeriods,
      lapseProbabilityInStalemate: h.lapseProbabilityInStalemate,
      carveOutByPeriod: carveOutByPeriod(h.carveOutAidPerPeriod, h.carveOutSchedule, scenario.horizonPeriods),
      leakage: h.baseLeakage * Math.pow(1 - h.safeguardEffectiveness, safeguards),
      targetingEfficiency: h.needsBasedTargeting ? 1 : 0.75,
      chill: h.overComplianceAtZeroClarity * (1 - h.exemptionClarity),
    },
    technicalAssistancePerPeriod: d.incentives.technicalAssistancePerPeriod,
    investmentAssurancePerPeriod: d.incentives.investmentAssurancePerPeriod,
    reviewIntervalPeriods: d.reviews.intervalPeriods,
    publicDetections: d.reviews.publicReporting && v.publicReportIntervalPeriods > 0,
    reputationalCostPerDetection: d.reviews.reputationalCostPerDetection,
    thirdParty: {
      enabledAtStart: scenario.thirdParty.enabled,
      evasionGrowthPerPeriod: scenario.thirdParty.evasionGrowthPerPeriod,
      evasionFromDefection: scenario.thirdParty.evasionFromDefection,
      maxEvasion: scenario.thirdParty.maxEvasion,
      initialEvasion: scenario.thirdParty.initialEvasion,
    },
    shocks: scenario.shocks.map((k) => ({
      kind: SHOCK[k.kind],
      name: k.kind,
      atPeriod: k.atPeriod ?? -1,
      hazardPerPeriod: k.hazardPerPeriod ?? 0,
      magnitude: k.magnitude,
      durationPeriods: k.durationPeriods,
      member: k.member === undefined ? -1 : memberIds.indexOf(k.member),
      easeOnExit: k.mode === 'ease',
      disputeWindowPeriods: k.disputeWindowPeriods ?? -1,
      typePrior: k.typePrior ? Float64Array.from(TARGET_TYPES, (t) => k.typePrior![t]) : null,
      policy: k.policy ?? null,
      followsShock: k.followsShock ?? -1,
      followDelayPeriods: k.followDelayPeriods,
      followProbability: k.followProbability,
      policyTranches: Uint8Array.from(d.tranches, (t) => (k.tranches === undefined || k.tranches.includes(t.id) ? 1 : 0)),
      policyShare: k.share,
    })),
  };
}

/**
 * Who carries each category's pain: its holders (categories[].members, default every
 * member) in proportion to their weights, so a_mc = painWeight_c / W_c for a holder (W_c
 * the holders' weight) and 0 otherwise, and sum_m w_m a_mc = painWeight_c.
 */
/** The belief model's per-type rates: a stated start rate defaults to assumedViolationRate, a restore rate to 1 - start (no persistence). */
function assumedBehaviour(scenario: Scenario): { assumedStart: Float64Array; assumedRestore: Float64Array; beliefFromPlan: boolean } {
  const a = scenario.coalition.assumedBehaviour;
  const assumedStart = Float64Array.from(TARGET_TYPES, (t) => a[t].startPerPeriod ?? scenario.coalition.assumedViolationRate[t]);
  const assumedRestore = Float64Array.from(TARGET_TYPES, (t, i) => a[t].restorePerPeriod ?? 1 - assumedStart[i]);
  return { assumedStart, assumedRestore, beliefFromPlan: a.source === 'plan' };
}

function memberPackages(scenario: Scenario): { memberTranchePain: Float64Array; memberFull: Float64Array } {
  const d = scenario.design;
  const members = scenario.coalition.members;
  const M = members.length;
  const T = d.tranches.length;
  const share = new Map<string, Float64Array>();
  for (const cat of d.categories) {
    const holds = members.map((m) => cat.members === undefined || cat.members.includes(m.id));
    const W = members.reduce((w, m, i) => w + (holds[i] ? m.weight : 0), 0);
    share.set(cat.id, Float64Array.from(members, (_, i) => (cat.members === undefined ? cat.painWeight : holds[i] && W > 0 ? cat.painWeight / W : 0)));
  }
  const memberTranchePain = new Float64Array(M * T);
  const memberFull = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    for (const a of share.values()) memberFull[m] += a[m];
    d.tranches.forEach((t, k) => {
      memberTranchePain[m * T + k] = Object.entries(t.lifts).reduce((x, [cat, lift]) => x + lift * (share.get(cat)?.[m] ?? 0), 0);
    });
  }
  // Without holders named, each member's package is the whole package (exactly 1).
  if (d.categories.every((cat) => cat.members === undefined)) memberFull.fill(1);
  return { memberTranchePain, memberFull };
}

/** The carve-out of each period from its schedule: steps from their fromPeriod, the base amount before the first. */
function carveOutByPeriod(base: number, schedule: { fromPeriod: number; aidPerPeriod: number }[], horizon: number): Float64Array | null {
  if (schedule.length === 0) return null;
  const steps = [...schedule].sort((a, b) => a.fromPeriod - b.fromPeriod);
  const out = new Float64Array(horizon).fill(base);
  for (const step of steps) for (let t = step.fromPeriod; t < horizon; t++) out[t] = step.aidPerPeriod;
  return out;
}
