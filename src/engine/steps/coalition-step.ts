import { NEVER_PERIOD, type CompiledScenario } from '../compile.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import type { Rng } from '../rng.ts';
import { TRANCHE, type RunState } from '../state.ts';
import { bayesUpdate, voteToReimpose } from '../agents/coalition.ts';
import { collapse } from './collapse.ts';

/**
 * The coalition's turn at the start of a period: read the reports that have arrived,
 * update its belief, run the dispute mechanism, release what has been earned.
 */
export function coalitionStep(c: CompiledScenario, s: RunState, t: number, rng: Rng): void {
  if (s.collapsed) return;
  processReports(c, s, t, rng);
  missedDeadlines(c, s, t, rng);
  if (s.disputeOpen && t >= s.disputeDeadline) resolveDispute(c, s, t, rng);
  unblockAndRenew(c, s, t);
  if (!s.collapsed && !s.disputeOpen) releaseTranches(c, s, t);
  accrueEscrow(c, s, t);
}

/** Detections are made public only with public reporting on and a public report cadence. */
export function publicReporting(c: CompiledScenario): boolean {
  return c.scenario.design.reviews.publicReporting && c.scenario.design.verification.publicReportIntervalPeriods > 0;
}

function processReports(c: CompiledScenario, s: RunState, t: number, rng: Rng): void {
  const B = c.nBenchmarks;
  const v = c.scenario.design.verification;
  for (let r = 0; r < s.repDue.length; r++) {
    if (s.repDue[r] < 0 || s.repDue[r] > t) continue;
    s.repDue[r] = -1;
    const flagged = s.repFlag[r] === 1;
    bayesUpdate(s.posterior, c.assumedViolation, flagged, s.repPModel[r], v.falseAlarmProbability);
    for (let b = 0; b < B; b++) s.verified[b] = s.repCert[r * B + b];
    if (flagged) {
      for (let k = 0; k < c.nTranches; k++) s.trLicenceClean[k] = 0;
      // A detection becomes public at the verifier's next public report (world step).
      if (publicReporting(c) && s.repTrue[r]) s.reputationalDue += c.scenario.design.reviews.reputationalCostPerDetection;
    }
    addStrike(c, s, t, flagged, s.repTrue[r] === 1, s.repBench, r * B, rng);
  }
}

/** A benchmark still short of its required level at its deadline counts as a strike. */
function missedDeadlines(c: CompiledScenario, s: RunState, t: number, rng: Rng): void {
  for (let b = 0; b < c.nBenchmarks; b++) {
    if (c.benchDeadline[b] !== t || s.verified[b] >= c.benchRequired[b] - 1e-9) continue;
    addStrike(c, s, t, true, s.level[b] < c.benchRequired[b] - 1e-9, s.repBench, 0, rng, b);
  }
}

function addStrike(c: CompiledScenario, s: RunState, t: number, flagged: boolean, isTrue: boolean, bench: Uint8Array, offset: number, rng: Rng, only = -1): void {
  const n = s.strikeFlag.length;
  const i = s.strikeCursor;
  s.strikeCount += (flagged ? 1 : 0) - s.strikeFlag[i];
  s.strikeTrueCount += (flagged && isTrue ? 1 : 0) - s.strikeTrue[i];
  s.strikeFlag[i] = flagged ? 1 : 0;
  s.strikeTrue[i] = flagged && isTrue ? 1 : 0;
  s.strikeCursor = (i + 1) % n;
  if (!flagged || s.disputeOpen) return;
  if (s.strikeCount < c.scenario.design.consequences.thresholdViolations) return;
  // Threshold met: open a dispute over the flagged benchmarks.
  s.disputeOpen = true;
  s.disputeTrue = s.strikeTrueCount > 0;
  s.disputeDeadline = t + c.scenario.design.consequences.disputeWindowPeriods;
  for (let b = 0; b < c.nBenchmarks; b++) {
    s.disputeBench[b] = only >= 0 ? (b === only ? 1 : 0) : bench[offset + b];
  }
  s.strikeFlag.fill(0);
  s.strikeTrue.fill(0);
  s.strikeCount = 0;
  s.strikeTrueCount = 0;
  s.emit(t, E.disputeOpened, 'disputeOpened', '');
  if (c.scenario.design.consequences.disputeWindowPeriods === 0) resolveDispute(c, s, t, rng, true);
}

