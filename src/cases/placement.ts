/**
 * Where an observed (historical) value falls in a simulated sample.
 *
 * The percentile is the mid-rank one, P(X < h) + 1/2 P(X = h) (Parzen's
 * mid-distribution function), so a value tied with a block of runs sits in the middle
 * of that block: history equal to every run reads 50%, not 100%. We do not use
 * simple-statistics' quantileRank, which counts the value itself as a member of the
 * sample (its ranks are 1-based), so a single tie or a value equal to the minimum reads
 * above 0 by 1/n.
 *
 * "Never within the horizon" is +Infinity: a NaN in the sample (the engine's "never
 * reached") or as the value counts as later than every period, so a historical "never"
 * is compared with the runs where it never happened either.
 */
export interface Placement {
  /** Mid-rank percentile in [0, 1]. */
  percentile: number;
  /** Runs strictly below, equal to, and strictly above the value. */
  below: number;
  equal: number;
  above: number;
  n: number;
  /** Monte Carlo standard error of `percentile` (runs are independent). */
  standardError: number;
}

/** NaN (never reached) as +Infinity; every other number unchanged. */
export function neverAsInfinity(x: number): number {
  return Number.isNaN(x) ? Infinity : x;
}

/**
 * Places `value` in `sample`. Cost O(n); the sample is not modified.
 *
 * @throws Error if the sample is empty ("placeInSample requires at least 1 data point").
 * @example
 *   placeInSample([1, 2, 2, 3], 2).percentile; // => 0.5 (1 below, 2 equal: (1 + 1) / 4)
 *   placeInSample([5, NaN], NaN).percentile;   // => 0.75 (a "never" among one run that also never)
 */
export function placeInSample(sample: ArrayLike<number>, value: number): Placement {
  const n = sample.length;
  if (n === 0) throw new Error('placeInSample requires at least 1 data point');
  const h = neverAsInfinity(value);
  let below = 0;
  let equal = 0;
  // Equal within a relative 1e-9: history is written as decimals (0.14) that the engine's
  // arithmetic reaches as 0.14000000000000001, and those are the same outcome.
  const tol = Number.isFinite(h) ? 1e-9 * Math.max(1, Math.abs(h)) : 0;
  for (let i = 0; i < n; i++) {
    const x = neverAsInfinity(sample[i]);
    if (x === h || Math.abs(x - h) <= tol) equal++;
    else if (x < h) below++;
  }
  const percentile = (below + 0.5 * equal) / n;
  // Each run contributes w = 1 (below), 1/2 (equal) or 0; the percentile is the mean of w.
  const meanSquare = (below + 0.25 * equal) / n;
  const variance = Math.max(0, meanSquare - percentile * percentile);
  return { percentile, below, equal, above: n - below - equal, n, standardError: Math.sqrt(variance / n) };
}

/** How a placement reads against the central 90% of the simulated distribution. */
export type PlacementReading = 'lower tail' | 'central 90%' | 'upper tail';

/**
 * Lower tail below the 5th percentile, upper tail above the 95th. A value tied with a
 * large block of runs lands near the block's middle, so a tie reads as central when
 * the block is central.
 */
export function readPlacement(p: Placement): PlacementReading {
  if (p.percentile < 0.05) return 'lower tail';
  if (p.percentile > 0.95) return 'upper tail';
  return 'central 90%';
}
