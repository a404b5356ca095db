import { requireInteger, requireRng, type UniformRng } from './errors.ts';
import { scaleToFactors, validateFactors, type Factor } from './factors.ts';

/** Options of `latinHypercube`. */
export interface LatinHypercubeOptions {
  /** Put each point at the centre of its stratum instead of a uniform draw inside it (default false). */
  centred?: boolean;
}

/**
 * Latin hypercube sample of `n` points in the unit cube [0, 1)^dimensions
 * (McKay, Beckman and Conover 1979): each dimension is cut into `n` equal
 * strata and every stratum holds exactly one point; the strata are paired
 * across dimensions by independent random permutations (Fisher-Yates).
 *
 * Cost: O(n dimensions) time and memory; draws n (dimensions) (2 when not centred) numbers from `rng`.
 *
 * @param n number of points (>= 1)
 * @param dimensions number of inputs (>= 1)
 * @param rng seeded uniform generator on [0, 1)
 * @throws AnalysisInputError if n or dimensions is not a positive integer, or rng is not a function
 * @example latinHypercube(4, 2, seedrandom.alea('1')) // 4 rows [x, y], one per quarter in each column
 */
export function latinHypercube(n: number, dimensions: number, rng: UniformRng, options: LatinHypercubeOptions = {}): number[][] {
  requireInteger('latinHypercube', 'n', n, 1);
  requireInteger('latinHypercube', 'dimensions', dimensions, 1);
  requireRng('latinHypercube', rng);
  const points: number[][] = Array.from({ length: n }, () => new Array<number>(dimensions));
  const perm = new Int32Array(n);
  for (let j = 0; j < dimensions; j++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rng() * (i + 1));
      const t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    for (let i = 0; i < n; i++) {
      const u = options.centred ? 0.5 : rng();
      const upper = (perm[i] + 1) / n;
      const x = (perm[i] + u) / n;
      // For u just below 1 the division can round up onto the next stratum's edge (or onto 1).
      points[i][j] = x < upper ? x : nextDown(upper);
    }
  }
  return points;
}

/** The largest double below a positive finite x (reached with probability ~1e-16 per draw, so the allocation does not matter). */
function nextDown(x: number): number {
  const scratch = new DataView(new ArrayBuffer(8));
  scratch.setFloat64(0, x);
  scratch.setBigUint64(0, scratch.getBigUint64(0) - 1n);
  return scratch.getFloat64(0);
}

/**
 * A Latin hypercube sample of the factors' ranges: `latinHypercube` scaled to
 * [low, high] per factor (the sample for PRIM, or any exploration).
 *
 * @throws AnalysisInputError for bad factors or n
 * @example latinHypercubeDesign([{ name: 'p', low: 0, high: 1 }], 100, rng).points.length // 100
 */
export function latinHypercubeDesign(factors: readonly Factor[], n: number, rng: UniformRng, options: LatinHypercubeOptions = {}): { factors: Factor[]; points: number[][] } {
  validateFactors('latinHypercubeDesign', factors);
  return { factors: factors.map((f) => ({ ...f })), points: scaleToFactors(latinHypercube(n, factors.length, rng, options), factors) };
}
