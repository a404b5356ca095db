import type { Rng } from '../rng.ts';

/**
 * The sanctioning coalition's reasoning: Bayes' rule over the target's type from
 * verification reports, and the votes that decide a re-imposition.
 */

/**
 * One report's Bayes update, in place. The coalition models each type as violating
 * with probability v (its `assumedViolationRate`) per report; a violation is flagged
 * with probability p, a clean period with probability q (false alarm). So
 * P(flag | type) = v p + (1 - v) q. Returns the normalising constant.
 */
export function bayesUpdate(posterior: Float64Array, assumedViolation: Float64Array, flagged: boolean, p: number, q: number): number {
  let z = 0;
  for (let i = 0; i < posterior.length; i++) {
    const pf = assumedViolation[i] * p + (1 - assumedViolation[i]) * q;
    posterior[i] *= flagged ? pf : 1 - pf;
    z += posterior[i];
  }
  if (z > 0) for (let i = 0; i < posterior.length; i++) posterior[i] /= z;
  return z;
}

/** Belief in sincerity after one more flagged report, without changing the posterior. */
export function beliefAfterFlag(posterior: Float64Array, assumedViolation: Float64Array, p: number, q: number): number {
  let z = 0;
  let s = 0;
  for (let i = 0; i < posterior.length; i++) {
    const w = posterior[i] * (assumedViolation[i] * p + (1 - assumedViolation[i]) * q);
    z += w;
    if (i === 0) s = w;
  }
  return z > 0 ? s / z : posterior[0];
}

/** Chance a voting member votes to re-impose: hawks always, others as far as they doubt sincerity; never above its ceiling. */
export function voteProbability(hawkishness: number, belief: number, ceiling = 1): number {
  return Math.min(ceiling, hawkishness + (1 - hawkishness) * (1 - belief));
}

export type TriggerRule = 'automatic' | 'unilateral' | 'majority' | 'unanimity' | 'discretionary' | 'none';
export const TRIGGER = { automatic: 0, majority: 1, unanimity: 2, discretionary: 3, unilateral: 4, none: 5 } as const;

/**
 * Who decides a re-imposition and how: the rule (a TRIGGER index), the discretionary
 * belief threshold, and the members' votes (`voting`: still in the deal), weights,
 * hawkishness and vote ceilings. The arrays are the run's own, read live; `scratch`
 * (length >= 2 x members) keeps the per-period sum allocation-free.
 */
export interface VoteRoll {
  rule: number;
  discretionaryThreshold: number;
  voting: Uint8Array;
  weight: Float64Array;
  hawk: Float64Array;
  ceiling: Float64Array;
  scratch: Float64Array;
}

/**
 * Probability the trigger fires, exactly. Only members still in the deal vote
 * (`voting`: not eased, not exited). Members vote independently, so we sum over
 * the 2^k vote patterns of the k voting members (k <= 12 by the schema). Used for
 * snapback credibility and by the target's deterrence calculation, every period.
 */
export function triggerProbability(roll: VoteRoll, belief: number): number {
  const { rule, discretionaryThreshold, voting, weight, hawk, ceiling, scratch } = roll;
  if (rule === TRIGGER.automatic) return 1;
  if (rule === TRIGGER.none) return 0;
  if (rule === TRIGGER.discretionary) return belief < discretionaryThreshold ? 1 : 0;
  const m = weight.length;
  if (rule === TRIGGER.unilateral) {
    let none = 1;
    for (let i = 0; i < m; i++) if (voting[i]) none *= 1 - voteProbability(hawk[i], belief, ceiling[i]);
    return 1 - none;
  }
  let votingWeight = 0;
  for (let i = 0; i < m; i++) if (voting[i]) votingWeight += weight[i];
  if (votingWeight <= 0) return 0;
  if (rule === TRIGGER.unanimity) {
    let pr = 1;
    for (let i = 0; i < m; i++) if (voting[i]) pr *= voteProbability(hawk[i], belief, ceiling[i]);
    return pr;
  }
  // Each voter's probability once; patterns over voters only, in member order.
  let k = 0;
  for (let i = 0; i < m; i++) {
    if (!voting[i]) continue;
    scratch[k] = voteProbability(hawk[i], belief, ceiling[i]);
    scratch[m + k] = weight[i];
    k++;
  }
  let total = 0;
  for (let mask = 0; mask < 1 << k; mask++) {
    let pr = 1;
    let yes = 0;
    for (let j = 0; j < k; j++) {
      if (mask & (1 << j)) {
        pr *= scratch[j];
        yes += scratch[m + j];
      } else pr *= 1 - scratch[j];
    }
    if (yes > 0.5 * votingWeight) total += pr;
  }
  return total;
}

/** Draws the votes; the same rule as triggerProbability, realised. */
export function voteToReimpose(roll: VoteRoll, belief: number, rng: Rng): boolean {
  const { rule, discretionaryThreshold, voting, weight, hawk, ceiling } = roll;
  if (rule === TRIGGER.automatic) return true;
  if (rule === TRIGGER.none) return false;
  if (rule === TRIGGER.discretionary) return belief < discretionaryThreshold;
  let votingWeight = 0;
  let yes = 0;
  for (let i = 0; i < weight.length; i++) {
    if (!voting[i]) continue;
    votingWeight += weight[i];
    if (rng() < voteProbability(hawk[i], belief, ceiling[i])) yes += weight[i];
  }
  if (votingWeight <= 0) return false;
  if (rule === TRIGGER.unilateral) return yes > 0;
  return rule === TRIGGER.unanimity ? yes >= votingWeight - 1e-12 : yes > 0.5 * votingWeight;
}
