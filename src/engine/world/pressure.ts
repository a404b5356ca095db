import { licenceLapsing, type CompiledScenario } from '../compile.ts';
import { TRANCHE, type RunState } from '../state.ts';

/** The pressure picture of one moment, recomputed from the state when needed. */
export interface Pressure {
  /** Share of the package in force under the deal's own rules (1 - lifted). */
  structural: number;
  /** Share in force counting members that left the deal and re-imposed their part. */
  inForce: number;
  /** Weight of members that have not eased unilaterally. */
  cohesion: number;
  /** Weight of members still inside the deal (they vote on re-imposition). */
  cohesionInDeal: number;
  /** Pain actually imposed: in force x cohesion x (1 - evasion), exits counted in full. */
  pain: number;
  /** Share lifted by lift tranches and paid escrow (credibility of snapback applies). */
  liftedDiscretionary: number;
  /** Share lifted by licences (they lapse without a decision). */
  liftedLicence: number;
}

export function newPressure(): Pressure {
  return { structural: 1, inForce: 1, cohesion: 1, cohesionInDeal: 1, pain: 1, liftedDiscretionary: 0, liftedLicence: 0 };
}

export function computePressure(c: CompiledScenario, s: RunState, period: number, out: Pressure): Pressure {
  let lifted = 0;
  let licence = 0;
  for (let t = 0; t < c.nTranches; t++) {
    if (s.trState[t] !== TRANCHE.inForce || period < s.trEffectiveFrom[t]) continue;
    // Promised but undelivered relief (reliability < 1) leaves that share in force.
    // A tranche for some members only lifts their weight of it (1 when it lifts everyone's).
    const share = c.tranchePain[t] * c.trancheReliability[t] * c.trancheMemberWeight[t];
    if (licenceLapsing(c, t, s.trRenewals[t])) licence += share;
    else lifted += share;
  }
  // A lapsed licence winding down still lifts what is left of its relief; it is no longer conditional.
  const windingDown = windDownShare(c, s, period);
  const structural = Math.max(0, 1 - lifted - licence - windingDown);
  let inForce = 0;
  let cohesion = 0;
  let inDeal = 0;
  let pressure = 0;
  for (let m = 0; m < c.nMembers; m++) {
    const w = c.memberWeight[m];
    let own = c.memberScoped ? memberOwnInForce(c, s, m, period) : structural;
    if (s.exitedAt[m] >= 0) {
      // A member that leaves re-imposes its own part over its wind-down period.
      const ramp = Math.min(1, (period - s.exitedAt[m] + 1) / Math.max(1, s.exitDuration[m]));
      const full = c.memberScoped ? c.memberFull[m] : 1;
      own = own + (full - own) * ramp;
    } else if (s.aligned[m]) inDeal += w;
    inForce += w * own;
    if (s.aligned[m]) {
      cohesion += w;
      pressure += w * own;
    }
  }
  out.structural = structural;
  out.inForce = inForce;
  out.cohesion = cohesion;
  out.cohesionInDeal = inDeal;
  out.pain = pressure * (1 - s.evasion);
  out.liftedDiscretionary = lifted;
  out.liftedLicence = licence;
  return out;
}

/**
 * Relief still reaching the target from licences that lapsed and are winding down:
 * over D = windDownPeriods the relief ends linearly, a share 1 - min(1, (t - t0 + 1) / D)
 * left in period t of a lapse in t0 (D of 0 or 1: none left, the relief ends at once).
 */
function windDownShare(c: CompiledScenario, s: RunState, period: number): number {
  let left = 0;
  for (let k = 0; k < c.nTranches; k++) {
    const share = windDownLeft(c, s, k, period);
    if (share > 0) left += share * c.tranchePain[k] * c.trancheReliability[k] * c.trancheMemberWeight[k];
  }
  return left;
}

/**
 * The share of member m's own package in force now, own_m / full_m, with an exit's
 * wind-down: what its own cost is paid on when its measures differ from the joint state.
 */
export function memberOwnShare(c: CompiledScenario, s: RunState, m: number, period: number): number {
  const full = c.memberFull[m];
  if (full <= 0) return 0;
  let own = memberOwnInForce(c, s, m, period);
  if (s.exitedAt[m] >= 0) own += (full - own) * Math.min(1, (period - s.exitedAt[m] + 1) / Math.max(1, s.exitDuration[m]));
  return own / full;
}

/** The share of tranche k's relief a lapsed licence still lifts in this period (0: none). */
function windDownLeft(c: CompiledScenario, s: RunState, k: number, period: number): number {
  const D = c.trancheWindDown[k];
  const t0 = s.trLapsedAt[k];
  if (D <= 1 || t0 < 0 || s.trState[k] === TRANCHE.inForce) return 0;
  return Math.max(0, 1 - Math.min(1, (period - t0 + 1) / D));
}

/**
 * Member m's own measures in force when they differ from the joint state, on the scale
 * where the weighted sum over members is the share of the package in force: its own
 * package (memberFull: 1 unless it holds only some categories) less what the tranches in
 * force lift of its measures (all but what it holds back: a policy change, a tranche for
 * other members), less what it keeps lifted of tranches not in force (a narrower breach
 * response, a lifting on its own) and what lapsed licences still lift while they wind down.
 */
function memberOwnInForce(c: CompiledScenario, s: RunState, m: number, period: number): number {
  const full = c.memberFull[m];
  let own = full;
  const T = c.nTranches;
  for (let k = 0; k < T; k++) {
    const i = m * T + k;
    const share = c.memberTranchePain[i] * c.trancheReliability[k];
    if (share === 0) continue;
    if (s.trState[k] === TRANCHE.inForce && period >= s.trEffectiveFrom[k]) own -= share * (1 - s.memberHold[i]);
    else own -= share * Math.min(1, s.memberKeep[i] + windDownLeft(c, s, k, period) * (1 - s.memberHold[i]));
  }
  return Math.min(full, Math.max(0, own));
}
