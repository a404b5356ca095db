import type { ReportOutcomeStats, ReportPeriodStats } from '../report/batch-view.ts';

/**
 * Statistics for the serial CLI batch. Quantiles are the inverse of the empirical
 * distribution function: the q-quantile of n values is the ceil(q n)-th smallest
 * (Hyndman & Fan type 1), so every reported quantile is a value some run produced.
 */

const Z95 = 1.959963984540054;

/** The ceil(q n)-th smallest of ascending `sorted` (NaN for no values). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const k = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sorted[k - 1];
}

/**
 * Outcome statistics over runs. NaN values mean "undefined in that run" (e.g. time
 * to full relief when relief never came): they are counted, not averaged.
 * The 95% CI of the mean is the Wilson interval when every value is 0 or 1 (a
 * proportion), the normal interval mean +- 1.96 se otherwise.
 */
export function outcomeStats(values: Float64Array): ReportOutcomeStats {
  const defined = values.filter((v) => !Number.isNaN(v)).sort();
  const n = defined.length;
  let sum = 0;
  let binary = true;
  for (const v of defined) {
    sum += v;
    if (v !== 0 && v !== 1) binary = false;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of defined) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const se = sd / Math.sqrt(n);
  const ci95: [number, number] = n === 0 ? [NaN, NaN] : binary ? wilson(sum, n) : [mean - Z95 * se, mean + Z95 * se];
  return {
    n,
    nUndefined: values.length - n,
    mean,
    sd,
    se,
    ci95,
    min: n > 0 ? defined[0] : NaN,
    max: n > 0 ? defined[n - 1] : NaN,
    q05: quantileSorted(defined, 0.05),
    q25: quantileSorted(defined, 0.25),
    q50: quantileSorted(defined, 0.5),
    q75: quantileSorted(defined, 0.75),
    q95: quantileSorted(defined, 0.95),
  };
}

/** Wilson score interval for `successes` out of `n` at 95%. */
export function wilson(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export const SHARE_BINS = 1000;

/**
 * Per-period distribution of a share (a number in [0, 1]) over runs, in fixed bins,
 * so memory is horizon x bins whatever the number of runs. Each bin also keeps the
 * smallest and largest value it received: a quantile falling in a bin that holds a
 * single value (0, 1, a plateau every run reaches) is exact; otherwise it is
 * interpolated by rank between the bin's extremes and is off by less than 1/bins.
 */
export class ShareHistogram {
  readonly counts: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly sums: Float64Array;
  private runs = 0;

  constructor(readonly horizon: number, readonly bins = SHARE_BINS) {
    this.counts = new Int32Array(horizon * bins);
    this.lo = new Float64Array(horizon * bins).fill(Infinity);
    this.hi = new Float64Array(horizon * bins).fill(-Infinity);
    this.sums = new Float64Array(horizon);
  }

  /** Adds one run's series (length >= horizon). */
  add(series: ArrayLike<number>): void {
    const B = this.bins;
    for (let t = 0; t < this.horizon; t++) {
      const x = series[t];
      if (!(x >= 0 && x <= 1)) throw new RangeError(`share ${x} at period ${t} is not in [0, 1]`);
      const i = t * B + Math.min(B - 1, Math.floor(x * B));
      this.counts[i]++;
      if (x < this.lo[i]) this.lo[i] = x;
      if (x > this.hi[i]) this.hi[i] = x;
      this.sums[t] += x;
    }
    this.runs++;
  }

  quantile(t: number, q: number): number {
    if (this.runs === 0) return NaN;
    const k = Math.min(this.runs, Math.max(1, Math.ceil(q * this.runs)));
    const B = this.bins;
    let before = 0;
    for (let b = 0; b < B; b++) {
      const i = t * B + b;
      const c = this.counts[i];
      if (before + c >= k) {
        if (c === 1 || this.lo[i] === this.hi[i]) return this.lo[i];
        return this.lo[i] + ((this.hi[i] - this.lo[i]) * (k - before - 1)) / (c - 1);
      }
      before += c;
    }
    return NaN; // unreachable: the counts of a period sum to runs
  }

  stats(): ReportPeriodStats {
    const mean: number[] = [];
    const q05: number[] = [];
    const q95: number[] = [];
    for (let t = 0; t < this.horizon; t++) {
      mean.push(this.runs > 0 ? this.sums[t] / this.runs : NaN);
      q05.push(this.quantile(t, 0.05));
      q95.push(this.quantile(t, 0.95));
    }
    return { mean, q05, q95 };
  }
}
