import { DELIVERY, NEVER_PERIOD, licenceLapsing, type CompiledScenario } from '../../compile.ts';
import { PURPOSE, type Chance } from '../../chance.ts';
import { accessNow, falseAlarmProbability, secondLookUpholdProbability } from '../../detection.ts';
import { EVENT_INDEX as E } from '../../metrics.ts';
import { TRANCHE, type RunState } from '../../state.ts';
import { collapse } from '../../world/collapse.ts';
import { shownFlagProbability } from './belief.ts';

/**
 * The design's rules on the sanctioning side, which no one decides: reading reports,
 * the belief update, strikes and disputes, the verifier's second look, licences
 * lapsing, and which tranches have earned release. The decisions these rules ask for
 * (re-impose or not, release or hold) are the coalition's and the members' policies'.
 */

/** Start of a period: reports that have arrived, deadlines, the dispute deadline. May leave a re-imposition to decide. */
export function coalitionIntake(c: CompiledScenario, s: RunState, t: number, ch: Chance): void {
  if (s.collapsed) return;
  s.belief.noteAccess(t, accessNow(c, s.accessMult));
  processReports(c, s, t, ch);
  missedDeadlines(c, s, t, ch);
  if (s.disputeOpen && !s.reimpositionPending && t >= s.disputeDeadline) resolveDispute(c, s, t, ch, false);
}

function processReports(c: CompiledScenario, s: RunState, t: number, ch: Chance): void {
  const B = c.nBenchmarks;
  for (let r = 0; r < s.repDue.length; r++) {
    const due = s.repDue[r];
    if (due < 0 || due > t) continue;
    s.repDue[r] = -1;
    const flagged = s.repFlag[r] === 1;
    // The report is about the inspection of period due - 1 - lag (inspect.ts).
    s.belief.readReport(s.posterior, due - 1 - c.verification.reportLagPeriods, flagged, s.repPModel[r], shownFlagProbability(c), falseAlarmProbability(c));
    for (let b = 0; b < B; b++) s.verified[b] = s.repCert[r * B + b];
    if (c.anyOneOff) settleOneOffs(c, s);
    if (flagged) {
      spoilLicences(c, s, r * B);
      // A detection becomes public at the verifier's next public report (world step).
      if (c.publicDetections && s.repTrue[r]) s.reputationalDue += c.reputationalCostPerDetection;
    }
    addStrike(c, s, t, flagged, s.repTrue[r] === 1, s.repBench, r * B, ch);
  }
}

/**
 * A flagged report spoils the renewal of every licence, or, for a licence spoiled only
 * by its own benchmarks, of those whose benchmarks the report names.
 */
function spoilLicences(c: CompiledScenario, s: RunState, offset: number): void {
  const B = c.nBenchmarks;
  for (let k = 0; k < c.nTranches; k++) {
    if (!c.trancheSpoiledByTied[k]) {
      s.trLicenceClean[k] = 0;
      continue;
    }
    for (let b = 0; b < B; b++) if (s.repBench[offset + b] && c.trancheBench[k * B + b]) s.trLicenceClean[k] = 0;
  }
}

/** A one-off condition verified at its required level is settled: it stays verified for good. */
export function settleOneOffs(c: CompiledScenario, s: RunState): void {
  for (let b = 0; b < c.nBenchmarks; b++) {
    if (!c.benchOneOff[b]) continue;
    if (s.verified[b] >= c.benchRequired[b] - 1e-9) s.oneOffMet[b] = 1;
    if (s.oneOffMet[b]) s.verified[b] = Math.max(s.verified[b], c.benchRequired[b]);
  }
}

/** A benchmark still short of the level due at its deadline (deadlineLevel, else requiredLevel) counts as a strike. */
function missedDeadlines(c: CompiledScenario, s: RunState, t: number, ch: Chance): void {
  for (let b = 0; b < c.nBenchmarks; b++) {
    const due = c.benchDeadlineLevel[b];
    if (c.benchDeadline[b] !== t || s.verified[b] >= due - 1e-9) continue;
    addStrike(c, s, t, true, s.level[b] < due - 1e-9, s.repBench, 0, ch, b);
  }
}

