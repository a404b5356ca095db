import { TARGET_TYPES, type TargetTypeName } from '../../scenario/schema.ts';
import type { Estimate } from '../estimate.ts';
import { UTILITY_METRICS, weightVector, type PartyWeights } from './party-utility.ts';

/**
 * What the runs of one design say about utilities, per target type: the number of runs,
 * each outcome's mean, and the outcomes' co-moments (sums of products of deviations).
 * Enough for the mean and SE of any linear utility (w . mean, sqrt(w' C w / (n (n - 1)))),
 * so a design is simulated once whatever the weights. Plain data (JSON-safe), to cache.
 */
export interface DesignMoments {
  /** UTILITY_METRICS, the order of `mean` and `comoment`. */
  metrics: readonly string[];
  byType: Record<TargetTypeName, { runs: number; mean: number[]; comoment: number[] }>;
}

/** Accumulates runs (Welford's update for means and co-moments: stable in one pass, exact order so the same runs give the same bits). */
export class MomentsBuilder {
  private readonly k = UTILITY_METRICS.length;
  private readonly n = [0, 0, 0];
  private readonly mean = TARGET_TYPES.map(() => new Float64Array(this.k));
  private readonly co = TARGET_TYPES.map(() => new Float64Array(this.k * this.k));
  private readonly delta = new Float64Array(this.k);

  /** Adds one run of type index `type` with outcomes `x` (aligned with UTILITY_METRICS). */
  add(type: number, x: ArrayLike<number>): void {
    const { k, delta } = this;
    const n = ++this.n[type];
    const mean = this.mean[type];
    const co = this.co[type];
    for (let i = 0; i < k; i++) {
      delta[i] = x[i] - mean[i];
      mean[i] += delta[i] / n;
    }
    for (let i = 0; i < k; i++) {
      const after = x[i] - mean[i];
      for (let j = 0; j < k; j++) co[i * k + j] += delta[j] * after;
    }
  }

  build(): DesignMoments {
    const byType = {} as DesignMoments['byType'];
    TARGET_TYPES.forEach((t, ti) => (byType[t] = { runs: this.n[ti], mean: Array.from(this.mean[ti]), comoment: Array.from(this.co[ti]) }));
    return { metrics: [...UTILITY_METRICS], byType };
  }
}

/**
 * A party's expected utility when the target is of `type`, with its Monte Carlo SE.
 * NaN mean when no run drew the type; SE 0 from a single run (the caller refuses both).
 */
export function utilityEstimate(m: DesignMoments, type: TargetTypeName, weights: PartyWeights): Estimate & { runs: number } {
  const w = weightVector(weights);
  const s = m.byType[type];
  const k = w.length;
  if (s.runs === 0) return { mean: NaN, se: NaN, runs: 0 };
  let mean = 0;
  let q = 0;
  for (let i = 0; i < k; i++) {
    mean += w[i] * s.mean[i];
    for (let j = 0; j < k; j++) q += w[i] * w[j] * s.comoment[i * k + j];
  }
  const variance = s.runs > 1 ? Math.max(0, q) / (s.runs - 1) : 0;
  return { mean, se: Math.sqrt(variance / s.runs), runs: s.runs };
}