/**
 * A member invokes the consequence outright (the JCPOA snapback): the threshold is
 * deemed met on every benchmark and the dispute mechanism runs from here.
 */
export function invokeSnapback(c: CompiledScenario, s: RunState, t: number, rng: Rng, windowPeriods = c.scenario.design.consequences.disputeWindowPeriods): void {
  if (s.collapsed || s.disputeOpen) return;
  s.disputeOpen = true;
  s.disputeForced = true;
  s.disputeTrue = false;
  for (let b = 0; b < c.nBenchmarks; b++) {
    s.disputeBench[b] = 1;
    if (s.cheating[b] || s.level[b] < s.restoreTarget[b] - 1e-9) s.disputeTrue = true;
  }
  s.disputeDeadline = t + windowPeriods;
  s.emit(t, E.disputeOpened, 'disputeOpened', 'snapback');
  if (windowPeriods === 0) resolveDispute(c, s, t, rng, true);
}

/**
 * At the end of the window the verifier takes a second look: a violation not cured
 * is confirmed with the detection probability, a compliant target is wrongly
 * confirmed with the false-alarm probability. With no window there is no second look.
 */
function resolveDispute(c: CompiledScenario, s: RunState, t: number, rng: Rng, immediate = false): void {
  const d = c.scenario.design;
  const forced = s.disputeForced;
  s.disputeOpen = false;
  s.disputeForced = false;
  let upheld = immediate || forced;
  if (!upheld) {
    let stillViolating = false;
    for (let b = 0; b < c.nBenchmarks; b++) {
      if (s.disputeBench[b] && (s.cheating[b] || s.level[b] < s.restoreTarget[b] - 1e-9)) stillViolating = true;
    }
    const access = d.verification.access * s.accessMult;
    upheld = rng() < (stillViolating ? d.verification.detectionProbability * access : d.verification.falseAlarmProbability);
    if (!stillViolating) s.disputeTrue = false;
  }
  if (!upheld) {
    s.emit(t, E.disputeCured, 'disputeCured', '');
    return;
  }
  s.emit(t, E.disputeUpheld, 'disputeUpheld', '');
  if (!forced && !voteToReimpose(s.roll, s.posterior[0], rng)) return;
  reimpose(c, s, t);
}

function reimpose(c: CompiledScenario, s: RunState, t: number): void {
  const cons = c.scenario.design.consequences;
  const T = c.nTranches;
  const D = cons.reimpositionPeriods;
  for (let k = 0; k < T; k++) {
    let hit = false;
    for (let b = 0; b < c.nBenchmarks && !hit; b++) hit = s.disputeBench[b] === 1 && c.atRisk[b * T + k] === 1;
    if (!hit || s.trState[k] === TRANCHE.revoked) continue;
    s.trState[k] = D === 0 ? TRANCHE.revoked : TRANCHE.blocked;
    s.trUntil[k] = D === 0 ? -1 : t + D;
    s.trSustain[k] = 0;
    s.escrowBal[k] = 0;
  }
  s.capacity = 1;
  s.reimpositions++;
  s.emit(t, E.reimposition, 'reimposition', '');
  if (!s.disputeTrue) {
    s.falseReimpositions++;
    s.emit(t, E.falseReimposition, 'falseReimposition', '');
  }
  if (cons.response === 'full' && D === 0) collapse(c, s, t, 'reimposition');
}

function unblockAndRenew(c: CompiledScenario, s: RunState, t: number): void {
  for (let k = 0; k < c.nTranches; k++) {
    if (s.trState[k] === TRANCHE.blocked && t >= s.trUntil[k]) s.trState[k] = TRANCHE.pending;
    if (s.trState[k] !== TRANCHE.inForce || c.trancheDelivery[k] !== 2 || t < s.trLicenceExpiry[k]) continue;
    const permanent = c.tranchePermanentAfter[k] > 0 && s.trRenewals[k] >= c.tranchePermanentAfter[k];
    if (permanent) continue;
    if (s.trLicenceClean[k] && !s.disputeOpen) {
      s.trLicenceExpiry[k] = t + c.trancheLicence[k];
      s.trLicenceClean[k] = 1;
      s.trRenewals[k]++;
    } else {
      s.trState[k] = TRANCHE.pending;
      s.trSustain[k] = 0;
      s.emit(t, E.licenceLapsed, 'licenceLapsed', c.scenario.design.tranches[k].id);
    }
  }
}

