import { bootstrapSettings, resampleIndices, summariseReplicates, type BootstrapOptions } from './bootstrap.ts';
import { AnalysisInputError, requireFiniteValues } from './errors.ts';
import type { Factor } from './factors.ts';
import { saltelliDesign, type SaltelliDesign, type SaltelliOptions } from './saltelli.ts';

/** One index with its bootstrap standard error and percentile interval. */
export interface IndexEstimate {
  estimate: number;
  se: number;
  ci: [number, number];
}

/** Sobol' indices of one factor. */
export interface FactorIndices {
  factor: string;
  /** S_i: the share of the output's variance due to factor i alone. */
  first: IndexEstimate;
  /** S_Ti: the share due to factor i with all its interactions. */
  total: IndexEstimate;
}

/** A second-order index: the share of variance due to the interaction of two factors alone. */
export interface PairIndex {
  factors: [string, string];
  second: IndexEstimate;
}

/** What `sobolIndices` returns. */
export interface SobolResult {
  /** One entry per factor, in the design's order. */
  indices: FactorIndices[];
  /** Second-order indices of every pair (i < k, in design order) when the design has the BA_i blocks, else null. */
  pairs: PairIndex[] | null;
  /** Model evaluations used: N (D + 2), or N (2D + 2) with second order. */
  evaluations: number;
  baseSamples: number;
  /** Variance of the output over the 2N rows of A and B (population variance). */
  variance: number;
  /** Mean of the output over A and B. */
  mean: number;
  bootstrap: { resamples: number; confidence: number };
}

/**
 * Sobol' first-order and total indices from the outputs of a Saltelli design,
 * with bootstrap intervals. With f_A, f_B, f_ABi the outputs on the blocks and
 * V the variance over A and B:
 *
 *   S_i  = (1/N) sum_j (f_B(j) - m) (f_ABi(j) - f_A(j)) / V   (Saltelli et al. 2010, table 2 b)
 *   S_Ti = (1/2N) sum_j (f_A(j) - f_ABi(j))^2 / V              (Jansen 1999)
 *
 * with m the mean over A and B. Centring f_B (as SciPy's `sobol_indices` does)
 * leaves the estimator's limit unchanged and makes it invariant to adding a
 * constant to the output, which the raw form is not at finite N.
 *
 * With the BA_i blocks (design `secondOrder`), second-order indices by Saltelli
 * (2002), centred the same way:
 *
 *   S_ik = (1/N) sum_j [(f_BAi(j) - m)(f_ABk(j) - m) - (f_A(j) - m)(f_B(j) - m)] / V - S_i - S_k
 *
 * since BA_i and AB_k share exactly the coordinates i and k.
 *
 * The bootstrap resamples the N rows j (with replacement, the same rows for A,
 * B and every AB_i, V recomputed) and reports the replicates' standard
 * deviation and percentile interval.
 *
 * Estimates are noisy: a first-order index can come out slightly negative, and
 * S_i <= S_Ti may fail by sampling error; they are reported as estimated, not clipped.
 *
 * @param design the design the outputs were computed on
 * @param outputs one finite number per design point, in the design's order
 * @param options bootstrap resamples (default 1,000), confidence (0.95) and the seeded rng
 * @throws AnalysisInputError if outputs has the wrong length, a non-finite value, or zero variance
 * @example sobolIndices(design, design.points.map(f), { rng: seedrandom.alea('1') })
 */
