import type { SummaryMetric } from '../../engine/metrics.ts';
import { SUMMARY_METRICS } from '../../engine/metrics.ts';
import { createRng } from '../../engine/rng.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { scaleToFactors } from '../factors.ts';
import { latinHypercube } from '../latin-hypercube.ts';
import { chooseBox, prim, type PrimData, type PrimOptions, type PrimResult } from '../prim.ts';
import { inspectBox, type PrimBoxInspection } from '../prim-inspect.ts';
import { StudyError } from './errors.ts';
import { asStudyError } from './sensitivity-study.ts';
import { evaluateLeverPoints, pointMeans, studyFactors, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';

export interface DiscoverOptions extends StudyRunOptions, PrimOptions {
  /** Points sampled by Latin hypercube over the ranges (default 500). */
  samples?: number;
  /** Seed of the sample, not of the runs (default 1). */
  sampleSeed?: number;
  /** The outcome that labels a point (default collapsed). */
  outcome?: SummaryMetric;
  /** A point is a case of interest when its mean outcome is at least this (default 0.5: it collapses more often than not). */
  threshold?: number;
  /** The box chosen: the widest with at least this density (default 0.8; lower it if none reaches it). */
  minDensity?: number;
}

export interface DiscoverResult {
  outcome: SummaryMetric;
  threshold: number;
  /** The sampled points (factors' units) and their labels, for PRIM and for a user's own box. */
  data: PrimData & { names: string[] };
  /** Each point's mean outcome. */
  means: number[];
  prim: PrimResult | null;
  /** Index in prim.trajectory of the chosen box, and what it restricts; null when no box reaches minDensity or no case of interest. */
  chosen: { index: number; inspection: PrimBoxInspection } | null;
  evaluation: PointsEvaluation;
}

/**
 * Scenario discovery: sample the uncertainties (and levers) named with ranges by
 * Latin hypercube, run every point on common random numbers, label a point a
 * case of interest when its mean outcome reaches `threshold` (collapse more often
 * than not, by default), and find with PRIM (peeling and pasting) the boxes of
 * conditions where the cases concentrate; the chosen box is inspected for which
 * restrictions matter (quasi-p-values).
 *
 * @throws StudyError for a bad lever or range, a sample count out of [10, 1,000,000], or a threshold out of range
 */
export async function discoverStudy(base: Scenario, ranges: Record<string, readonly [number, number]>, options: DiscoverOptions): Promise<DiscoverResult> {
  const factors = studyFactors(base, ranges, 'ranges');
  const outcome = options.outcome ?? 'collapsed';
  const n = options.samples ?? 500;
  if (!Number.isInteger(n) || n < 10 || n > 1_000_000) throw new StudyError('samples', `${n} is not a whole number in [10, 1000000]`);
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold) || (SUMMARY_METRICS[outcome].isShare && (threshold < 0 || threshold > 1))) throw new StudyError('threshold', `${threshold} is not in [0, 1] (${outcome} is a share)`);
  const minDensity = options.minDensity ?? 0.8;
  if (!(minDensity >= 0 && minDensity <= 1)) throw new StudyError('minDensity', `${minDensity} is not in [0, 1]`);
  const points = scaleToFactors(latinHypercube(n, factors.length, createRng(`discover/${options.sampleSeed ?? 1}`)), factors);
  const evaluation = await evaluateLeverPoints(`scenario discovery over ${factors.length} factors`, base, factors.map((f) => f.lever), points, [outcome], options);
  const done = evaluation.points.length;
  // The inputs as the model saw them (whole-number fields rounded).
  const x = evaluation.points.map((p) => factors.map((f) => Number(p.values[f.name])));
  const means = pointMeans(evaluation.points, outcome);
  const y = means.map((m) => (m >= threshold ? 1 : 0));
  const names = factors.map((f) => f.name);
  const data = { x, y, names };
  const any = y.some((v) => v === 1);
  const primOptions: PrimOptions = { ...(options.peelAlpha !== undefined ? { peelAlpha: options.peelAlpha } : {}), ...(options.pasteAlpha !== undefined ? { pasteAlpha: options.pasteAlpha } : {}), ...(options.massMin !== undefined ? { massMin: options.massMin } : {}) };
  const result = done > 0 && any ? asStudyError(() => prim(data, primOptions)) : null;
  let chosen: DiscoverResult['chosen'] = null;
  if (result) {
    const box = chooseBox(result, minDensity);
    if (box) chosen = { index: result.trajectory.indexOf(box), inspection: inspectBox(data, box) };
  }
  return { outcome, threshold, data, means, prim: result, chosen, evaluation };
}

/**
 * Which restrictions of the box at `index` of the trajectory matter: for a user who
 * picks another box than the one chosen.
 *
 * @throws StudyError if there is no trajectory or the index is out of range
 */
export function inspectDiscoveredBox(result: DiscoverResult, index: number): PrimBoxInspection {
  const t = result.prim?.trajectory ?? [];
  if (!Number.isInteger(index) || index < 0 || index >= t.length) throw new StudyError('box', `${index} is not a box of the trajectory (0 to ${t.length - 1})`);
  return inspectBox(result.data, t[index]);
}
