import { AnalysisInputError, requireInteger, requirePowerOfTwo } from './errors.ts';
import { scaleToFactors, validateFactors, type Factor } from './factors.ts';
import { SOBOL_MAX_DIMENSIONS, sobolSequence } from './sobol-sequence.ts';

/** The most factors a Saltelli design takes: its base sequence has two columns per factor. */
export const SALTELLI_MAX_FACTORS = Math.floor(SOBOL_MAX_DIMENSIONS / 2);

/**
 * A Saltelli design: the points at which to evaluate the model, in blocks of
 * `baseSamples` rows: A, then B, then AB_1, ..., AB_D, where AB_i is A with
 * column i taken from B, and with `secondOrder` also BA_1, ..., BA_D (B with
 * column i taken from A). `points` are in the factors' units; `unitPoints` are
 * the same points in [0, 1)^D.
 */
export interface SaltelliDesign {
  factors: Factor[];
  /** N, the rows per block (a power of two). */
  baseSamples: number;
  /** Whether the BA_i blocks are there (second-order indices). */
  secondOrder: boolean;
  /** N (D + 2) rows (N (2D + 2) with secondOrder) in the order A, B, AB_1..AB_D[, BA_1..BA_D]. */
  points: number[][];
  unitPoints: number[][];
}

/** Options of `saltelliDesign`. */
export interface SaltelliOptions {
  /** Points of the Sobol' sequence to skip before the first row (default 0). */
  skip?: number;
  /** Add the BA_i blocks for second-order indices (N D more evaluations; default false). */
  secondOrder?: boolean;
}

/**
 * Sampling matrices for Sobol' indices (Saltelli 2002; Saltelli et al. 2010):
 * N points of a 2D-dimensional Sobol' sequence give A (its first D columns) and
 * B (its last D), and each AB_i swaps column i of A for B's. The model is then
 * evaluated N (D + 2) times (N (2D + 2) with `secondOrder`); `sobolIndices`
 * reads the outputs in the same order.
 *
 * N must be a power of two: the Sobol' sequence is balanced (each dyadic
 * interval equally filled) only at such N, and the estimators' error relies on it.
 *
 * @param factors 1 to 50 factors with ranges
 * @param baseSamples N, a power of two in [2, 2^24]
 * @throws AnalysisInputError naming the bad argument and its allowed range
 * @example saltelliDesign([{ name: 'x', low: 0, high: 1 }], 4).points.length // 12
 */
export function saltelliDesign(factors: readonly Factor[], baseSamples: number, options: SaltelliOptions = {}): SaltelliDesign {
  validateFactors('saltelliDesign', factors);
  if (factors.length > SALTELLI_MAX_FACTORS) throw new AnalysisInputError('saltelliDesign', 'factors', `must have at most ${SALTELLI_MAX_FACTORS} entries (two Sobol' dimensions each)`, [...factors]);
  requirePowerOfTwo('saltelliDesign', 'baseSamples', baseSamples, 2, 2 ** 24);
  const skip = options.skip ?? 0;
  requireInteger('saltelliDesign', 'skip', skip, 0, 2 ** 31);
  const D = factors.length;
  const N = baseSamples;
  const base = sobolSequence(N, 2 * D, { skip });
  const unit: number[][] = new Array(N * (options.secondOrder ? 2 * D + 2 : D + 2));
  for (let j = 0; j < N; j++) {
    unit[j] = base[j].slice(0, D);
    unit[N + j] = base[j].slice(D);
  }
  const secondOrder = options.secondOrder ?? false;
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < N; j++) {
      const ab = unit[j].slice();
      ab[i] = unit[N + j][i];
      unit[(2 + i) * N + j] = ab;
      if (secondOrder) {
        const ba = unit[N + j].slice();
        ba[i] = unit[j][i];
        unit[(2 + D + i) * N + j] = ba;
      }
    }
  }
  return { factors: factors.map((f) => ({ ...f })), baseSamples: N, secondOrder, points: scaleToFactors(unit, factors), unitPoints: unit };
}
