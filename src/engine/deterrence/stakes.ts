import { licenceLapsing, type CompiledScenario } from '../compile.ts';
import type { TargetType } from '../../scenario/schema.ts';
import { newVoteRoll, triggerProbability, type VoteRoll } from '../actors/coalition/vote.ts';
import { beliefAfterFlag } from '../actors/coalition/belief.ts';
import { accessNow, falseAlarmProbability, flagProbabilityIfViolating, targetDetectionPerPeriod } from '../detection.ts';
import { valueGap, type DeterrenceInputs } from './margin.ts';

/**
 * The target's deterrence inputs from a narrow, read-only view of a design and a
 * moment: nothing here writes to a run. The engine passes its run state (which has
 * these fields); the design audit can build a view from a design alone
 * (`scheduledView`). Scratch space belongs to the caller.
 */
export interface DeterrenceView {
  readonly period: number;
  readonly type: TargetType;
  readonly hardliner: number;
  readonly level: ArrayLike<number>;
  /** TRANCHE codes (state.ts): pending, inForce, revoked, blocked. */
  readonly trState: ArrayLike<number>;
  readonly trEffectiveFrom: ArrayLike<number>;
  readonly trRenewals: ArrayLike<number>;
  readonly trClearedAt: ArrayLike<number>;
  readonly escrowBal: ArrayLike<number>;
  readonly strikeCount: number;
  readonly capacity: number;
  readonly accessMult: number;
  readonly commodityMult: number;
  readonly cohesionInDeal: number;
  readonly posterior: ArrayLike<number>;
}

/** The caller's scratch: per-tranche stakes, the deterrence inputs, and a vote roll over the view's voting members. */
export interface DeterrenceScratch {
  stakeValue: Float64Array;
  stakeCred: Float64Array;
  stakeLive: Uint8Array;
  inputs: DeterrenceInputs;
  roll: VoteRoll;
}

const PENDING = 0;
const IN_FORCE = 1;

export function newDeterrenceScratch(c: CompiledScenario, roll?: VoteRoll): DeterrenceScratch {
  const T = c.nTranches;
  return {
    stakeValue: new Float64Array(T),
    stakeCred: new Float64Array(T),
    stakeLive: new Uint8Array(T),
    inputs: {} as DeterrenceInputs,
    roll: roll ?? newVoteRoll(c.consequences.trigger, c.consequences.discretionaryBeliefThreshold, new Uint8Array(c.nMembers).fill(1), c.memberWeight, c.memberHawk, c.memberVoteCeiling),
  };
}

/**
 * Credibility of a discretionary re-imposition if the target were caught now: the
 * trigger rule's chance of firing at the belief a flagged report would leave, times
 * the re-imposition capacity left after erosion. The same for every benchmark.
 */
export function consequenceCredibility(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch): number {
  const access = accessNow(c, v.accessMult);
  const beliefIfCaught = beliefAfterFlag(v.posterior, c.assumedViolation, flagProbabilityIfViolating(c, access), falseAlarmProbability(c));
  return triggerProbability(x.roll, beliefIfCaught) * v.capacity;
}

/**
 * What a consequence could take from the target now, tranche by tranche: tranches in
 * force, tranches still to come (discounted to their expected release) and escrow
 * balances, each with the credibility of taking it (a lapsing licence needs no
 * decision). Revoked and blocked tranches have nothing left to take.
 */
export function fillTrancheStakes(c: CompiledScenario, v: DeterrenceView, credDiscretionary: number, x: DeterrenceScratch): void {
  const T = c.nTranches;
  const B = c.nBenchmarks;
  const t = v.period;
  const type = v.type;
  const relief = (type.reliefValuePerPeriod + c.investmentAssurancePerPeriod) * v.commodityMult * v.cohesionInDeal;
  const lag = c.verification.reportLagPeriods;
  const maxPow = c.discountPow.length - 1;
  for (let k = 0; k < T; k++) {
    const state = v.trState[k];
    const live = state === PENDING || state === IN_FORCE;
    x.stakeLive[k] = live ? 1 : 0;
    if (!live) continue;
    const lapsing = licenceLapsing(c, k, v.trRenewals[k]);
    x.stakeCred[k] = lapsing ? 1 : credDiscretionary;
    const delivered = relief * c.tranchePain[k] * c.trancheReliability[k];
    let value: number;
    if (state === IN_FORCE) value = t >= v.trEffectiveFrom[k] ? delivered : delivered * c.discountPow[Math.min(v.trEffectiveFrom[k] - t, maxPow)];
    else {
      // Expected release: when the slowest needed benchmark can reach the level, is
      // verified after the lag and held for the sustained periods; not before earliest.
      let reach = 0;
      for (let j = 0; j < B; j++) {
        if (!c.trancheBench[k * B + j]) continue;
        const gapLevel = c.trancheRequired[k] - v.level[j];
        if (gapLevel > 1e-12) reach = Math.max(reach, Math.max(0, c.benchStart[j] - t) + Math.ceil(gapLevel / Math.max(1e-6, type.implementationRatePerPeriod)));
      }
      // A clearance not yet given is expected (1 - h) / h periods after the earliest period, or after now if that is later.
      const opens = t >= v.trClearedAt[k] ? c.trancheEarliest[k] : Math.max(c.trancheEarliest[k], t) + c.trancheClearanceWait[k];
      const held = c.trancheSustainFromEarliest[k] ? Math.max(c.trancheEarliest[k] - t, reach + lag + 1) + c.trancheSustained[k] : reach + lag + 1 + c.trancheSustained[k];
      const eta = Math.min(maxPow, Math.max(opens - t, reach + lag + 1 + c.trancheSustained[k], held) + c.trancheDelay[k]);
      value = delivered * c.discountPow[eta] + (1 - c.discountFactor) * v.escrowBal[k];
    }
    x.stakeValue[k] = value;
  }
}

