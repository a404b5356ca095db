import { licenceLapsing, type CompiledScenario } from '../compile.ts';
import { accessNow, flagProbabilityIfViolating } from '../detection.ts';
import { PURPOSE, type Chance } from '../chance.ts';
import type { RunState } from '../state.ts';
import { computePressure, type Pressure } from './pressure.ts';
import { splitAid, type AidFlows } from '../actors/aid/split.ts';
import { triggerProbability } from '../actors/coalition/vote.ts';
import { clamp01 } from './shocks.ts';
import { leverageNow, type LeverageReading } from '../deterrence/leverage.ts';
import type { DeterrenceScratch } from '../deterrence/stakes.ts';

/** The aid agency's budgets this period, in kUSD: the carve-out (0 if lapsed or withheld) and the relief-linked channel. */
export function aidBudgets(c: CompiledScenario, s: RunState, t: number, pr: Pressure, ch: Chance, out: { carveOut: number; reliefLinked: number }): void {
  const h = c.humanitarian;
  const stalemate = s.disputeOpen || s.collapsed;
  if (h.sunsetReviewPeriods > 0 && t > 0 && t % h.sunsetReviewPeriods === 0) {
    // Exemptions sunset at each review; a review held during a stalemate may lapse.
    s.carveOutLapsed = stalemate && ch.uniform(PURPOSE.sunsetLapse, 0, t) < h.lapseProbabilityInStalemate;
  }
  const carveOpen = !s.carveOutLapsed && (h.nonDiscretionary || !stalemate);
  out.carveOut = carveOpen ? (h.carveOutByPeriod ? h.carveOutByPeriod[t] : h.carveOutAidPerPeriod) : 0;
  out.reliefLinked = h.reliefLinkedAidPerPeriod * (1 - pr.inForce);
}

/**
 * The licensed share lifted, each licence weighted by its real chance of not being
 * renewed if the target violated now: a flag read before the licence's expiry (the
 * detection module's chance per inspection, over the inspections whose reports arrive
 * in time) spoils its renewal. A licence that has become permanent counts as lifted
 * relief under the trigger rule instead (world/pressure.ts).
 */
function licenceThreat(c: CompiledScenario, s: RunState, t: number): number {
  let threat = 0;
  const d = flagProbabilityIfViolating(c, accessNow(c, s.accessMult));
  for (let k = 0; k < c.nTranches; k++) {
    if (s.trState[k] !== 1 || t < s.trEffectiveFrom[k] || !licenceLapsing(c, k, s.trRenewals[k])) continue;
    // Inspections from now whose reports are read by the expiry period.
    const window = s.trLicenceExpiry[k] - t - 1 - c.verification.reportLagPeriods;
    const inspections = window <= 0 ? 0 : Math.ceil(window / c.verification.inspectionIntervalPeriods);
    threat += c.tranchePain[k] * c.trancheReliability[k] * (1 - Math.pow(1 - d, inspections));
  }
  return threat;
}

/**
 * Leverage at the target's decision this period, before its action takes effect: the
 * relief its most tempting breach would cost it, as a share of the full package
 * (deterrence/leverage.ts), and the ceiling, the relief the deal still gives. Called by
 * the engine every period (0 once collapsed); the world step zeroes both if the deal
 * collapses during the period.
 */
export function recordLeverage(c: CompiledScenario, s: RunState, t: number, x: DeterrenceScratch, reading: LeverageReading): void {
  leverageNow(c, s, x, reading);
  s.facts.leverage[t] = reading.share;
  s.facts.leverageCeiling[t] = reading.ceiling;
}

/**
 * End of period: aid flows (as the aid agency allocated them), evasion, compliance
 * indices, domestic politics, leverage, the target's payoff, and the record.
 */
