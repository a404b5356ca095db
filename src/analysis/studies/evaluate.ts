import type { SummaryMetric } from '../../engine/metrics.ts';
import { experimentHeader, mergeExperimentPartials, runExperiment, type Experiment, type ExperimentHeader, type ExperimentPartial, type ExperimentPool, type ExperimentProgress, type PointSummary } from '../../experiments/index.ts';
import { MAX_RUNS_PER_POINT, MAX_TOTAL_RUNS } from '../../experiments/spec.ts';
import { ExperimentError } from '../../experiments/errors.ts';
import { checkLeverValue, LeverError, resolveLever, type Lever, type LeverValue } from '../../scenario/levers.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { Factor } from '../factors.ts';
import { StudyError } from './errors.ts';

/**
 * The bridge from the analyses (designs of points, estimators of outcomes) to the
 * model: points of lever values become the points of an experiment
 * (src/experiments), run on common random numbers (run i of every point uses the
 * seed "<masterSeed>/<i>") over the caller's pool, with progress, Cancel and
 * partial results. Only runExperiment's public API is used.
 */

/** How a study's points are run. */
export interface StudyRunOptions {
  /** Runs of every point, in [1, 10,000,000]. */
  runsPerPoint: number;
  /** Run i of every point uses the seed "<masterSeed>/<i>" (default 1). */
  masterSeed?: number;
  /** Where chunks run (a worker pool); default the calling thread. The caller keeps ownership. */
  pool?: ExperimentPool;
  signal?: AbortSignal;
  onProgress?: (p: ExperimentProgress) => void;
  /**
   * Run only shard `index` (1-based) of `count` equal shares of the points, for a
   * cluster: the evaluation then holds no points (the study computes nothing) and
   * `partial` is the shard's, to merge with `parts`.
   */
  shard?: { index: number; count: number };
  /**
   * The partials of every shard of this same study (from runs with `shard`): no run
   * is made; the study is computed from their merged points, exactly as unsharded.
   */
  parts?: readonly ExperimentPartial[];
}

/** What running a study's points gives: one summary per point finished, in point order. */
export interface PointsEvaluation {
  header: ExperimentHeader;
  points: PointSummary[];
  /** False when cancelled (or sharded): `points` then holds the points finished before the cancel. */
  complete: boolean;
  /** What the experiment layer returned: a shard's partial is what a cluster job writes. */
  partial: ExperimentPartial;
}

/** A factor of a study: its lever (path, unit, schema range) and the range studied. */
export interface StudyFactor extends Factor {
  lever: Lever;
}

/**
 * Resolves lever paths with ranges against a scenario, for a study.
 *
 * @param ranges lever path -> [low, high], low < high, inside the schema's range of the field
 * @param field where the ranges come from, for messages (e.g. "--lever", "levers")
 * @throws StudyError naming the path: an unknown lever, a field that is not a number,
 *   an empty or reversed range, or a range outside the schema
 * @example studyFactors(s, { 'design.verification.detectionProbability': [0.2, 0.9] }, 'levers')
 */
export function studyFactors(base: Scenario, ranges: Record<string, readonly [number, number]>, field: string): StudyFactor[] {
  const paths = Object.keys(ranges);
  if (paths.length === 0) throw new StudyError(field, 'needs at least one lever path with a range, e.g. design.verification.detectionProbability=0.2:0.9');
  return paths.map((path) => {
    let lever: Lever;
    try {
      lever = resolveLever(base, path);
    } catch (e) {
      if (e instanceof LeverError) throw new StudyError(field, e.message);
      throw e;
    }
    if (lever.kind !== 'number' && lever.kind !== 'integer') throw new StudyError(`${field} ${path}`, `is ${lever.kind === 'enum' ? 'a choice' : 'a yes/no'} field; only number fields can be studied over a range`);
    const [low, high] = ranges[path];
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new StudyError(`${field} ${path}`, `the range [${low}, ${high}] must be two finite numbers`);
    if (!(low < high)) throw new StudyError(`${field} ${path}`, `the range [${low}, ${high}] is empty or reversed; give low < high`);
    const lo = lever.min ?? -Infinity;
    const hi = lever.max ?? Infinity;
    if (low < lo || high > hi) throw new StudyError(`${field} ${path}`, `the range [${low}, ${high}] is outside the field's allowed range [${lever.min}, ${lever.max}] (${lever.unit})`);
    return { name: path, low, high, lever };
  });
}

/**
 * Runs points of lever values on the base scenario as one experiment (point 0
 * first: the reference of the paired differences). Values are checked and
 * whole-number fields rounded, as the experiments layer does.
 *
 * @throws StudyError for a bad run count, a value out of range or a point that makes the scenario invalid;
 *   ExperimentRunError (from runExperiment) if a run throws
 */
