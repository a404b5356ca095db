/** Mean, sample standard deviation and standard error of the defined values of a sample. */
export interface Moments {
  /** Values that are not NaN. */
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); NaN below 2 values. */
  sd: number;
  /** sd / sqrt(n); NaN below 2 values. */
  se: number;
}

/**
 * Moments of the defined values, in two passes over the data in index order (so
 * the result is the same bits for the same data, and no cancellation from a
 * running sum of squares). NaN values are skipped. Cost O(n).
 *
 * @example moments([1, 2, 3, NaN]); // => { n: 3, mean: 2, sd: 1, se: 0.577... }
 */
export function moments(values: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  if (n === 0) return { n, mean: NaN, sd: NaN, se: NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return { n, mean, sd, se: n > 1 ? sd / Math.sqrt(n) : NaN };
}
