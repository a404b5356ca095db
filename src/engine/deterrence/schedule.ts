import { DELIVERY, NEVER_PERIOD, implementationRate, type CompiledScenario } from '../compile.ts';
import type { TargetType } from '../../scenario/schema.ts';

/**
 * The design's schedule for a target that complies from period 0, with nothing going
 * wrong (no shocks, no false alarms, a coalition that releases what is earned): each
 * benchmark's level period by period, and the period from which each tranche's relief
 * counts. It replays the engine's own release rules (reports read after the lag,
 * sustained periods, earliest periods, release in order, clearances at their expected
 * wait, delivery delays), so the target's plan (plan.ts) and the audit start from the
 * schedule the engine would produce. Computed once per design and type.
 */
export interface CompliantSchedule {
  /** levelAfter[t * B + b]: benchmark b's level after the target's move in period t. */
  levelAfter: Float64Array;
  /** Period each tranche is released (NEVER_PERIOD if not within the horizon). */
  releasedAt: Int32Array;
  /** Period from which each tranche's relief counts (release + delay; escrow: its accrual start). */
  reliefFrom: Int32Array;
  /**
   * Periods a tranche's release waits on something other than the target's progress (its
   * earliest period, an earlier tranche): a stall of the target's progress up to this long
   * does not delay it. A clearance's wait is not counted (it is a chance event: see readyAt).
   */
  slack: Int32Array;
  /**
   * Period from which each one-off benchmark is verified met and so can no longer be
   * violated (nothing is owed afterwards); NEVER_PERIOD for the others.
   */
  lockedFrom: Int32Array;
}

export function compliantSchedule(c: CompiledScenario, type: TargetType): CompliantSchedule {
  const B = c.nBenchmarks;
  const T = c.nTranches;
  const H = c.horizon;
  const lag = c.verification.reportLagPeriods;
  const interval = c.verification.inspectionIntervalPeriods;
  const levelAfter = new Float64Array(H * B);
  const releasedAt = new Int32Array(T).fill(NEVER_PERIOD);
  const reliefFrom = new Int32Array(T).fill(NEVER_PERIOD);
  const level = Float64Array.from(c.benchInitial);
  const verified = Float64Array.from(c.benchInitial);
  const restore = Float64Array.from(c.benchInitial);
  const sustain = new Int32Array(T);
  // First period each tranche's conditions are met (verified), sustained or not: what the
  // target's progress alone decides; the release's other gates (earliest period, sustain
  // counted from it, clearance, earlier tranches) give the slack.
  const metAt = new Int32Array(T).fill(NEVER_PERIOD);
  // First period every gate but the clearance holds. A clearance is a chance event that may
  // come in any period, so waiting for it is no slack: a target that stalls while it waits
  // misses the release whenever the clearance comes early (valuing the wait at its certainty
  // equivalent as slack made cheating during it look free).
  const readyAt = new Int32Array(T).fill(NEVER_PERIOD);
  // Certificates in flight: the levels certified at period t are read at t + 1 + lag.
  const certs: { due: number; levels: Float64Array }[] = [];
  const lockedFrom = new Int32Array(B).fill(NEVER_PERIOD);
  for (let t = 0; t < H; t++) {
    while (certs.length > 0 && certs[0].due <= t) verified.set(certs.shift()!.levels);
    for (let b = 0; b < B; b++) if (c.benchOneOff[b] && lockedFrom[b] === NEVER_PERIOD && verified[b] >= c.benchRequired[b] - 1e-9) lockedFrom[b] = t;
    let earlierOk = true;
    for (let k = 0; k < T; k++) {
      if (releasedAt[k] === NEVER_PERIOD) {
        let met = true;
        for (let b = 0; b < B && met; b++) if (c.trancheBench[k * B + b] && verified[b] < c.trancheRequired[k] - 1e-9) met = false;
        if (met && metAt[k] === NEVER_PERIOD) metAt[k] = t;
        const counting = met && (!c.trancheSustainFromEarliest[k] || t >= c.trancheEarliest[k]);
        sustain[k] = counting ? sustain[k] + 1 : 0;
        const cleared = c.trancheClearanceHazard[k] >= 1 ? c.trancheEarliest[k] : c.trancheClearanceHazard[k] <= 0 ? NEVER_PERIOD : c.trancheEarliest[k] + clearanceWait(c.trancheClearanceHazard[k], c.discountFactor);
        const ready = earlierOk && t >= c.trancheEarliest[k] && sustain[k] >= Math.max(1, c.trancheSustained[k]);
        if (ready && readyAt[k] === NEVER_PERIOD) readyAt[k] = t;
        if (ready && t >= cleared) {
          releasedAt[k] = t;
          reliefFrom[k] = c.trancheDelivery[k] === DELIVERY.escrow ? Math.min(t, c.trancheEarliest[k]) : t + c.trancheDelay[k];
        }
      }
      if (releasedAt[k] === NEVER_PERIOD) earlierOk = false;
    }
    for (let b = 0; b < B; b++) {
      const goal = Math.max(c.benchRequired[b], restore[b]);
      if (level[b] < goal && t >= c.benchStart[b]) level[b] = Math.min(goal, level[b] + implementationRate(c, type, b));
      restore[b] = Math.max(restore[b], Math.min(level[b], c.benchRequired[b]));
      levelAfter[t * B + b] = level[b];
    }
    if (t % interval === 0) certs.push({ due: t + 1 + lag, levels: Float64Array.from(level) });
  }
  const slack = Int32Array.from(releasedAt, (r, k) => (r === NEVER_PERIOD || metAt[k] === NEVER_PERIOD ? 0 : Math.max(0, Math.min(r, readyAt[k]) - (metAt[k] + Math.max(1, c.trancheSustained[k]) - 1))));
  return { levelAfter, releasedAt, reliefFrom, slack, lockedFrom };
}

/**
 * The certainty-equivalent wait for a clearance with hazard h per period: the w with
 * delta^w = E[delta^W] = h / (1 - (1 - h) delta) for a geometric wait W, so relief
 * that starts with the clearance is valued as its random start would be (the mean wait
 * (1 - h) / h would undervalue it: E[delta^W] > delta^E[W]).
 */
export function clearanceWait(h: number, delta: number): number {
  if (delta <= 0 || delta >= 1) return Math.round((1 - h) / h);
  return Math.max(0, Math.round(Math.log(h / (1 - (1 - h) * delta)) / Math.log(delta)));
}
