import type { CoalitionAction, CoalitionObservation } from '../../../roles.ts';

export type ReleaseAction = CoalitionAction & { kind: 'release' };

/** A reusable release action. */
export function releaseBuffer(): ReleaseAction {
  return { kind: 'release', tranches: [] };
}

/**
 * Releases the eligible tranches in order, as the design says (a discretionary tranche
 * only while the belief in sincerity reaches its threshold, and a tranche held back
 * holds back every later one); none at all when `allowed` is false.
 */
export function releaseByDesign(o: CoalitionObservation, out: ReleaseAction, allowed = true): ReleaseAction {
  out.tranches.length = 0;
  if (!allowed) return out;
  const belief = o.posterior[0];
  for (let i = 0; i < o.eligible.length; i++) {
    if (belief < o.eligibleBeliefThreshold[i]) break;
    out.tranches.push(o.eligible[i]);
  }
  return out;
}
