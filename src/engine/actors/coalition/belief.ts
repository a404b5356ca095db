/**
 * The coalition's belief over the target's type (sincere, opportunist, hardliner),
 * updated by Bayes' rule from inspection reports. Report likelihoods come from the
 * detection module (detection.ts).
 */

/**
 * One report's Bayes update, in place. The coalition models each type as violating
 * with probability v (its `assumedViolationRate`) per report; a violation is flagged
 * with probability p, a clean period with probability q (false alarm). So
 * P(flag | type) = v p + (1 - v) q. Returns the normalising constant.
 */
export function bayesUpdate(posterior: Float64Array, assumedViolation: ArrayLike<number>, flagged: boolean, p: number, q: number): number {
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
export function beliefAfterFlag(posterior: ArrayLike<number>, assumedViolation: ArrayLike<number>, p: number, q: number): number {
  let z = 0;
  let s = 0;
  for (let i = 0; i < posterior.length; i++) {
    const w = posterior[i] * (assumedViolation[i] * p + (1 - assumedViolation[i]) * q);
    z += w;
    if (i === 0) s = w;
  }
  return z > 0 ? s / z : posterior[0];
}