function addStrike(c: CompiledScenario, s: RunState, t: number, flagged: boolean, isTrue: boolean, bench: Uint8Array, offset: number, ch: Chance, only = -1): void {
  const n = s.strikeFlag.length;
  const i = s.strikeCursor;
  s.strikeCount += (flagged ? 1 : 0) - s.strikeFlag[i];
  s.strikeTrueCount += (flagged && isTrue ? 1 : 0) - s.strikeTrue[i];
  s.strikeFlag[i] = flagged ? 1 : 0;
  s.strikeTrue[i] = flagged && isTrue ? 1 : 0;
  s.strikeCursor = (i + 1) % n;
  if (!flagged || s.disputeOpen) return;
  if (s.strikeCount < c.consequences.thresholdViolations) return;
  // Threshold met: open a dispute over the flagged benchmarks.
  s.disputeOpen = true;
  s.disputeTrue = s.strikeTrueCount > 0;
  s.disputeDeadline = t + c.consequences.disputeWindowPeriods;
  for (let b = 0; b < c.nBenchmarks; b++) s.disputeBench[b] = only >= 0 ? (b === only ? 1 : 0) : bench[offset + b];
  s.strikeFlag.fill(0);
  s.strikeTrue.fill(0);
  s.strikeCount = 0;
  s.strikeTrueCount = 0;
  s.emit(t, E.disputeOpened, 'disputeOpened', '');
  if (c.consequences.disputeWindowPeriods === 0) resolveDispute(c, s, t, ch, true);
}

/**
 * A member invokes the consequence outright (the JCPOA snapback): the threshold is
 * deemed met on every benchmark and the dispute mechanism runs from here.
 */
export function invokeSnapback(c: CompiledScenario, s: RunState, t: number, windowPeriods: number): void {
  if (s.collapsed) return;
  s.emit(t, E.disputeOpened, 'disputeOpened', 'snapback');
  let violating = false;
  for (let b = 0; b < c.nBenchmarks; b++) if (s.cheating[b] || s.level[b] < s.restoreTarget[b] - 1e-9) violating = true;
  if (s.reimpositionPending) {
    // A decision on an upheld dispute is already due this period: the snapback makes it
    // a re-imposition on every benchmark, whatever the deciders would have said.
    s.reimpositionPending = false;
    s.disputeOpen = false;
    s.disputeBench.fill(1);
    s.disputeTrue = s.disputeTrue || violating;
    s.emit(t, E.disputeUpheld, 'disputeUpheld', '');
    reimpose(c, s, t);
    return;
  }
  // An ordinary dispute already open becomes the snapback's (it used to be dropped): forced,
  // on every benchmark, upheld when the sooner of the two windows closes.
  const deadline = t + windowPeriods;
  s.disputeDeadline = s.disputeOpen ? Math.min(s.disputeDeadline, deadline) : deadline;
  s.disputeTrue = (s.disputeOpen && s.disputeTrue) || violating;
  s.disputeOpen = true;
  s.disputeForced = true;
  s.disputeBench.fill(1);
  if (s.disputeDeadline <= t) {
    s.disputeOpen = false;
    s.disputeForced = false;
    s.emit(t, E.disputeUpheld, 'disputeUpheld', '');
    reimpose(c, s, t);
  }
}

/**
 * End of the window: a forced dispute is upheld; otherwise the verifier takes a
 * second look (detection.ts). An upheld dispute leaves the re-imposition to the
 * trigger rule's deciders (`reimpositionPending`); with no window there is no second look.
 */
