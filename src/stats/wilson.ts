import { Z95 } from './normal.ts';

/**
 * Wilson score interval for a proportion of `successes` in `n` trials (Wilson
 * 1927). Unlike p +- z se it stays inside [0, 1] and keeps its coverage near 0
 * and 1, where rare events (collapse, full relief) live. At 0 or n successes the
 * exact endpoint (0 or 1) is returned, without rounding noise.
 *
 * @throws Error if n < 1 or successes is not in [0, n].
 * @example wilsonInterval(5, 10); // => [0.2366, 0.7634] (to 4 places)
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (!(n >= 1)) throw new Error('wilsonInterval requires at least 1 trial');
  if (!(successes >= 0 && successes <= n)) throw new Error(`wilsonInterval: successes ${successes} is not in [0, ${n}]`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval for a difference of two independent
 * proportions b - a (method 10, Newcombe 1998), from each one's Wilson interval.
 *
 * @example newcombeInterval(0.2, [0.1, 0.35], 0.4, [0.25, 0.57]); // b - a = 0.2 with its interval
 */
export function newcombeInterval(pa: number, ciA: readonly [number, number], pb: number, ciB: readonly [number, number]): [number, number] {
  const d = pb - pa;
  const [la, ua] = ciA;
  const [lb, ub] = ciB;
  return [d - Math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2), d + Math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)];
}
