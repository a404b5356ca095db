import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../engine/metrics.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ExperimentPool } from '../experiments/pool.ts';
import { runExperiment } from '../experiments/run.ts';
import type { Experiment } from '../experiments/experiment.ts';
import type { PairedOutcome, PointSummary } from '../experiments/summary.ts';

/** Per design after the first: each outcome's paired difference (design minus the first), by run index. */
export type PairedDifferences = Record<string, Record<SummaryMetric, PairedOutcome>>;

export interface PairedDesignOptions {
  runs: number;
  masterSeed: number;
  /** Where the runs go; default: the calling thread. */
  pool?: ExperimentPool;
  signal?: AbortSignal;
}

/**
 * The experiment that pairs 2 or more whole designs: each design is a point (point
 * 0 the reference), run `runs` times on common random numbers (run i of each uses
 * the seed "<masterSeed>/<i>", as their batches do). Run it anywhere (runExperiment
 * with any pool, or a browser's experiment worker), then read it with pairedFromPoints.
 *
 * @throws Error if fewer than 2 designs or the names repeat.
 */
export function pairedExperiment(designs: readonly { name: string; scenario: Scenario }[], options: { runs: number; masterSeed: number }): Experiment {
  if (designs.length < 2) throw new Error(`pairedDesignDifferences requires at least 2 designs, got ${designs.length}`);
  if (new Set(designs.map((d) => d.name)).size !== designs.length) throw new Error('pairedDesignDifferences requires distinct design names');
  return {
    name: 'paired comparison',
    description: designs.map((d) => d.name).join(' vs '),
    base: designs[0].scenario,
    design: { parameters: [], values: designs.map(() => []) },
    pointScenarios: designs.map((d) => d.scenario),
    runsPerPoint: options.runs,
    masterSeed: options.masterSeed,
    outcomes: [...SUMMARY_METRIC_NAMES],
  };
}

/**
 * Each later design's paired differences with the first, from the points of its
 * pairedExperiment (in design order).
 *
 * @throws DOMException AbortError if the experiment was cancelled before every point finished.
 */
export function pairedFromPoints(names: readonly string[], points: readonly PointSummary[]): PairedDifferences {
  if (points.length < names.length) throw new DOMException('cancelled', 'AbortError');
  return Object.fromEntries(names.slice(1).map((name, i) => [name, points[i + 1].vsReference]));
}

/**
 * Runs 2 or more whole designs as the points of one experiment on common random
 * numbers (pairedExperiment) and returns each later design's paired differences
 * with the first, which compareDesigns takes in place of its conservative
 * independent intervals.
 *
 * @throws Error if fewer than 2 designs or the names repeat; ExperimentRunError if a run throws.
 * @example
 *   const paired = await pairedDesignDifferences([{ name: 'a', scenario: a }, { name: 'b', scenario: b }], { runs: 2000, masterSeed: 1 });
 *   compareDesigns(results, { paired });
 */
export async function pairedDesignDifferences(designs: readonly { name: string; scenario: Scenario }[], options: PairedDesignOptions): Promise<PairedDifferences> {
  const e = pairedExperiment(designs, options);
  const r = await runExperiment(e, { ...(options.pool ? { pool: options.pool } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  return pairedFromPoints(designs.map((d) => d.name), r.points);
}