export function sobolIndices(design: SaltelliDesign, outputs: ArrayLike<number>, options: BootstrapOptions = {}): SobolResult {
  const fn = 'sobolIndices';
  const N = design.baseSamples;
  const D = design.factors.length;
  const blocks = design.secondOrder ? 2 * D + 2 : D + 2;
  if (outputs.length !== N * blocks) throw new AnalysisInputError(fn, 'outputs', `must have one value per design point, N (${design.secondOrder ? '2D' : 'D'} + 2) = ${N * blocks}`, outputs.length);
  requireFiniteValues(fn, 'outputs', outputs);
  const { resamples, confidence, rng } = bootstrapSettings(fn, options);
  const y = Float64Array.from(outputs);
  const identity = Int32Array.from({ length: N }, (_, j) => j);
  const second = design.secondOrder;
  const point = estimate(y, N, D, identity, second);
  if (!(point.variance > 0)) throw new AnalysisInputError(fn, 'outputs', 'must vary over the design (their variance is zero, so no share of it can be attributed)', 0);

  const firstReps = Array.from({ length: D }, () => new Float64Array(resamples));
  const totalReps = Array.from({ length: D }, () => new Float64Array(resamples));
  const pairReps = point.pairs.map(() => new Float64Array(resamples));
  const rows = new Int32Array(N);
  for (let r = 0; r < resamples; r++) {
    const e = estimate(y, N, D, resampleIndices(rng!, rows), second);
    for (let i = 0; i < D; i++) {
      firstReps[i][r] = e.first[i];
      totalReps[i][r] = e.total[i];
    }
    e.pairs.forEach((v, q) => (pairReps[q][r] = v));
  }
  const summarise = (value: number, reps: Float64Array): IndexEstimate =>
    resamples > 0 ? { estimate: value, ...summariseReplicates(reps, confidence) } : { estimate: value, se: NaN, ci: [NaN, NaN] };
  return {
    indices: design.factors.map((f, i) => ({ factor: f.name, first: summarise(point.first[i], firstReps[i]), total: summarise(point.total[i], totalReps[i]) })),
    pairs: second ? pairList(D).map(([i, k], q) => ({ factors: [design.factors[i].name, design.factors[k].name], second: summarise(point.pairs[q], pairReps[q]) })) : null,
    evaluations: N * blocks,
    baseSamples: N,
    variance: point.variance,
    mean: point.mean,
    bootstrap: { resamples, confidence },
  };
}

/** The pairs (i, k), i < k, in the order the second-order indices are reported. */
function pairList(D: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < D; i++) for (let k = i + 1; k < D; k++) out.push([i, k]);
  return out;
}

/** The estimators on the rows `rows` (the identity for the point estimate, a resample for the bootstrap). */
function estimate(y: Float64Array, N: number, D: number, rows: Int32Array, second: boolean): { first: number[]; total: number[]; pairs: number[]; variance: number; mean: number } {
  let sum = 0;
  for (let k = 0; k < N; k++) sum += y[rows[k]] + y[N + rows[k]];
  const mean = sum / (2 * N);
  let ss = 0;
  for (let k = 0; k < N; k++) ss += (y[rows[k]] - mean) ** 2 + (y[N + rows[k]] - mean) ** 2;
  const variance = ss / (2 * N);
  const first = new Array<number>(D);
  const total = new Array<number>(D);
  for (let i = 0; i < D; i++) {
    const ab = (2 + i) * N;
    let s1 = 0;
    let st = 0;
    for (let k = 0; k < N; k++) {
      const j = rows[k];
      const fa = y[j];
      const fab = y[ab + j];
      // f_B centred: the estimator then does not move when a constant is added to the output.
      s1 += (y[N + j] - mean) * (fab - fa);
      st += (fa - fab) ** 2;
    }
    first[i] = s1 / N / variance;
    total[i] = st / (2 * N) / variance;
  }
  const pairs: number[] = [];
  if (second) {
    let ab0 = 0;
    for (let k = 0; k < N; k++) ab0 += (y[rows[k]] - mean) * (y[N + rows[k]] - mean);
    for (const [i, k] of pairList(D)) {
      const ba = (2 + D + i) * N;
      const ab = (2 + k) * N;
      let s2 = 0;
      for (let t = 0; t < N; t++) {
        const j = rows[t];
        s2 += (y[ba + j] - mean) * (y[ab + j] - mean);
      }
      pairs.push((s2 - ab0) / N / variance - first[i] - first[k]);
    }
  }
  return { first, total, pairs, variance, mean };
}

/** Options of `sobolAnalysis`: the design's and the bootstrap's. */
export interface SobolAnalysisOptions extends SaltelliOptions, BootstrapOptions {
  /** N, a power of two (default 1,024). */
  baseSamples?: number;
}

/**
 * Sobol' indices of a model given as a function of a point (in the factors'
 * units, in their order): builds the Saltelli design, evaluates the model at
 * every point and estimates the indices. For a model evaluated elsewhere (the
 * experiments layer, a worker pool) use `saltelliDesign` and `sobolIndices`.
 *
 * @example sobolAnalysis(factors, ([x1, x2, x3]) => ishigami(x1, x2, x3), { baseSamples: 4096, rng })
 */
export function sobolAnalysis(factors: readonly Factor[], model: (point: number[]) => number, options: SobolAnalysisOptions = {}): SobolResult {
  const design = saltelliDesign(factors, options.baseSamples ?? 1024, options);
  return sobolIndices(design, design.points.map((p) => model(p)), options);
}
