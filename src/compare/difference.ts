import type { OutcomeStats } from '../montecarlo/types.ts';

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export interface Difference {
  /** mean(b) - mean(a). */
  estimate: number;
  ci95: [number, number];
  method: 'newcombe' | 'normal';
}

function defined(o: OutcomeStats): boolean {
  return o.n > 0 && typeof o.mean === 'number' && Number.isFinite(o.mean);
}

/**
 * The difference of two batch means, b - a, with a 95% interval.
 *
 * Continuous metrics: normal interval with se = sqrt(se_a^2 + se_b^2). 0/1 metrics:
 * Newcombe's hybrid score interval (method 10, Newcombe 1998) built from each batch's
 * Wilson interval, which keeps its coverage near 0 and 1 where the normal one fails.
 * Both treat the batches as independent. Designs run on common random numbers are
 * usually positively correlated, so the true interval is usually narrower: these are
 * conservative, and a difference they call clear is clear.
 *
 * Returns null when either batch has no defined values (e.g. no run collapsed, so
 * there is no collapse period to compare).
 */
export function differenceOfMeans(a: OutcomeStats, b: OutcomeStats, binary: boolean): Difference | null {
  if (!defined(a) || !defined(b)) return null;
  const estimate = b.mean - a.mean;
  if (binary) {
    const [la, ua] = a.ci95;
    const [lb, ub] = b.ci95;
    const lo = estimate - Math.sqrt((b.mean - lb) ** 2 + (ua - a.mean) ** 2);
    const hi = estimate + Math.sqrt((ub - b.mean) ** 2 + (a.mean - la) ** 2);
    return { estimate, ci95: [lo, hi], method: 'newcombe' };
  }
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  return { estimate, ci95: [estimate - Z95 * se, estimate + Z95 * se], method: 'normal' };
}