function resolveDispute(c: CompiledScenario, s: RunState, t: number, ch: Chance, immediate: boolean): void {
  const forced = s.disputeForced;
  let upheld = immediate || forced;
  if (!upheld) {
    let stillViolating = false;
    // Scratch: 0 none, 1 openly short, 2 hidden behind gamed statistics (detection.ts).
    const violating = s.gamed;
    for (let b = 0; b < c.nBenchmarks; b++) {
      // A cure is the violation stopped and the level restored; under cureRequires:
      // requiredLevel, also the benchmark at the level due (its deadlineLevel, else its
      // required level): work resumed is not enough.
      const below = s.level[b] < s.restoreTarget[b] - 1e-9 || (c.consequences.cureNeedsRequiredLevel && s.level[b] < c.benchDeadlineLevel[b] - 1e-9);
      const short = s.disputeBench[b] && (s.cheating[b] || below);
      violating[b] = !short ? 0 : s.claimed[b] > s.level[b] + 1e-12 ? 2 : 1;
      if (short) stillViolating = true;
    }
    const p = secondLookUpholdProbability(c, s.disputeBench, violating, accessNow(c, s.accessMult));
    violating.fill(0);
    upheld = ch.uniform(PURPOSE.secondLook, 0, t) < p;
    if (!stillViolating) s.disputeTrue = false;
  }
  if (!upheld) {
    s.disputeOpen = false;
    s.disputeForced = false;
    s.emit(t, E.disputeCured, 'disputeCured', '');
    return;
  }
  s.emit(t, E.disputeUpheld, 'disputeUpheld', '');
  if (forced) {
    s.disputeOpen = false;
    s.disputeForced = false;
    reimpose(c, s, t);
    return;
  }
  // The dispute stays open (no new one, no release) until the deciders have decided.
  s.reimpositionPending = true;
}

/** The trigger rule's decision on an upheld dispute, as the deciders made it. */
export function settleReimposition(c: CompiledScenario, s: RunState, t: number, reimposeNow: boolean): void {
  s.reimpositionPending = false;
  s.disputeOpen = false;
  if (reimposeNow) reimpose(c, s, t);
}

function reimpose(c: CompiledScenario, s: RunState, t: number): void {
  const T = c.nTranches;
  const D = c.consequences.reimpositionPeriods;
  let took = false;
  for (let k = 0; k < T; k++) {
    let hit = false;
    for (let b = 0; b < c.nBenchmarks && !hit; b++) hit = s.disputeBench[b] === 1 && c.atRisk[b * T + k] === 1;
    // Revoked and blocked tranches have nothing left to take: a block is not extended by a new breach.
    if (!hit || s.trState[k] === TRANCHE.revoked || s.trState[k] === TRANCHE.blocked) continue;
    if (s.trState[k] === TRANCHE.inForce || s.escrowBal[k] > 0) took = true;
    if (c.memberScoped && s.trState[k] === TRANCHE.inForce) keepNarrowResponse(c, s, k);
    s.trState[k] = D === 0 ? TRANCHE.revoked : TRANCHE.blocked;
    s.trUntil[k] = D === 0 ? -1 : t + D;
    s.trSustain[k] = 0;
    s.escrowBal[k] = 0;
  }
  s.capacity = 1;
  // Counted only when it takes relief back (a tranche in force or an escrow balance).
  if (took) {
    s.reimpositions++;
    s.emit(t, E.reimposition, 'reimposition', '');
    if (!s.disputeTrue) {
      s.falseReimpositions++;
      s.emit(t, E.falseReimposition, 'falseReimposition', '');
    }
  }
  if (c.consequences.responseFull && D === 0) collapse(c, s, t, 'reimposition');
}

/**
 * A member whose breach response is narrower than the package keeps the rest of its own
 * part of tranche k lifted while the tranche is taken back (memberKeep).
 */
function keepNarrowResponse(c: CompiledScenario, s: RunState, k: number): void {
  const T = c.nTranches;
  for (let m = 0; m < c.nMembers; m++) {
    // What the member held back by its own decision stays held back.
    const lifted = 1 - s.memberHold[m * T + k];
    s.memberKeep[m * T + k] = Math.max(0, lifted * (1 - c.memberBreachShare[m]));
  }
}

/**
 * Blocked tranches whose term ended return to pending; licences due are renewed on a
 * clean record (and, with renewalProgress, on verified progress), else they lapse.
 */
