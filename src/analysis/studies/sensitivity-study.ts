import type { SummaryMetric } from '../../engine/metrics.ts';
import { createRng } from '../../engine/rng.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { AnalysisInputError } from '../errors.ts';
import { morrisDesign, morrisEffects, type MorrisResult } from '../morris.ts';
import { saltelliDesign, type SaltelliDesign } from '../saltelli.ts';
import { sobolIndices, type SobolResult } from '../sobol-indices.ts';
import { StudyError } from './errors.ts';
import { evaluateLeverPoints, pointMeans, studyFactors, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';

/** Options shared by the global sensitivity studies. */
export interface SensitivityOptions extends StudyRunOptions {
  /** The outcome analysed: its mean over a point's runs (a probability for a 0/1 outcome). */
  outcome: SummaryMetric;
  /** Bootstrap resamples of the indices' intervals (default 1,000). */
  resamples?: number;
  /** Seed of the bootstrap (and of Morris's trajectories), not of the runs (default 1). */
  analysisSeed?: number;
}

export interface SobolStudyOptions extends SensitivityOptions {
  /** N, rows per Saltelli block: a power of two (default 512); N (D + 2) points. */
  baseSamples?: number;
}

export interface SobolStudyResult {
  outcome: SummaryMetric;
  design: SaltelliDesign;
  /** Null if cancelled before every point ran. */
  indices: SobolResult | null;
  evaluation: PointsEvaluation;
}

/**
 * Sobol' first-order and total indices of an outcome over the levers and
 * uncertainties named with ranges: a Saltelli design on a Sobol' sequence, each
 * point's outcome the mean over its runs (common random numbers), Saltelli's and
 * Jansen's estimators with bootstrap intervals (src/analysis/sobol-indices.ts).
 * The Monte Carlo noise of each point's mean adds to the variance the indices
 * divide; with enough runs per point it is small against the variance between points.
 *
 * @throws StudyError for a bad lever or range, a base sample count that is not a
 *   power of two, or an outcome that does not vary over the points
 */
export async function sobolStudy(base: Scenario, ranges: Record<string, readonly [number, number]>, options: SobolStudyOptions): Promise<SobolStudyResult> {
  const factors = studyFactors(base, ranges, 'ranges');
  const design = asStudyError(() => saltelliDesign(factors, options.baseSamples ?? 512), 'samples');
  const evaluation = await evaluateLeverPoints(`Sobol' indices of ${factors.length} factors`, base, factors.map((f) => f.lever), design.points, [options.outcome], options);
  const indices = evaluation.complete
    ? asStudyError(() => sobolIndices(design, pointMeans(evaluation.points, options.outcome), { resamples: options.resamples ?? 1000, rng: createRng(`sobol-bootstrap/${options.analysisSeed ?? 1}`) }))
    : null;
  return { outcome: options.outcome, design, indices, evaluation };
}

export interface MorrisStudyOptions extends SensitivityOptions {
  /** r, trajectories (default 20); r (D + 1) points. */
  trajectories?: number;
  /** p, grid levels, even (default 4). */
  levels?: number;
}

export interface MorrisStudyResult {
  outcome: SummaryMetric;
  effects: MorrisResult | null;
  evaluation: PointsEvaluation;
}

/**
 * Morris elementary effects (mu*, sigma) of an outcome over the factors named with
 * ranges: a screening for many factors at r (D + 1) points.
 *
 * @throws StudyError for a bad lever, range, trajectory or level count
 */
export async function morrisStudy(base: Scenario, ranges: Record<string, readonly [number, number]>, options: MorrisStudyOptions): Promise<MorrisStudyResult> {
  const factors = studyFactors(base, ranges, 'ranges');
  const seed = options.analysisSeed ?? 1;
  const design = asStudyError(() => morrisDesign(factors, { trajectories: options.trajectories ?? 20, levels: options.levels ?? 4, rng: createRng(`morris-design/${seed}`) }), 'samples');
  const evaluation = await evaluateLeverPoints(`Morris screening of ${factors.length} factors`, base, factors.map((f) => f.lever), design.points, [options.outcome], options);
  const effects = evaluation.complete ? asStudyError(() => morrisEffects(design, pointMeans(evaluation.points, options.outcome), { resamples: options.resamples ?? 1000, rng: createRng(`morris-bootstrap/${seed}`) })) : null;
  return { outcome: options.outcome, effects, evaluation };
}

/**
 * The analysis functions' own errors, named as a study's: `field` 'analysis' for
 * what the runs gave (an outcome that does not vary), else the option at fault.
 */
export function asStudyError<T>(f: () => T, field = 'analysis'): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof AnalysisInputError) {
      const why = /zero variance|variance/.test(e.message) ? `${e.message}: the outcome is the same at every point, so nothing explains its variance; widen the ranges or choose another outcome` : e.message;
      throw new StudyError(field, why);
    }
    throw e;
  }
}
