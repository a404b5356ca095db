import type { CompiledScenario } from '../compile.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import type { Rng } from '../rng.ts';
import type { RunState } from '../state.ts';
import { collapse } from './collapse.ts';
import { computePressure, type Pressure } from '../pressure.ts';
import { splitAid, type AidFlows } from '../agents/humanitarian.ts';
import { triggerProbability } from '../agents/coalition.ts';
import { invokeSnapback } from './coalition-step.ts';

/** Draws the type from a prior given as three probabilities. */
export function drawType(prior: Float64Array, rng: Rng): number {
  const u = rng();
  return u < prior[0] ? 0 : u < prior[0] + prior[1] ? 1 : 2;
}

/**
 * Fire-once period of every shock, drawn up front: a scripted shock at its period,
 * a hazard-rate shock at a geometric time (one draw per shock per run instead of
 * one per period). Never: -1.
 */
export function scheduleShocks(c: CompiledScenario, s: RunState, rng: Rng): void {
  c.scenario.shocks.forEach((k, i) => {
    if (k.atPeriod !== undefined) s.shockPeriod[i] = k.atPeriod;
    else {
      const h = k.hazardPerPeriod ?? 0;
      const u = rng();
      const at = h <= 0 ? Infinity : h >= 1 ? 0 : Math.floor(Math.log(1 - u) / Math.log(1 - h));
      s.shockPeriod[i] = at < c.horizon ? at : -1;
    }
  });
}

/** Shocks due this period, and the end of temporary effects. */
export function shockStep(c: CompiledScenario, s: RunState, t: number, rng: Rng): void {
  if (t === s.commodityUntil) s.commodityMult = 1;
  if (t === s.crisisUntil) s.crisisMult = 1;
  if (t === s.accessUntil) s.accessMult = 1;
  const shocks = c.scenario.shocks;
  for (let i = 0; i < shocks.length; i++) {
    if (s.shockPeriod[i] !== t) continue;
    const k = shocks[i];
    const mag = k.magnitude;
    switch (k.kind) {
      case 'regimeChange': {
        // A new government: hardliner influence shifts by the magnitude and the type is redrawn,
        // from its own prior when the scenario gives one. The change is public, so the coalition
        // then starts over from that prior rather than carrying the old government's record.
        const prior = c.shockTypePrior[i];
        s.hardliner = clamp01(s.hardliner + mag);
        s.typeIndex = drawType(prior ?? c.typePrior, rng);
        s.type = c.types[s.typeIndex];
        if (prior) s.posterior.set(prior);
        break;
      }
      case 'election': {
        const m = memberIndex(c, k.member);
        const sign = rng() < 0.5 ? -1 : 1;
        s.hawk[m] = clamp01(s.hawk[m] + sign * Math.abs(mag));
        s.resolve[m] = Math.max(0, s.resolve[m] * (1 + sign * Math.abs(mag)));
        break;
      }
      case 'commodityPrice':
        s.commodityMult = Math.max(0, 1 + mag);
        s.commodityUntil = t + k.durationPeriods;
        break;
      case 'humanitarianCrisis':
        s.crisisMult = Math.max(0, 1 + mag);
        s.crisisUntil = t + k.durationPeriods;
        break;
      case 'thirdPartyEntry':
        s.thirdPartyActive = true;
        s.evasion = Math.min(c.scenario.thirdParty.maxEvasion, s.evasion + Math.max(0, mag) * 0.1);
        break;
      case 'accessDenial':
        s.accessMult = 1 - clamp01(mag);
        s.accessUntil = t + k.durationPeriods;
        break;
      case 'memberExit': {
        const m = memberIndex(c, k.member);
        if (k.mode === 'reimpose') {
          s.exitedAt[m] = t;
          s.exitDuration[m] = k.durationPeriods;
        } else s.aligned[m] = 0;
        s.voting[m] = 0;
        break;
      }
      case 'snapback':
        invokeSnapback(c, s, t, rng, k.disputeWindowPeriods);
        break;
    }
    s.emit(t, E.shock, 'shock', k.kind);
  }
}

/** Members whose cost of keeping sanctions exceeds their resolve ease unilaterally. */
export function membersStep(c: CompiledScenario, s: RunState, t: number, pr: Pressure): void {
  let eased = false;
  for (let m = 0; m < c.nMembers; m++) {
    if (!s.aligned[m] || s.exitedAt[m] >= 0) continue;
    // Sanctions fatigue: resolve wears down period by period.
    if (c.memberResolveErosion[m] > 0) s.resolve[m] *= 1 - c.memberResolveErosion[m];
    if (c.memberCost[m] * pr.inForce * s.commodityMult > s.resolve[m]) {
      s.aligned[m] = 0;
      if (!c.scenario.coalition.members[m].votesAfterEasing) s.voting[m] = 0;
      eased = true;
      s.emit(t, E.defection, 'defection', c.scenario.coalition.members[m].id);
    }
  }
  if (eased) computePressure(c, s, t, pr);
  if (!s.collapsed && pr.cohesion < c.scenario.coalition.collapseCohesion) collapse(c, s, t, 'cohesion');
}

/**
 * End of period: aid flows, evasion, domestic politics, leverage, and the record.
 */
