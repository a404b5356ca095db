/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion of `successes` in `n` trials (Wilson 1927).
 * Unlike the normal interval it stays inside [0, 1] and keeps its coverage near 0
 * and 1, where collapse probabilities of documented cases often sit.
 *
 * @throws Error if n < 1 or successes is not in [0, n].
 * @example
 *   wilsonInterval(5, 10); // => [0.2366, 0.7634] (to 4 places)
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (!(n >= 1)) throw new Error('wilsonInterval requires at least 1 trial');
  if (!(successes >= 0 && successes <= n)) throw new Error(`wilsonInterval: successes ${successes} is not in [0, ${n}]`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At the boundaries the exact endpoint is 0 or 1; clamp away rounding noise.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}
