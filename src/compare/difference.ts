import type { OutcomeStats } from '../montecarlo/types.ts';
import { normalInterval } from '../stats/normal.ts';
import { newcombeInterval } from '../stats/wilson.ts';
import type { Difference } from '../stats/difference.ts';

export type { Difference } from '../stats/difference.ts';

function defined(o: OutcomeStats): boolean {
  return o.n > 0 && typeof o.mean === 'number' && Number.isFinite(o.mean);
}

/**
 * The difference of two batch means, b - a, with a 95% interval, from the batch
 * summaries alone (no per-run values).
 *
 * Continuous metrics: normal interval with se = sqrt(se_a^2 + se_b^2). 0/1 metrics:
 * Newcombe's hybrid score interval (method 10, Newcombe 1998) built from each batch's
 * Wilson interval, which keeps its coverage near 0 and 1 where the normal one fails.
 * Both treat the batches as independent. Designs run on common random numbers are
 * usually positively correlated, so the true interval is usually narrower: these are
 * conservative. Where the per-run values are at hand (designs run as points of one
 * experiment), compareDesigns takes the paired differences instead (src/stats
 * pairedDifference).
 *
 * Returns null when either batch has no defined values (e.g. no run collapsed, so
 * there is no collapse period to compare).
 */
export function differenceOfMeans(a: OutcomeStats, b: OutcomeStats, binary: boolean): Difference | null {
  if (!defined(a) || !defined(b)) return null;
  const estimate = b.mean - a.mean;
  if (binary) return { estimate, ci95: newcombeInterval(a.mean, a.ci95, b.mean, b.ci95), method: 'newcombe' };
  return { estimate, ci95: normalInterval(estimate, Math.sqrt(a.se ** 2 + b.se ** 2)), method: 'normal' };
}
