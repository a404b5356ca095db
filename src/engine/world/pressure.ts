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
    const share = c.tranchePain[t] * c.trancheReliability[t];
    if (licenceLapsing(c, t, s.trRenewals[t])) licence += share;
    else lifted += share;
  }
  const structural = Math.max(0, 1 - lifted - licence);
  let inForce = 0;
  let cohesion = 0;
  let inDeal = 0;
  let pressure = 0;
  for (let m = 0; m < c.nMembers; m++) {
    const w = c.memberWeight[m];
    let own = structural;
    if (s.exitedAt[m] >= 0) {
      // A member that leaves re-imposes its own part over its wind-down period.
      const ramp = Math.min(1, (period - s.exitedAt[m] + 1) / Math.max(1, s.exitDuration[m]));
      own = structural + (1 - structural) * ramp;
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
