import type { SummaryMetric } from '../../engine/metrics.ts';
import type { PairedOutcome } from '../../experiments/index.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { sweepDesign, sweepResult, type SweepResult } from '../sweep.ts';
import { StudyError } from './errors.ts';
import { evaluateLeverPoints, studyFactors, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';

/** Options of `sweepStudy`. */
export interface SweepStudyOptions extends StudyRunOptions {
  /** The outcome swept (its mean over the runs of a point; a probability for a 0/1 outcome). */
  outcome: SummaryMetric;
  /** Points per lever, ends included, in [2, 1001] (default 5). */
  levels?: number;
}

/** One level of one lever: the outcome and its paired difference with the base point (same seeds). */
export interface SweepStudyLevel {
  value: number;
  difference: PairedOutcome;
}

/** What `sweepStudy` returns. */
export interface SweepStudyResult {
  outcome: SummaryMetric;
  /** Lines and tornado with each point's 95% interval; null if cancelled before every point ran. */
  sweep: SweepResult | null;
  /** Per lever, per level: the paired difference with the base point, with its 95% interval. */
  differences: { factor: string; levels: SweepStudyLevel[] }[];
  evaluation: PointsEvaluation;
}

/**
 * One lever at a time: each lever swept over its range with the others at the
 * base scenario's values, on common random numbers (every point runs the same
 * seeds), so a difference from the base is the lever's effect and not sampling
 * noise; a lever the model ignores gives exactly zero difference.
 *
 * @param ranges lever path -> [low, high]; the base scenario's value must lie inside
 * @throws StudyError for an unknown lever, an empty range or one outside the schema, a base value outside its range
 * @example await sweepStudy(base, { 'design.verification.detectionProbability': [0.2, 0.9] }, { outcome: 'collapsed', runsPerPoint: 400, pool })
 */
export async function sweepStudy(base: Scenario, ranges: Record<string, readonly [number, number]>, options: SweepStudyOptions): Promise<SweepStudyResult> {
  const { factors, sweepFactors, design } = sweepStudyDesign(base, ranges, options.levels ?? 5);
  const evaluation = await evaluateLeverPoints(`sweep of ${factors.length} levers`, base, factors.map((f) => f.lever), design.points, [options.outcome], options);
  const done = evaluation.points;
  const differences = sweepFactors.map((f, i) => ({
    factor: f.name,
    levels: design.rows.flatMap((r, k) => (r.factor === i && k < done.length ? [{ value: r.value, difference: done[k].vsReference[options.outcome] }] : [])),
  }));
  let sweep: SweepResult | null = null;
  if (evaluation.complete) {
    sweep = sweepResult(
      design,
      done.map((p) => {
        const o = p.outcomes[options.outcome];
        if (o.n === 0) throw new StudyError('outcome', `${options.outcome} is undefined at point ${p.point} (no run where it is defined); choose an outcome defined in every run, e.g. collapsed`);
        return { estimate: o.mean, ci: o.ci95 };
      }),
    );
  }
  return { outcome: options.outcome, sweep, differences, evaluation };
}

/**
 * The sweep's factors and points, before any run (a memo shard needs the point
 * count to know its share).
 *
 * @throws StudyError as sweepStudy
 */
export function sweepStudyDesign(base: Scenario, ranges: Record<string, readonly [number, number]>, levels: number) {
  const factors = studyFactors(base, ranges, 'levers');
  const sweepFactors = factors.map((f) => {
    const b = f.lever.base;
    if (typeof b !== 'number' || b < f.low || b > f.high) throw new StudyError(`levers ${f.name}`, `the scenario's value ${JSON.stringify(b)} is outside the range [${f.low}, ${f.high}]; a sweep holds the other levers at their values and starts from the base, so the range must include it`);
    return { name: f.name, low: f.low, high: f.high, base: b };
  });
  return { factors, sweepFactors, design: sweepDesign(sweepFactors, levels) };
}
