import { Z95 } from '../montecarlo/confidence.ts';
import { NegotiationInputError } from './errors.ts';

/** An expected utility estimated by simulation: its mean and its Monte Carlo standard error. */
export interface Estimate {
  mean: number;
  /** Standard error of `mean`; 0 for an exact (analytic) value. */
  se: number;
}

/** Throws unless `e` is an Estimate with a finite mean and a finite se >= 0. */
export function checkEstimate(field: string, e: Estimate | undefined): Estimate {
  if (e === undefined || e === null || typeof e !== 'object') throw new NegotiationInputError(field, 'is missing (expected { mean, se })');
  if (typeof e.mean !== 'number' || !Number.isFinite(e.mean)) throw new NegotiationInputError(`${field}.mean`, `${String(e.mean)} is not a finite number`);
  if (typeof e.se !== 'number' || !Number.isFinite(e.se) || e.se < 0) throw new NegotiationInputError(`${field}.se`, `${String(e.se)} is not a finite number >= 0`);
  return e;
}

/**
 * How clearly `a` exceeds `b`: the z score (a - b) / sqrt(se_a^2 + se_b^2), treating the
 * two estimates as independent (conservative when they come from common random numbers,
 * which correlate positively). Infinite when both are exact and differ; 0 when equal.
 */
export function zScore(a: Estimate, b: Estimate): number {
  const d = a.mean - b.mean;
  const se = Math.sqrt(a.se * a.se + b.se * b.se);
  if (se === 0) return d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
  return d / se;
}

/** True when the sign of a - b is beyond Monte Carlo error at 95% (|z| > 1.96). */
export function clearlyDiffers(a: Estimate, b: Estimate): boolean {
  return Math.abs(zScore(a, b)) > Z95;
}