export function worldStep(c: CompiledScenario, s: RunState, t: number, ch: Chance, pr: Pressure, aid: AidFlows, budget: { carveOut: number; reliefLinked: number }): void {
  const h = c.humanitarian;
  computePressure(c, s, t, pr);
  splitAid(budget.carveOut * s.carveOutShare + budget.reliefLinked * s.reliefLinkedShare, h.leakage, h.chill, ch, t, aid);
  const reliefShare = 1 - pr.inForce;
  const need = h.baselineNeedPerPeriod * (1 + h.needRiseWithPain * pr.pain) * s.crisisMult;
  const effective = aid.delivered * h.targetingEfficiency;
  const needMet = need > 0 ? Math.min(1, effective / need) : 1;
  s.cumulativeUnmet += Math.max(0, need - effective);
  s.totalDiverted += aid.diverted;
  s.needMetSum += needMet;

  if (s.thirdPartyActive) {
    const tp = c.thirdParty;
    s.evasion = Math.min(tp.maxEvasion, s.evasion + tp.evasionGrowthPerPeriod + tp.evasionFromDefection * (1 - pr.cohesion));
  }

  let trueC = 0;
  let reported = 0;
  let verified = 0;
  // The compliance cost is paid on each benchmark's level by its own share of the type's
  // cost (its weight unless complianceCostWeight says otherwise: then the same sum as trueC).
  let costIndex = 0;
  for (let b = 0; b < c.nBenchmarks; b++) {
    const w = c.benchWeight[b];
    const req = Math.max(1e-12, c.benchRequired[b]);
    const done = Math.min(1, s.level[b] / req);
    trueC += w * done;
    costIndex += c.benchCostShare[b] * done;
    reported += w * Math.min(1, s.claimed[b] / req);
    verified += w * Math.min(1, s.verified[b] / req);
  }
  // Normalised weights can sum to 1 + 1 ulp; a share must not.
  trueC = Math.min(1, trueC);
  costIndex = Math.min(1, costIndex);
  reported = Math.min(1, reported);
  verified = Math.min(1, verified);

  // Hardliners gain when verified compliance goes unrewarded or pain is high, and
  // lose ground as relief reaches people; public reporting adds legitimacy to relief.
  const dp = c.politics;
  s.hardliner = clamp01(s.hardliner + dp.riseWhenUnrewarded * Math.max(0, verified - reliefShare) + dp.riseWithPain * pr.pain - dp.fallWithRelief * dp.legitimacy * 0.5 * (needMet + reliefShare));

  // The mechanical leverage index (a component of the record; leverage itself is in the
  // target's utility, recordLeverage): pain still imposed (relief still on offer) plus the
  // credible threat to take back what was lifted. Once the deal has collapsed nothing is
  // conditional any more: both are 0, so a collapsed deal never scores above the same deal
  // holding.
  const snapback = s.collapsed ? 0 : triggerProbability(s.roll, s.posterior[0]) * s.capacity;
  const threat = s.collapsed ? 0 : pr.cohesionInDeal * (pr.liftedDiscretionary * snapback + licenceThreat(c, s, t));
  if (pr.liftedDiscretionary > 0) s.capacity *= 1 - c.consequences.capacityErosionPerPeriod;

  // Target payoff this period (utility units, relative to no deal under full sanctions).
  const type = s.type;
  const relief = (type.reliefValuePerPeriod + c.investmentAssurancePerPeriod) * s.commodityMult * (1 - pr.pain);
  let cheatGain = 0;
  // Domestic politics shifts the target's payoffs: hardliner influence h raises the gain
  // from cheating, g (1 + m h) in magnitude, and that of the programme pursued openly after
  // defiance; the target's plan values both the same way (deterrence/plan.ts).
  const m = c.politics.cheatGainMultiplier * s.hardliner;
  const g = type.cheatGainPerPeriod + m * Math.abs(type.cheatGainPerPeriod);
  for (let b = 0; b < c.nBenchmarks; b++) if (s.cheating[b]) cheatGain += c.benchGainShare[b] * g;
  if (s.defied) cheatGain += type.defianceGainPerPeriod + m * Math.abs(type.defianceGainPerPeriod);
  const publicInterval = c.verification.publicReportIntervalPeriods;
  const published = publicInterval > 0 && t % publicInterval === 0 ? s.reputationalDue : 0;
  const u = relief + (s.compliedAll ? c.technicalAssistancePerPeriod : 0) - type.complianceCostPerPeriod * costIndex + cheatGain - published + s.pendingPayout;
  s.targetUtility += c.discountPow[t] * u;
  if (published > 0) s.reputationalDue = 0;
  s.pendingPayout = 0;

  // Full relief means every tranche in force and delivered, not merely released.
  let allInForce = c.nTranches > 0;
  for (let k = 0; k < c.nTranches; k++) if (s.trState[k] !== 1 || t < s.trEffectiveFrom[k]) allInForce = false;
  if (allInForce && s.fullReliefPeriod < 0) s.fullReliefPeriod = t;

  let escrow = 0;
  for (let k = 0; k < c.nTranches; k++) escrow += s.escrowBal[k];
  const f = s.facts;
  f.trueCompliance[t] = trueC;
  f.reportedCompliance[t] = reported;
  f.verifiedCompliance[t] = verified;
  f.inForce[t] = pr.inForce;
  f.cohesion[t] = pr.cohesion;
  f.evasion[t] = s.evasion;
  f.pain[t] = s.collapsed ? 0 : pr.pain;
  f.threat[t] = threat;
  if (s.collapsed) {
    // A collapse during the period (open defiance, a full response) ends what was conditional.
    f.leverage[t] = 0;
    f.leverageCeiling[t] = 0;
  }
  f.snapback[t] = snapback;
  f.belief[t] = s.posterior[0];
  f.hardliner[t] = s.hardliner;
  f.needMet[t] = needMet;
  f.need[t] = need;
  f.aidSent[t] = aid.sent;
  f.aidDelivered[t] = aid.delivered;
  f.aidDiverted[t] = aid.diverted;
  f.aidUndelivered[t] = aid.undelivered;
  f.cumulativeUnmet[t] = s.cumulativeUnmet;
  f.escrow[t] = escrow;
}
