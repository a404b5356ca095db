/**
 * Quantile of sorted data as the inverse empirical CDF: the ceil(q n)-th smallest
 * value (the batch layer's definition, so a quantile reads the same everywhere).
 * Cost O(1); `sorted` must be ascending without NaN.
 *
 * @throws Error if `sorted` is empty or q is not in [0, 1].
 * @example quantileSorted([1, 2, 3, 4], 0.5); // => 2
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantileSorted requires at least 1 data point');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantileSorted: q ${q} is not in [0, 1]`);
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
}

/** The defined (non-NaN) values of `values`, ascending, in a new array. */
export function sortedDefined(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[j++] = values[i];
  return out.sort();
}

/**
 * Quantile of sorted data by linear interpolation between order statistics (R's
 * type 7, simple-statistics' quantileSorted). The cases page reports these for a
 * sample's spread; the batch layer and the experiments use the inverse empirical
 * CDF (quantileSorted above), which merges exactly across shards.
 *
 * @throws Error if `sorted` is empty or q is not in [0, 1].
 * @example quantileInterpolated([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantileInterpolated(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantileInterpolated requires at least 1 data point');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantileInterpolated: q ${q} is not in [0, 1]`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
