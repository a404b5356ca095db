import { AnalysisInputError, requireInteger, requireNumberIn, type UniformRng } from './errors.ts';
import { quantileInterpolated } from '../stats/quantile.ts';

/** A bootstrap summary of one statistic. */
export interface BootstrapInterval {
  /** Standard deviation of the bootstrap replicates: the statistic's standard error. */
  se: number;
  /** Percentile interval of the replicates at the requested confidence. */
  ci: [number, number];
}

/** Options shared by the analyses that bootstrap. */
export interface BootstrapOptions {
  /** Bootstrap resamples (default 1,000; 0 skips the bootstrap and gives NaN intervals). */
  resamples?: number;
  /** Confidence level of the percentile intervals, in (0, 1) (default 0.95). */
  confidence?: number;
  /** Seeded uniform generator for the resampling; required when resamples > 0. */
  rng?: UniformRng;
}

/** Checks bootstrap options and fills the defaults. */
export function bootstrapSettings(fn: string, o: BootstrapOptions): { resamples: number; confidence: number; rng: UniformRng | undefined } {
  const resamples = o.resamples ?? 1000;
  const confidence = o.confidence ?? 0.95;
  requireInteger(fn, 'resamples', resamples, 0, 1_000_000);
  requireNumberIn(fn, 'confidence', confidence, 0, 1, { low: true, high: true });
  if (resamples > 0 && typeof o.rng !== 'function') {
    throw new AnalysisInputError(fn, 'rng', 'must be a seeded generator () => number in [0, 1) when resamples > 0', o.rng);
  }
  return { resamples, confidence, rng: o.rng };
}

/** Fills `out` with n indices drawn uniformly with replacement from 0..n-1. */
export function resampleIndices(rng: UniformRng, out: Int32Array): Int32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * n);
  return out;
}

/**
 * Standard error and percentile interval of bootstrap replicates (NaN
 * replicates, e.g. from a resample with zero variance, are left out; all NaN
 * gives NaN). Sorts `replicates` in place.
 */
export function summariseReplicates(replicates: Float64Array, confidence: number): BootstrapInterval {
  const finite = replicates.filter((r) => !Number.isNaN(r)).sort();
  const n = finite.length;
  if (n === 0) return { se: NaN, ci: [NaN, NaN] };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += finite[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (finite[i] - mean) ** 2;
  const tail = (1 - confidence) / 2;
  return { se: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, ci: [quantileSorted(finite, tail), quantileSorted(finite, 1 - tail)] };
}

/**
 * Quantile of sorted data, linear interpolation between order statistics (type 7,
 * R's default): src/stats' quantileInterpolated, the project's one implementation,
 * under the name the analysis API has always exported.
 */
export const quantileSorted: (sorted: ArrayLike<number>, p: number) => number = quantileInterpolated;
