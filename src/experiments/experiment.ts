import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../engine/metrics.ts';
import { LeverError, type LeverValue } from '../scenario/levers.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioFingerprint } from '../montecarlo/seeds.ts';
import { RELIEF_LAB_VERSION } from '../montecarlo/version.ts';
import { pointScenario } from './chunk-service.ts';
import { runRecordLayout, tableColumns, type TableColumn } from './columns.ts';
import { ExperimentError } from './errors.ts';
import { designPoints, type ExperimentDesign } from './points.ts';
import { MAX_TOTAL_RUNS, type ExperimentFile } from './spec.ts';

/** An experiment ready to run: its file, base scenario and points. */
export interface Experiment {
  name: string;
  description: string;
  base: Scenario;
  design: ExperimentDesign;
  runsPerPoint: number;
  masterSeed: number;
  outcomes: SummaryMetric[];
  /**
   * Whole scenarios as points (a comparison of designs that differ in more than a
   * few levers, e.g. presets): point p runs pointScenarios[p]; the parameters are
   * then empty and `base` is point 0's scenario. The tranche columns of the table
   * follow the base's tranches, by position.
   */
  pointScenarios?: Scenario[];
}

/** What every result, partial and table of an experiment states about it; shards of one experiment have equal headers. */
export interface ExperimentHeader {
  name: string;
  description: string;
  scenarioName: string;
  scenarioHash: string;
  /** Fingerprint of the base scenario, points, runs, seed and outcomes: partials of different experiments refuse to merge. */
  experimentHash: string;
  masterSeed: number;
  runsPerPoint: number;
  pointCount: number;
  parameters: { path: string; role: 'lever' | 'uncertainty'; kind: string; unit: string; min?: number; max?: number; options?: readonly string[]; description: string }[];
  outcomes: SummaryMetric[];
  /** The per-run table's columns: the data dictionary. */
  columns: TableColumn[];
  version: string;
}

/**
 * An experiment from its validated file and base scenario: the points (see
 * designPoints) and the outcomes kept.
 *
 * @throws ExperimentError naming the field for bad lever paths or values, or too many runs.
 */
export function prepareExperiment(file: ExperimentFile, base: Scenario): Experiment {
  const design = designPoints(file, base);
  const total = design.values.length * file.runsPerPoint;
  if (total > MAX_TOTAL_RUNS) throw new ExperimentError('runsPerPoint', `${design.values.length} points x ${file.runsPerPoint} runs is ${total} runs; at most ${MAX_TOTAL_RUNS} in one experiment`);
  return {
    name: file.name,
    description: file.description,
    base,
    design,
    runsPerPoint: file.runsPerPoint,
    masterSeed: file.masterSeed,
    outcomes: file.outcomes ?? [...SUMMARY_METRIC_NAMES],
  };
}

export function experimentHeader(e: Experiment): ExperimentHeader {
  const scenarioHash = scenarioFingerprint(e.base);
  const parameters = e.design.parameters.map(({ role, lever: l }) => ({
    path: l.path,
    role,
    kind: l.kind,
    unit: l.unit,
    ...(l.min !== undefined ? { min: l.min } : {}),
    ...(l.max !== undefined ? { max: l.max } : {}),
    ...(l.options ? { options: l.options } : {}),
    description: l.description,
  }));
  return {
    name: e.name,
    description: e.description,
    scenarioName: e.base.metadata.name,
    scenarioHash,
    experimentHash: scenarioFingerprint({ scenarioHash, scenarios: e.pointScenarios?.map(scenarioFingerprint), parameters: parameters.map((p) => p.path), values: e.design.values, runsPerPoint: e.runsPerPoint, masterSeed: e.masterSeed, outcomes: e.outcomes }),
    masterSeed: e.masterSeed,
    runsPerPoint: e.runsPerPoint,
    pointCount: e.design.values.length,
    parameters,
    outcomes: e.outcomes,
    columns: tableColumns(e.design.parameters, runRecordLayout(e.base, e.outcomes)),
    version: RELIEF_LAB_VERSION,
  };
}

/** Parameter path -> value of point p (null: the base's). */
export function pointValues(e: Experiment, p: number): Record<string, LeverValue | null> {
  return Object.fromEntries(e.design.parameters.map((q, k) => [q.lever.path, e.design.values[p][k]]));
}

/**
 * Checks that point p gives a valid scenario, before any run.
 *
 * @throws ExperimentError naming the point and the levers.
 */
export function checkPoint(e: Experiment, p: number): void {
  if (e.pointScenarios) return;
  try {
    pointScenario({ scenario: e.base, levers: e.design.parameters.map((q) => q.lever) }, e.design.values[p]);
  } catch (err) {
    if (err instanceof LeverError) throw new ExperimentError(`point ${p}`, err.message);
    throw err;
  }
}