export function worldStep(c: CompiledScenario, s: RunState, t: number, rng: Rng, pr: Pressure, aid: AidFlows): void {
  const sc = c.scenario;
  const h = sc.design.humanitarian;
  computePressure(c, s, t, pr);
  const stalemate = s.disputeOpen || s.collapsed;
  if (h.sunsetReviewPeriods > 0 && t > 0 && t % h.sunsetReviewPeriods === 0) {
    // Exemptions sunset at each review; a review held during a stalemate may lapse.
    s.carveOutLapsed = stalemate && rng() < h.lapseProbabilityInStalemate;
  }
  const carveOpen = !s.carveOutLapsed && (h.nonDiscretionary || !stalemate);
  const reliefShare = 1 - pr.inForce;
  splitAid((carveOpen ? h.carveOutAidPerPeriod : 0) + h.reliefLinkedAidPerPeriod * reliefShare, c.leakage, c.chill, rng, aid);
  const need = h.baselineNeedPerPeriod * (1 + h.needRiseWithPain * pr.pain) * s.crisisMult;
  const effective = aid.delivered * c.targetingEfficiency;
  const needMet = need > 0 ? Math.min(1, effective / need) : 1;
  s.cumulativeUnmet += Math.max(0, need - effective);
  s.totalDiverted += aid.diverted;
  s.needMetSum += needMet;

  if (s.thirdPartyActive) {
    const tp = sc.thirdParty;
    s.evasion = Math.min(tp.maxEvasion, s.evasion + tp.evasionGrowthPerPeriod + tp.evasionFromDefection * (1 - pr.cohesion));
  }

  // Compliance indices.
  let trueC = 0;
  let reported = 0;
  let verified = 0;
  for (let b = 0; b < c.nBenchmarks; b++) {
    const w = c.benchWeight[b];
    trueC += w * Math.min(1, s.level[b] / Math.max(1e-12, c.benchRequired[b]));
    reported += w * Math.min(1, s.claimed[b] / Math.max(1e-12, c.benchRequired[b]));
    verified += w * Math.min(1, s.verified[b] / Math.max(1e-12, c.benchRequired[b]));
  }
  // Normalised weights can sum to 1 + 1 ulp; a share must not.
  trueC = Math.min(1, trueC);
  reported = Math.min(1, reported);
  verified = Math.min(1, verified);

  // Hardliners gain when verified compliance goes unrewarded or pain is high, and
  // lose ground as relief reaches people; public reporting adds legitimacy to relief.
  const dp = sc.target.domesticPolitics;
  const legitimacy = sc.design.reviews.publicReporting ? 1.25 : 1;
  s.hardliner = clamp01(
    s.hardliner + dp.riseWhenUnrewardedPerPeriod * Math.max(0, verified - reliefShare) + dp.riseWithPainPerPeriod * pr.pain - dp.fallWithReliefPerPeriod * legitimacy * 0.5 * (needMet + reliefShare),
  );

  // Leverage: pain still imposed plus the credible threat to re-impose what was lifted.
  const cons = sc.design.consequences;
  const trigger = s.collapsed ? 0 : triggerProbability(s.roll, s.posterior[0]);
  const snapback = trigger * s.capacity;
  const threat = s.collapsed ? 0 : pr.cohesionInDeal * (pr.liftedDiscretionary * snapback + pr.liftedLicence);
  const liftedAny = pr.liftedDiscretionary > 0;
  if (liftedAny) s.capacity *= 1 - cons.capacityErosionPerPeriod;

  // Target payoff this period (utility units, relative to no deal under full sanctions).
  const type = s.type;
  const relief = (type.reliefValuePerPeriod + sc.design.incentives.investmentAssurancePerPeriod) * s.commodityMult * (1 - pr.pain);
  let cheatGain = 0;
  for (let b = 0; b < c.nBenchmarks; b++) if (s.cheating[b]) cheatGain += c.benchWeight[b] * type.cheatGainPerPeriod;
  const publicInterval = sc.design.verification.publicReportIntervalPeriods;
  const published = publicInterval > 0 && t % publicInterval === 0 ? s.reputationalDue : 0;
  const u = relief + (s.compliedAll ? sc.design.incentives.technicalAssistancePerPeriod : 0) - type.complianceCostPerPeriod * trueC + cheatGain - published + s.pendingPayout;
  s.targetUtility += c.discountPow[t] * u;
  if (published > 0) s.reputationalDue = 0;
  s.pendingPayout = 0;

  let allInForce = c.nTranches > 0;
  // Full relief means every tranche in force and delivered, not merely released.
  for (let k = 0; k < c.nTranches; k++) if (s.trState[k] !== 1 || t < s.trEffectiveFrom[k]) allInForce = false;
  if (allInForce && s.fullReliefPeriod < 0) s.fullReliefPeriod = t;

  let escrow = 0;
  for (let k = 0; k < c.nTranches; k++) escrow += s.escrowBal[k];
  const ser = s.series;
  ser.trueCompliance[t] = trueC;
  ser.reportedCompliance[t] = reported;
  ser.verifiedCompliance[t] = verified;
  ser.sanctionsInForce[t] = pr.inForce;
  ser.reliefInForce[t] = reliefShare;
  ser.cohesion[t] = pr.cohesion;
  ser.evasion[t] = s.evasion;
  ser.leveragePain[t] = pr.pain;
  ser.leverageThreat[t] = threat;
  ser.leverage[t] = Math.min(1, pr.pain + threat);
  ser.snapbackCredibility[t] = s.collapsed ? 0 : snapback;
  ser.belief[t] = s.posterior[0];
  ser.hardlinerInfluence[t] = s.hardliner;
  ser.needMet[t] = needMet;
  ser.leakage[t] = aid.sent > 0 ? aid.diverted / aid.sent : 0;
  ser.need[t] = need;
  ser.aidSent[t] = aid.sent;
  ser.aidDelivered[t] = aid.delivered;
  ser.aidDiverted[t] = aid.diverted;
  ser.aidUndelivered[t] = aid.undelivered;
  ser.cumulativeUnmetNeed[t] = s.cumulativeUnmet;
  ser.escrowBalance[t] = escrow;
}

function memberIndex(c: CompiledScenario, id: string | undefined): number {
  return Math.max(0, c.scenario.coalition.members.findIndex((m) => m.id === id));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