export async function evaluateLeverPoints(name: string, base: Scenario, levers: readonly Lever[], points: readonly (readonly number[])[], outcomes: SummaryMetric[], options: StudyRunOptions): Promise<PointsEvaluation> {
  const values: (LeverValue | null)[][] = points.map((p, i) =>
    levers.map((l, k) => {
      try {
        return checkLeverValue(l, p[k]);
      } catch (e) {
        if (e instanceof LeverError) throw new StudyError(`point ${i}`, e.message);
        throw e;
      }
    }),
  );
  const e: Experiment = {
    name,
    description: '',
    base,
    design: { parameters: levers.map((lever) => ({ role: 'lever' as const, lever })), values },
    ...runCounts(options, points.length),
    outcomes,
  };
  return run(e, options);
}

/**
 * Runs whole scenarios as the points of one experiment (designs that differ in more
 * than levers: a shock added, say), on common random numbers.
 *
 * @throws StudyError for a bad run count or no scenario
 */
export async function evaluateScenarios(name: string, scenarios: readonly Scenario[], outcomes: SummaryMetric[], options: StudyRunOptions): Promise<PointsEvaluation> {
  if (scenarios.length === 0) throw new StudyError('scenarios', 'needs at least one scenario');
  const e: Experiment = {
    name,
    description: '',
    base: scenarios[0],
    design: { parameters: [], values: scenarios.map(() => []) },
    pointScenarios: [...scenarios],
    ...runCounts(options, scenarios.length),
    outcomes,
  };
  return run(e, options);
}

function runCounts(options: StudyRunOptions, points: number): { runsPerPoint: number; masterSeed: number } {
  const R = options.runsPerPoint;
  if (!Number.isInteger(R) || R < 1 || R > MAX_RUNS_PER_POINT) throw new StudyError('runs', `${R} is not a whole number in [1, ${MAX_RUNS_PER_POINT}] (runs per point)`);
  if (points * R > MAX_TOTAL_RUNS) throw new StudyError('runs', `${points} points x ${R} runs is ${points * R} runs; at most ${MAX_TOTAL_RUNS} in one study`);
  const masterSeed = options.masterSeed ?? 1;
  if (!Number.isSafeInteger(masterSeed) || masterSeed < 0) throw new StudyError('seed', `${masterSeed} is not a whole number in [0, 2^53)`);
  return { runsPerPoint: R, masterSeed };
}

async function run(e: Experiment, options: StudyRunOptions): Promise<PointsEvaluation> {
  const total = e.design.values.length;
  try {
    if (options.parts) return fromParts(e, options.parts);
    if (options.shard && (!Number.isInteger(options.shard.count) || options.shard.count < 1 || options.shard.count > total || options.shard.index < 1 || options.shard.index > options.shard.count)) {
      throw new StudyError('--shard', `${options.shard.index}/${options.shard.count}: needs 1 <= i <= N <= ${total} (the study's points)`);
    }
    const partial = await runExperiment(e, {
      ...(options.pool ? { pool: options.pool } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
    });
    // A shard's points are a slice: the study needs all of them, from the merged parts.
    if (options.shard) return { header: partial.header, points: [], complete: false, partial };
    return { header: partial.header, points: partial.points, complete: partial.points.length === total, partial };
  } catch (err) {
    if (err instanceof ExperimentError) throw new StudyError(err.field, err.problem);
    throw err;
  }
}

/** The study's points from the partials of its shards, refusing parts of another study. */
function fromParts(e: Experiment, parts: readonly ExperimentPartial[]): PointsEvaluation {
  if (parts.length === 0) throw new StudyError('--parts', 'needs at least one partial');
  const want = experimentHeader(e).experimentHash;
  parts.forEach((p, i) => {
    if (p.header?.experimentHash !== want) throw new StudyError('--parts', `part ${i + 1} belongs to another study (a different scenario, levers, ranges, samples, runs, seed or outcome); run every shard with the same arguments`);
  });
  let merged: ExperimentPartial;
  try {
    merged = mergeExperimentPartials(parts);
  } catch (err) {
    throw new StudyError('--parts', (err as Error).message);
  }
  const total = e.design.values.length;
  const complete = merged.pointRange.first === 0 && merged.points.length === total;
  return { header: merged.header, points: complete ? merged.points : [], complete, partial: merged };
}

/**
 * The mean of an outcome at each point (a probability for a 0/1 outcome).
 *
 * @throws StudyError when the outcome is undefined at a point (e.g. collapsePeriod where no run collapsed)
 */
export function pointMeans(points: readonly PointSummary[], outcome: SummaryMetric): number[] {
  return points.map((p) => {
    const o = p.outcomes[outcome];
    if (!o || o.n === 0) throw new StudyError('outcome', `${outcome} is undefined at point ${p.point} (no run where it is defined); choose an outcome defined in every run, e.g. collapsed`);
    return o.mean;
  });
}