/** Deterrence inputs for benchmark b from this moment's tranche stakes (fillTrancheStakes first). */
export function fillDeterrence(c: CompiledScenario, v: DeterrenceView, b: number, credDiscretionary: number, x: DeterrenceScratch): DeterrenceInputs {
  const cons = c.consequences;
  const T = c.nTranches;
  const maxPow = c.discountPow.length - 1;
  const p = targetDetectionPerPeriod(c, b, accessNow(c, v.accessMult), v.type.gamingPropensity);
  let stake = 0;
  let weighted = 0;
  for (let k = 0; k < T; k++) {
    if (!c.atRisk[b * T + k] || !x.stakeLive[k]) continue;
    stake += x.stakeValue[k] * x.stakeCred[k];
    weighted += x.stakeValue[k];
  }
  stake += c.technicalAssistancePerPeriod * credDiscretionary;
  weighted += c.technicalAssistancePerPeriod;
  const credibility = weighted > 0 ? stake / weighted : credDiscretionary;
  // A re-imposition of D periods costs the stake for D periods only.
  if (cons.reimpositionPeriods > 0) stake *= 1 - c.discountPow[Math.min(cons.reimpositionPeriods, maxPow)];
  const k = cons.thresholdViolations;
  const out = x.inputs;
  out.discountFactor = c.discountFactor;
  out.detectionPerPeriod = p;
  out.thresholdFactor = v.strikeCount + 1 >= k ? 1 : Math.pow(p, k - 1 - v.strikeCount);
  out.stakePerPeriod = stake;
  out.credibility = credibility;
  out.punishmentDelayPeriods = c.verification.reportLagPeriods + cons.disputeWindowPeriods;
  out.delayDiscount = c.discountPow[Math.min(out.punishmentDelayPeriods, maxPow)];
  out.reputationalCost = c.publicDetections ? c.reputationalCostPerDetection : 0;
  // Hardliner influence pushes the gain from cheating up, whatever its sign.
  const g = v.type.cheatGainPerPeriod;
  out.cheatGain = c.benchWeight[b] * (g + c.politics.cheatGainMultiplier * v.hardliner * Math.abs(g));
  return out;
}

/** V_comply - V_cheat on every benchmark at this moment, into `out`. */
export function fillValueGaps(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch, out: Float64Array): Float64Array {
  const cred = consequenceCredibility(c, v, x);
  fillTrancheStakes(c, v, cred, x);
  for (let b = 0; b < c.nBenchmarks; b++) out[b] = valueGap(fillDeterrence(c, v, b, cred, x));
  return out;
}

/**
 * A view of the design alone at period `period`, as the audit needs it: the target of
 * type `typeIndex` at its starting levels, no tranche released yet, a united coalition
 * at its prior, full capacity, no shocks.
 */
export function scheduledView(c: CompiledScenario, typeIndex: number, period = 0): DeterrenceView {
  const type = c.types[typeIndex];
  const T = c.nTranches;
  return {
    period,
    type,
    hardliner: type.initialHardlinerInfluence,
    level: c.benchInitial,
    trState: new Uint8Array(T),
    trEffectiveFrom: new Int32Array(T),
    trRenewals: new Int32Array(T),
    trClearedAt: c.trancheEarliest,
    escrowBal: new Float64Array(T),
    strikeCount: 0,
    capacity: 1,
    accessMult: 1,
    commodityMult: 1,
    cohesionInDeal: 1,
    posterior: c.typePrior,
  };
}
