import { wilsonInterval as wilson } from '../stats/wilson.ts';

/** The batch layer's intervals come from src/stats, the project's one implementation. */
export { Z95, normalInterval } from '../stats/normal.ts';

/**
 * Wilson score 95% interval (src/stats) of `successes` in `n` runs; [NaN, NaN] for
 * an empty batch, whose proportion is undefined like every other statistic of it.
 */
export function wilsonInterval(successes: number, n: number): [number, number] {
  return n === 0 ? [NaN, NaN] : wilson(successes, n);
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
