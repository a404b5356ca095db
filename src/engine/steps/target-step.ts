import type { CompiledScenario } from '../compile.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import type { Rng } from '../rng.ts';
import { TRANCHE, type RunState } from '../state.ts';
import { beliefAfterFlag, triggerProbability } from '../agents/coalition.ts';
import { ACTION, type TargetPolicy } from '../agents/target.ts';
import { valueGap, type DeterrenceInputs } from '../deterrence.ts';
import { collapse } from './collapse.ts';
import { publicReporting } from './coalition-step.ts';
import type { Pressure } from '../pressure.ts';

/**
 * The target's turn: for each benchmark, advance / hold (comply) or covertly
 * backslide (cheat), and whether to game its statistics; or openly defy once
 * hardliners dominate. A strategic target cures a benchmark under dispute.
 */
export function targetStep(c: CompiledScenario, s: RunState, t: number, rng: Rng, policy: TargetPolicy, pr: Pressure, x: DeterrenceInputs): void {
  const B = c.nBenchmarks;
  const type = s.type;
  s.compliedAll = true;
  if (s.collapsed) {
    // No deal left: nothing is maintained; levels decay openly.
    for (let b = 0; b < B; b++) {
      s.cheating[b] = 0;
      s.level[b] = Math.max(0, s.level[b] - type.backslideRatePerPeriod);
      s.claimed[b] = s.level[b];
    }
    s.compliedAll = false;
    return;
  }
  const strategic = policy.meta.usesValues;
  if (s.hardliner >= type.defianceThreshold && strategic) return defy(c, s, t);
  const cred = strategic ? consequenceCredibility(c, s) : 0;
  if (strategic) fillTrancheStakes(c, s, t, pr, cred);
  for (let b = 0; b < B; b++) {
    let action: number;
    if (strategic && s.disputeOpen && s.disputeBench[b]) action = ACTION.comply;
    else {
      const gap = strategic ? valueGap(fillDeterrence(c, s, b, x, cred)) : 0;
      action = policy.decide(gap, t, rng);
    }
    if (action === ACTION.defy) return defy(c, s, t);
    if (action === ACTION.comply) comply(c, s, b, t);
    else cheat(c, s, t, b, rng);
  }
}

function comply(c: CompiledScenario, s: RunState, b: number, t: number): void {
  s.cheating[b] = 0;
  const goal = Math.max(c.benchRequired[b], s.restoreTarget[b]);
  if (s.level[b] < goal && t >= c.benchStart[b]) s.level[b] = Math.min(goal, s.level[b] + s.type.implementationRatePerPeriod);
  if (s.level[b] >= s.claimed[b] - 1e-12) {
    s.claimed[b] = s.level[b];
    s.hidden[b] = 0;
  }
  s.restoreTarget[b] = Math.max(s.restoreTarget[b], Math.min(s.level[b], c.benchRequired[b]));
}

function cheat(c: CompiledScenario, s: RunState, t: number, b: number, rng: Rng): void {
  s.cheating[b] = 1;
  s.compliedAll = false;
  s.level[b] = Math.max(0, s.level[b] - s.type.backslideRatePerPeriod);
  // Gamed statistics keep the claim; an honest report shows the drop.
  if (!(rng() < s.type.gamingPropensity)) s.claimed[b] = s.level[b];
  s.hidden[b] = 1;
  s.emit(t, E.violation, 'violation', c.scenario.design.benchmarks[b].id);
}

function defy(c: CompiledScenario, s: RunState, t: number): void {
  s.emit(t, E.defiance, 'defiance', '');
  for (let b = 0; b < c.nBenchmarks; b++) s.cheating[b] = 0;
  s.compliedAll = false;
  collapse(c, s, t, 'defiance');
}

/** Detection chance per period the target faces on benchmark b when it cheats. */
export function detectionPerPeriod(c: CompiledScenario, s: RunState, b: number): number {
  const v = c.scenario.design.verification;
  const access = v.access * s.accessMult;
  const inspected = v.detectionProbability * access * c.benchVerifiability[b];
  const crossCheck = v.crossChecks ? v.crossCheckDetectionProbability * access : 0;
  const gamed = 1 - (1 - inspected) * (1 - crossCheck);
  // An honest report of backsliding is seen at the next inspection the inspectors can make.
  const honest = access > 0 ? 1 : 0;
  const g = s.type.gamingPropensity;
  return (g * gamed + (1 - g) * honest) / v.inspectionIntervalPeriods;
}

/**
 * Credibility of a discretionary re-imposition if the target were caught now: the
 * trigger rule's chance of firing at the belief a flagged report would leave,
 * times the re-imposition capacity left after erosion. The same for every benchmark.
 */
export function consequenceCredibility(c: CompiledScenario, s: RunState): number {
  const v = c.scenario.design.verification;
  const access = v.access * s.accessMult;
  const pModel = 1 - (1 - v.detectionProbability * access) * (1 - (v.crossChecks ? v.crossCheckDetectionProbability * access : 0));
  const beliefIfCaught = beliefAfterFlag(s.posterior, c.assumedViolation, pModel, v.falseAlarmProbability);
  return triggerProbability(s.roll, beliefIfCaught) * s.capacity;
}