/**
 * When each tranche's condition outside the benchmarks (a political clearance) is
 * given: from its earliest period, a geometric number of periods with the stated
 * chance per period; drawn up front, one draw per tranche that has such a condition
 * (so scenarios without one draw exactly as before).
 */
export function scheduleClearances(c: CompiledScenario, s: RunState, rng: Rng): void {
  for (let k = 0; k < c.nTranches; k++) {
    const h = c.trancheClearanceHazard[k];
    const earliest = c.trancheEarliest[k];
    if (h >= 1) s.trClearedAt[k] = earliest;
    else if (h <= 0) s.trClearedAt[k] = NEVER_PERIOD;
    else s.trClearedAt[k] = Math.min(NEVER_PERIOD, earliest + Math.floor(Math.log(1 - rng()) / Math.log(1 - h)));
  }
}

function releaseTranches(c: CompiledScenario, s: RunState, t: number): void {
  const B = c.nBenchmarks;
  const reviews = c.scenario.design.reviews;
  // A joint review that finds the coalition confident waives the sustained-period wait.
  const waiver = reviews.intervalPeriods > 0 && t > 0 && t % reviews.intervalPeriods === 0 && s.posterior[0] >= 0.8;
  let earlierReleased = true;
  for (let k = 0; k < c.nTranches; k++) {
    const pending = s.trState[k] === TRANCHE.pending;
    if (pending) {
      let met = true;
      for (let b = 0; b < B && met; b++) if (c.trancheBench[k * B + b] && s.verified[b] < c.trancheRequired[k] - 1e-9) met = false;
      // A clock that starts with the offer counts nothing before the earliest period.
      const counting = met && (!c.trancheSustainFromEarliest[k] || t >= c.trancheEarliest[k]);
      s.trSustain[k] = counting ? s.trSustain[k] + 1 : 0;
      const needed = waiver ? 1 : Math.max(1, c.trancheSustained[k]);
      const convinced = s.posterior[0] >= c.trancheReleaseBelief[k];
      const cleared = t >= s.trClearedAt[k];
      if (earlierReleased && t >= c.trancheEarliest[k] && cleared && s.trSustain[k] >= needed && convinced) release(c, s, t, k);
    }
    // Tranches are released in order: a later one waits until every earlier one has been released once.
    if (s.trReleasedAt[k] < 0) earlierReleased = false;
  }
}

function release(c: CompiledScenario, s: RunState, t: number, k: number): void {
  s.trState[k] = TRANCHE.inForce;
  s.trEffectiveFrom[k] = t + c.trancheDelay[k];
  s.trRenewals[k] = 0;
  if (s.trReleasedAt[k] < 0) s.trReleasedAt[k] = t;
  if (c.trancheDelivery[k] === 2) {
    s.trLicenceExpiry[k] = t + c.trancheLicence[k];
    s.trLicenceClean[k] = 1;
  }
  if (c.trancheDelivery[k] === 1 && s.escrowBal[k] > 0) {
    s.pendingPayout += s.escrowBal[k];
    s.escrowBal[k] = 0;
    s.emit(t, E.escrowPaid, 'escrowPaid', c.scenario.design.tranches[k].id);
  }
  s.emit(t, E.trancheReleased, 'trancheReleased', c.scenario.design.tranches[k].id);
}

/** Escrow: once a tranche is due, its relief value accrues for the target, paid out on release. */
function accrueEscrow(c: CompiledScenario, s: RunState, t: number): void {
  for (let k = 0; k < c.nTranches; k++) {
    if (c.trancheDelivery[k] !== 1 || s.trState[k] !== TRANCHE.pending || t < c.trancheEarliest[k]) continue;
    s.escrowBal[k] += s.type.reliefValuePerPeriod * c.tranchePain[k] * s.commodityMult;
  }
}