export function unblockAndRenew(c: CompiledScenario, s: RunState, t: number): void {
  for (let k = 0; k < c.nTranches; k++) {
    if (s.trState[k] === TRANCHE.blocked && t >= s.trUntil[k]) s.trState[k] = TRANCHE.pending;
    if (s.trState[k] !== TRANCHE.inForce || c.trancheDelivery[k] !== DELIVERY.licence || t < s.trLicenceExpiry[k]) continue;
    if (!licenceLapsing(c, k, s.trRenewals[k])) continue;
    if (s.trLicenceClean[k] && !s.disputeOpen && progressMade(c, s, k)) {
      s.trLicenceExpiry[k] = t + c.trancheLicence[k];
      s.trLicenceClean[k] = 1;
      s.trRenewals[k]++;
      noteRenewalBase(c, s, k);
    } else {
      s.trState[k] = TRANCHE.pending;
      s.trSustain[k] = 0;
      s.trLapsedAt[k] = t;
      s.emit(t, E.licenceLapsed, 'licenceLapsed', c.trancheIds[k]);
    }
  }
}

/**
 * Renewal on progress: each benchmark the licence names is verified at least at
 * min(its required level, its level at the last grant or renewal + renewalProgress).
 * Always true with renewalProgress 0.
 */
function progressMade(c: CompiledScenario, s: RunState, k: number): boolean {
  const gain = c.trancheRenewalProgress[k];
  if (gain <= 0) return true;
  const B = c.nBenchmarks;
  for (let b = 0; b < B; b++) {
    if (!c.trancheBench[k * B + b]) continue;
    const due = Math.min(c.benchRequired[b], s.trRenewBase[k * B + b] + gain);
    if (s.verified[b] < due - 1e-9) return false;
  }
  return true;
}

function noteRenewalBase(c: CompiledScenario, s: RunState, k: number): void {
  const B = c.nBenchmarks;
  for (let b = 0; b < B; b++) s.trRenewBase[k * B + b] = s.verified[b];
}

/**
 * When each tranche's condition outside the benchmarks (a political clearance) is
 * given: from its earliest period, a geometric number of periods with the stated
 * chance per period; drawn up front from the tranche's own substream.
 */
export function scheduleClearances(c: CompiledScenario, s: RunState, ch: Chance): void {
  for (let k = 0; k < c.nTranches; k++) {
    const h = c.trancheClearanceHazard[k];
    const earliest = c.trancheEarliest[k];
    if (h >= 1) s.trClearedAt[k] = earliest;
    else if (h <= 0) s.trClearedAt[k] = NEVER_PERIOD;
    else s.trClearedAt[k] = Math.min(NEVER_PERIOD, earliest + Math.floor(Math.log(1 - ch.uniform(PURPOSE.trancheClearance, k, 0)) / Math.log(1 - h)));
  }
}

/**
 * Which pending tranches have earned release now: conditions verified and sustained,
 * not before the earliest period, cleared, and every earlier tranche released before
 * or eligible now (the coalition releases in order). Updates the sustained counters.
 * Returns how many are eligible. The belief threshold of a discretionary release is the
 * coalition policy's to apply.
 */
export function findEligible(c: CompiledScenario, s: RunState, t: number): number {
  const B = c.nBenchmarks;
  s.eligible.fill(0);
  if (s.collapsed || s.disputeOpen) return 0;
  // A joint review that finds the coalition confident waives the sustained-period wait.
  const waiver = c.reviewIntervalPeriods > 0 && t > 0 && t % c.reviewIntervalPeriods === 0 && s.posterior[0] >= 0.8;
  let earlierOk = true;
  let n = 0;
  for (let k = 0; k < c.nTranches; k++) {
    if (s.trState[k] === TRANCHE.pending) {
      let met = true;
      for (let b = 0; b < B && met; b++) if (c.trancheBench[k * B + b] && s.verified[b] < c.trancheRequired[k] - 1e-9) met = false;
      // A clock that starts with the offer counts nothing before the earliest period.
      const counting = met && (!c.trancheSustainFromEarliest[k] || t >= c.trancheEarliest[k]);
      s.trSustain[k] = counting ? s.trSustain[k] + 1 : 0;
      const needed = waiver ? 1 : Math.max(1, c.trancheSustained[k]);
      // A lapsed licence waits lapseWaitPeriods before it can be granted again (0: no wait).
      const waited = s.trLapsedAt[k] < 0 || t >= s.trLapsedAt[k] + c.trancheLapseWait[k];
      if (earlierOk && waited && t >= c.trancheEarliest[k] && t >= s.trClearedAt[k] && s.trSustain[k] >= needed) {
        s.eligible[k] = 1;
        n++;
      }
    }
    if (s.trReleasedAt[k] < 0 && !s.eligible[k]) earlierOk = false;
  }
  return n;
}

