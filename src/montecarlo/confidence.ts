/** Two-sided 95% normal quantile, z = Phi^-1(0.975). */
export const Z95 = 1.959963984540054;

/** Normal-approximation 95% interval of a mean: mean +- z se. */
export function normalInterval(mean: number, se: number): [number, number] {
  return [mean - Z95 * se, mean + Z95 * se];
}

/**
 * Wilson score 95% interval for a proportion of `successes` in `n` trials (Wilson
 * 1927). Unlike p +- z se it stays inside [0, 1] and keeps its coverage near 0
 * and 1, where rare events (collapse, full relief) live.
 */
export function wilsonInterval(successes: number, n: number): [number, number] {
  if (n === 0) return [NaN, NaN];
  const p = successes / n;
  const z2 = Z95 * Z95;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Sample variance of whole-number data from exact sums (sum, sum of squares) as
 * (n S2 - S1^2) / (n (n - 1)), computed in BigInt so no cancellation creeps in.
 * The sums must be exact integers (below 2^53), as event counts are.
 */
export function varianceFromIntegerSums(n: number, sum: number, sumSquares: number): number {
  if (n < 2) return NaN;
  const N = BigInt(n);
  const num = N * BigInt(sumSquares) - BigInt(sum) * BigInt(sum);
  return Number(num) / (n * (n - 1));
}
