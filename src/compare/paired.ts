import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../engine/metrics.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ExperimentPool } from '../experiments/pool.ts';
import { runExperiment } from '../experiments/run.ts';
import type { Experiment } from '../experiments/experiment.ts';
import type { PairedOutcome } from '../experiments/summary.ts';

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
 * Runs 2 or more whole designs as the points of one experiment on common random
 * numbers (run i of each uses the seed "<masterSeed>/<i>", as their batches do) and
 * returns each later design's paired differences with the first, which
 * compareDesigns takes in place of its conservative independent intervals.
 *
 * @throws Error if fewer than 2 designs or the names repeat; ExperimentRunError if a run throws.
 * @example
 *   const paired = await pairedDesignDifferences([{ name: 'a', scenario: a }, { name: 'b', scenario: b }], { runs: 2000, masterSeed: 1 });
 *   compareDesigns(results, { paired });
 */
export async function pairedDesignDifferences(designs: readonly { name: string; scenario: Scenario }[], options: PairedDesignOptions): Promise<PairedDifferences> {
  if (designs.length < 2) throw new Error(`pairedDesignDifferences requires at least 2 designs, got ${designs.length}`);
  if (new Set(designs.map((d) => d.name)).size !== designs.length) throw new Error('pairedDesignDifferences requires distinct design names');
  const e: Experiment = {
    name: 'paired comparison',
    description: designs.map((d) => d.name).join(' vs '),
    base: designs[0].scenario,
    design: { parameters: [], values: designs.map(() => []) },
    pointScenarios: designs.map((d) => d.scenario),
    runsPerPoint: options.runs,
    masterSeed: options.masterSeed,
    outcomes: [...SUMMARY_METRIC_NAMES],
  };
  const r = await runExperiment(e, { ...(options.pool ? { pool: options.pool } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  if (r.points.length < designs.length) throw new DOMException('cancelled', 'AbortError');
  return Object.fromEntries(designs.slice(1).map((d, i) => [d.name, r.points[i + 1].vsReference]));
}