/**
 * What a consequence could take from the target this period, tranche by tranche:
 * tranches in force, tranches still to come (discounted to their expected release)
 * and escrow balances, each with the credibility of taking it (a lapsing licence
 * needs no decision). The same for every benchmark, so it is worked out once per
 * period; fillDeterrence then sums the tranches each benchmark puts at risk.
 * Revoked and blocked tranches have nothing left to take (stakeLive 0).
 */
export function fillTrancheStakes(c: CompiledScenario, s: RunState, t: number, pr: Pressure, credDiscretionary: number): void {
  const d = c.scenario.design;
  const T = c.nTranches;
  const B = c.nBenchmarks;
  const type = s.type;
  const delta = c.scenario.target.discountFactor;
  const relief = (type.reliefValuePerPeriod + d.incentives.investmentAssurancePerPeriod) * s.commodityMult * pr.cohesionInDeal;
  const lag = d.verification.reportLagPeriods;
  for (let k = 0; k < T; k++) {
    const state = s.trState[k];
    s.stakeLive[k] = state === TRANCHE.revoked || state === TRANCHE.blocked ? 0 : 1;
    if (!s.stakeLive[k]) continue;
    // A licence lapses without a decision, until it has become permanent.
    const lapsing = c.trancheDelivery[k] === 2 && (c.tranchePermanentAfter[k] === 0 || s.trRenewals[k] < c.tranchePermanentAfter[k]);
    s.stakeCred[k] = lapsing ? 1 : credDiscretionary;
    const delivered = relief * c.tranchePain[k] * c.trancheReliability[k];
    let value = 0;
    if (state === TRANCHE.inForce) value = t >= s.trEffectiveFrom[k] ? delivered : delivered * c.discountPow[Math.min(s.trEffectiveFrom[k] - t, c.discountPow.length - 1)];
    else {
      // Expected release: when the slowest needed benchmark can reach the level, is
      // verified after the lag and held for the sustained periods; not before earliest.
      let reach = 0;
      for (let j = 0; j < B; j++) {
        if (!c.trancheBench[k * B + j]) continue;
        const gapLevel = c.trancheRequired[k] - s.level[j];
        if (gapLevel > 1e-12) reach = Math.max(reach, Math.max(0, c.benchStart[j] - t) + Math.ceil(gapLevel / Math.max(1e-6, type.implementationRatePerPeriod)));
      }
      // A clearance not yet given is expected (1 - h) / h periods after the earliest period, or after now if that is later.
      const opens = t >= s.trClearedAt[k] ? c.trancheEarliest[k] : Math.max(c.trancheEarliest[k], t) + c.trancheClearanceWait[k];
      // A clock that starts at the earliest period cannot have run before it.
      const held = c.trancheSustainFromEarliest[k] ? Math.max(c.trancheEarliest[k] - t, reach + lag + 1) + c.trancheSustained[k] : reach + lag + 1 + c.trancheSustained[k];
      const eta = Math.min(c.discountPow.length - 1, Math.max(opens - t, reach + lag + 1 + c.trancheSustained[k], held) + c.trancheDelay[k]);
      value = delivered * c.discountPow[eta] + (1 - delta) * s.escrowBal[k];
    }
    s.stakeValue[k] = value;
  }
}

/**
 * Fills the deterrence inputs for benchmark b from the design, the state and this
 * period's tranche stakes (fillTrancheStakes, called first): the relief at stake is
 * what a violation of b would take, plus assistance, weighted by credibility.
 */
export function fillDeterrence(c: CompiledScenario, s: RunState, b: number, x: DeterrenceInputs, credDiscretionary: number): DeterrenceInputs {
  const d = c.scenario.design;
  const cons = d.consequences;
  const T = c.nTranches;
  const type = s.type;
  const delta = c.scenario.target.discountFactor;
  const p = detectionPerPeriod(c, s, b);
  const lag = d.verification.reportLagPeriods;
  let stake = 0;
  let weighted = 0;
  for (let k = 0; k < T; k++) {
    if (!c.atRisk[b * T + k] || !s.stakeLive[k]) continue;
    const value = s.stakeValue[k];
    stake += value * s.stakeCred[k];
    weighted += value;
  }
  stake += d.incentives.technicalAssistancePerPeriod * credDiscretionary;
  weighted += d.incentives.technicalAssistancePerPeriod;
  const credibility = weighted > 0 ? stake / weighted : credDiscretionary;
  // A re-imposition of D periods costs the stake for D periods only.
  if (cons.reimpositionPeriods > 0) stake *= 1 - c.discountPow[Math.min(cons.reimpositionPeriods, c.discountPow.length - 1)];
  const k = cons.thresholdViolations;
  x.discountFactor = delta;
  x.detectionPerPeriod = p;
  x.thresholdFactor = s.strikeCount + 1 >= k ? 1 : Math.pow(p, k - 1 - s.strikeCount);
  x.stakePerPeriod = stake;
  x.credibility = credibility;
  x.punishmentDelayPeriods = lag + cons.disputeWindowPeriods;
  x.delayDiscount = c.discountPow[Math.min(x.punishmentDelayPeriods, c.discountPow.length - 1)];
  x.reputationalCost = publicReporting(c) ? d.reviews.reputationalCostPerDetection : 0;
  // Hardliner influence pushes the gain from cheating up, whatever its sign.
  const g = type.cheatGainPerPeriod;
  x.cheatGain = c.benchWeight[b] * (g + c.scenario.target.domesticPolitics.cheatGainMultiplier * s.hardliner * Math.abs(g));
  return x;
}
