import { SHOCK, type CompiledScenario } from '../compile.ts';
import { PURPOSE, geometricPeriod, type Chance } from '../chance.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import { TRANCHE, type RunState } from '../state.ts';
import { invokeSnapback } from '../actors/coalition/rules.ts';

/** Draws a type from a prior of three probabilities with one uniform. */
export function drawType(prior: ArrayLike<number>, u: number): number {
  return u < prior[0] ? 0 : u < prior[0] + prior[1] ? 1 : 2;
}

/**
 * Fire-once period of every shock, drawn up front from the shock's own substream: a
 * scripted shock at its period, a hazard-rate shock at a geometric time. Never: -1.
 */
export function scheduleShocks(c: CompiledScenario, s: RunState, ch: Chance): void {
  for (let i = 0; i < c.shocks.length; i++) {
    const k = c.shocks[i];
    if (k.atPeriod >= 0) s.shockPeriod[i] = k.atPeriod;
    else if (k.followsShock >= 0) {
      // After an earlier shock (already scheduled), with its own chance drawn once.
      const after = s.shockPeriod[k.followsShock];
      const at = after + k.followDelayPeriods;
      const follows = after >= 0 && at < c.horizon && ch.uniform(PURPOSE.shockFollows, i, 0) < k.followProbability;
      s.shockPeriod[i] = follows ? at : -1;
    } else {
      const at = geometricPeriod(k.hazardPerPeriod, ch.uniform(PURPOSE.shockSchedule, i, 0));
      s.shockPeriod[i] = at < c.horizon ? at : -1;
    }
  }
}

/** Shocks due this period, and the end of temporary effects. */
export function shockStep(c: CompiledScenario, s: RunState, t: number, ch: Chance): void {
  if (t === s.commodityUntil) s.commodityMult = 1;
  if (t === s.crisisUntil) s.crisisMult = 1;
  if (t === s.accessUntil) s.accessMult = 1;
  for (let i = 0; i < c.shocks.length; i++) {
    const k0 = c.shocks[i];
    // A domestic crisis ends: the influence it added goes (as far as it is still there).
    if (k0.kind === SHOCK.domesticCrisis && s.shockPeriod[i] >= 0 && t === s.shockPeriod[i] + k0.durationPeriods) s.hardliner = clamp01(s.hardliner - s.crisisDelta[i]);
    if (s.shockPeriod[i] !== t) continue;
    const k = c.shocks[i];
    const mag = k.magnitude;
    const m = Math.max(0, k.member);
    switch (k.kind) {
      case SHOCK.regimeChange: {
        // A new government: hardliner influence shifts by the magnitude and the type is redrawn,
        // from its own prior when the scenario gives one. The change is public, so the coalition
        // then starts over from that prior rather than carrying the old government's record.
        s.hardliner = clamp01(s.hardliner + mag);
        s.typeIndex = drawType(k.typePrior ?? c.typePrior, ch.uniform(PURPOSE.regimeType, i, t));
        s.type = c.types[s.typeIndex];
        if (k.typePrior) s.posterior.set(k.typePrior);
        break;
      }
      case SHOCK.election: {
        const sign = ch.uniform(PURPOSE.electionSign, i, t) < 0.5 ? -1 : 1;
        s.hawk[m] = clamp01(s.hawk[m] + sign * Math.abs(mag));
        s.resolve[m] = Math.max(0, s.resolve[m] * (1 + sign * Math.abs(mag)));
        // A new government with a policy of its own decides for the member from now on.
        if (k.policy) s.memberGovernment[m] = i;
        break;
      }
      case SHOCK.commodityPrice:
        s.commodityMult = Math.max(0, 1 + mag);
        s.commodityUntil = t + k.durationPeriods;
        break;
      case SHOCK.humanitarianCrisis:
        s.crisisMult = Math.max(0, 1 + mag);
        s.crisisUntil = t + k.durationPeriods;
        break;
      case SHOCK.thirdPartyEntry:
        s.thirdPartyActive = true;
        s.evasion = Math.min(c.thirdParty.maxEvasion, s.evasion + Math.max(0, mag) * 0.1);
        break;
      case SHOCK.accessDenial:
        s.accessMult = 1 - clamp01(mag);
        s.accessUntil = t + k.durationPeriods;
        break;
      case SHOCK.memberExit:
        if (!k.easeOnExit) {
          s.exitedAt[m] = t;
          s.exitDuration[m] = k.durationPeriods;
        } else s.aligned[m] = 0;
        s.voting[m] = 0;
        break;
      case SHOCK.snapback:
        invokeSnapback(c, s, t, k.disputeWindowPeriods >= 0 ? k.disputeWindowPeriods : c.consequences.disputeWindowPeriods);
        break;
      case SHOCK.policyChange:
        changePolicy(c, s, t, m, k.policyTranches, k.policyShare, k.easeOnExit);
        break;
      case SHOCK.domesticCrisis: {
        // The same government under pressure at home (an election crisis, a crackdown):
        // hardliners gain for the duration; the type and the coalition's belief stay.
        const before = s.hardliner;
        s.hardliner = clamp01(before + mag);
        s.crisisDelta[i] = s.hardliner - before;
        break;
      }
    }
    s.emit(t, E.shock, 'shock', k.name);
  }
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * A sanctioner's own decision, not driven by reports (a new administration's policy, a
 * response to a crackdown): member m takes back (or, easing, lifts again) `share` of its
 * own part of each tranche named. No dispute, no cure window, no vote; not counted as a
 * re-imposition of the deal, and the coalition's belief does not move. Re-imposing, the
 * member holds back its part of the tranche whenever it is in force (memberHold) and
 * stops lifting it on its own while it is not (memberKeep); easing undoes the hold and,
 * for a tranche not in force, lifts its part on its own until the deal releases it.
 */
export function changePolicy(c: CompiledScenario, s: RunState, t: number, m: number, tranches: Uint8Array, share: number, ease: boolean): void {
  const T = c.nTranches;
  for (let k = 0; k < T; k++) {
    if (!tranches[k]) continue;
    const i = m * T + k;
    if (ease) {
      s.memberHold[i] = Math.max(0, s.memberHold[i] - share);
      if (s.trState[k] !== TRANCHE.inForce) s.memberKeep[i] = Math.min(1, s.memberKeep[i] + share);
    } else {
      s.memberKeep[i] = Math.max(0, s.memberKeep[i] - share);
      s.memberHold[i] = Math.min(1, s.memberHold[i] + share);
    }
  }
  if (ease) s.emit(t, E.policyEasing, 'policyEasing', c.memberIds[m]);
  else s.emit(t, E.policyReimposition, 'policyReimposition', c.memberIds[m]);
}