/** Releases tranche k (the coalition chose to). */
export function release(c: CompiledScenario, s: RunState, t: number, k: number): void {
  s.trState[k] = TRANCHE.inForce;
  s.trEffectiveFrom[k] = t + c.trancheDelay[k];
  s.trRenewals[k] = 0;
  if (s.trReleasedAt[k] < 0) {
    s.trReleasedAt[k] = t;
    s.tranchesReleased++;
  }
  if (c.trancheDelivery[k] === DELIVERY.licence) {
    s.trLicenceExpiry[k] = t + c.trancheLicence[k];
    s.trLicenceClean[k] = 1;
    s.trLapsedAt[k] = -1;
    noteRenewalBase(c, s, k);
  }
  // Released again: what members kept lifted on their own is now lifted by the deal.
  if (c.memberScoped) for (let m = 0; m < c.nMembers; m++) s.memberKeep[m * c.nTranches + k] = 0;
  if (c.trancheDelivery[k] === DELIVERY.escrow && s.escrowBal[k] > 0) {
    s.pendingPayout += s.escrowBal[k];
    s.escrowBal[k] = 0;
    s.emit(t, E.escrowPaid, 'escrowPaid', c.trancheIds[k]);
  }
  s.emit(t, E.trancheReleased, 'trancheReleased', c.trancheIds[k]);
}

/** Escrow: once a tranche is due, its relief value accrues for the target, paid out on release. */
export function accrueEscrow(c: CompiledScenario, s: RunState, t: number): void {
  if (c.targetEscrow) settleTargetEscrow(c, s, t);
  if (s.collapsed) return;
  for (let k = 0; k < c.nTranches; k++) {
    if (c.trancheDelivery[k] !== DELIVERY.escrow || s.trState[k] !== TRANCHE.pending || t < c.trancheEarliest[k]) continue;
    s.escrowBal[k] += s.type.reliefValuePerPeriod * c.tranchePain[k] * s.commodityMult;
  }
}

/**
 * Escrow held by the target's side (design.targetEscrow), after this period's releases:
 * the deposit costs the target its amount at the deposit period; a release's share is
 * paid to the claimants when its tranche is first released before the expiry (nothing to
 * the target, which has already parted with it); at the expiry a share whose tranche was
 * not released before it goes back to the target. Nothing is forfeited to the
 * sanctioners: a re-imposition or a collapse neither takes back what was paid nor stops
 * the return. The state is the tranches' first-release periods, so it needs none of its own.
 */
function settleTargetEscrow(c: CompiledScenario, s: RunState, t: number): void {
  const e = c.targetEscrow!;
  if (t === e.depositPeriod) s.pendingPayout -= e.amount;
  for (let i = 0; i < e.share.length; i++) {
    if (e.expiresAt[i] !== t) continue;
    const at = s.trReleasedAt[e.tranche[i]];
    if (at < 0 || at >= t) s.pendingPayout += e.share[i] * e.amount;
  }
}

/**
 * Where the target's escrow stood at period t (after the period's releases): the shares
 * of the amount paid to the claimants and returned to the target. Zero without one.
 */
export function targetEscrowStatus(c: CompiledScenario, s: RunState, t: number): { paid: number; returned: number } {
  const e = c.targetEscrow;
  let paid = 0;
  let returned = 0;
  if (!e || t < e.depositPeriod) return { paid, returned };
  for (let i = 0; i < e.share.length; i++) {
    const at = s.trReleasedAt[e.tranche[i]];
    const expires = e.expiresAt[i];
    if (at >= 0 && at <= t && (expires < 0 || at < expires)) paid += e.share[i];
    else if (expires >= 0 && t >= expires) returned += e.share[i];
  }
  return { paid, returned };
}
