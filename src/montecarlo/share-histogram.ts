/**
 * Fixed-bin histograms for values in [0, 1] (shares): counts are whole numbers, so
 * merging is exact in any order. Bin 0 holds values <= 0 and bin BINS + 1 values
 * >= 1, because shares are often exactly 0 or 1 (sanctions fully in force, a
 * united coalition) and a quantile that lands there is then exact; bins 1..BINS
 * split (0, 1) evenly. Quantile resolution: one interior bin, 1 / SHARE_BINS.
 */
export const SHARE_BINS = 200;
/** Bins per entry including the two exact end bins. */
export const SHARE_SLOTS = SHARE_BINS + 2;

export function shareBin(x: number): number {
  // For 0 < x < 1, x * SHARE_BINS < SHARE_BINS, so the truncation lands in 0..SHARE_BINS - 1.
  return x <= 0 ? 0 : x >= 1 ? SHARE_BINS + 1 : 1 + ((x * SHARE_BINS) | 0);
}

/** A value standing for bin b: the end bins are exactly 0 and 1, interior bins their midpoint. */
export function shareBinValue(b: number): number {
  if (b === 0) return 0;
  if (b === SHARE_BINS + 1) return 1;
  return (b - 0.5) / SHARE_BINS;
}

/**
 * The q-quantile (inverse empirical CDF: the ceil(q n)-th smallest value, as the
 * CLI's serial batch) of one entry's histogram, read as the value of the bin that
 * holds it, clamped to the observed [min, max]. NaN when empty.
 */
export function shareQuantile(counts: Float64Array, offset: number, n: number, q: number, min: number, max: number): number {
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  let cum = 0;
  for (let b = 0; b < SHARE_SLOTS; b++) {
    cum += counts[offset + b];
    if (cum >= rank) return Math.min(max, Math.max(min, shareBinValue(b)));
  }
  return max;
}

export function addCounts(into: Float64Array, from: Float64Array): void {
  if (into.length !== from.length) throw new Error(`histograms differ in size (${into.length} vs ${from.length})`);
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}
