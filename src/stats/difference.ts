import { normalInterval } from './normal.ts';
import { newcombeInterval, wilsonInterval } from './wilson.ts';

/** A difference of means b - a with its 95% interval. */
export interface Difference {
  /** mean(b) - mean(a). */
  estimate: number;
  ci95: [number, number];
  /**
   * paired: from the per-run differences of runs on the same seeds; normal: two
   * independent means; newcombe: two independent proportions.
   */
  method: 'paired' | 'newcombe' | 'normal';
}

export interface PairedDifference extends Difference {
  method: 'paired';
  /** Pairs where both values are defined. */
  n: number;
  /** Standard deviation of the per-run differences (0 for identical samples). */
  sd: number;
  se: number;
}

/**
 * The paired difference b - a of two samples whose i-th values come from the same
 * random numbers (run i of two designs on common random numbers): the mean of the
 * per-run differences b[i] - a[i], with its normal 95% interval. Positive
 * correlation between a and b shrinks the variance of the differences, so the
 * interval is narrower than the one for independent samples. Pairs where either
 * value is NaN (undefined in that run) are left out. Identical samples give
 * exactly 0 with sd 0. Two passes in index order: the same data give the same bits.
 *
 * @throws Error if the samples differ in length.
 * @example pairedDifference([1, 2, 3], [2, 3, 5]); // => estimate 4/3, sd 0.577...
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  if (a.length !== b.length) throw new Error(`pairedDifference requires samples of equal length, got ${a.length} and ${b.length}`);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = b[i] - a[i];
    if (Number.isNaN(d)) continue;
    n++;
    sum += d;
  }
  if (n === 0) return { estimate: NaN, ci95: [NaN, NaN], method: 'paired', n, sd: NaN, se: NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < a.length; i++) {
    const d = b[i] - a[i];
    if (!Number.isNaN(d)) ss += (d - mean) * (d - mean);
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const se = n > 1 ? sd / Math.sqrt(n) : NaN;
  return { estimate: mean, ci95: normalInterval(mean, se), method: 'paired', n, sd, se };
}

/** What an unpaired difference needs of each sample: its mean and standard error, and for a proportion its count. */
export interface SampleMean {
  mean: number;
  se: number;
  /** Defined values. */
  n: number;
}

/**
 * The difference b - a of two independent means: normal interval with
 * se = sqrt(se_a^2 + se_b^2), or for proportions (`binary`) Newcombe's hybrid
 * score interval from each one's Wilson interval. Conservative for runs on common
 * random numbers, which are usually positively correlated: use pairedDifference
 * when the per-run values are at hand.
 *
 * @example independentDifference({ mean: 1, se: 0.1, n: 100 }, { mean: 1.5, se: 0.1, n: 100 }, false);
 */
export function independentDifference(a: SampleMean, b: SampleMean, binary: boolean): Difference {
  const estimate = b.mean - a.mean;
  if (binary) {
    const ca = wilsonInterval(Math.round(a.mean * a.n), a.n);
    const cb = wilsonInterval(Math.round(b.mean * b.n), b.n);
    return { estimate, ci95: newcombeInterval(a.mean, ca, b.mean, cb), method: 'newcombe' };
  }
  return { estimate, ci95: normalInterval(estimate, Math.sqrt(a.se ** 2 + b.se ** 2)), method: 'normal' };
}
