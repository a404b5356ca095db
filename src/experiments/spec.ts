import { z } from 'zod';
import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../engine/metrics.ts';

/**
 * The experiment file (YAML or JSON), in EMA Workbench's vocabulary: a base
 * scenario; levers (what a designer sets) as a list of points, a full-factorial
 * grid or a seeded Latin hypercube; uncertainties (what nobody sets) sampled per
 * point by Latin hypercube or plain Monte Carlo; runs per point on common random
 * numbers; the outcomes to keep. One zod definition gives the types, the
 * validation and `scenarios/experiment.schema.json`.
 *
 * Points are every lever setting crossed with every uncertainty sample (lever
 * setting major), after point 0, the base scenario as it is (unless
 * `includeBase: false`): the reference of the paired differences. The engine's own
 * per-run draws (the target's type from its prior, a member's resolve given as a
 * uniform range, shocks by hazard) stay per run, on the run's seed.
 */

/** Most points in one experiment; beyond this, shard smaller experiments. */
export const MAX_POINTS = 1_000_000;
/** Most runs of one point. */
export const MAX_RUNS_PER_POINT = 10_000_000;
/** Most runs in one experiment (points x runs per point): run indices of a table stay exact 32-bit integers. */
export const MAX_TOTAL_RUNS = 2 ** 31 - 1;

const path = z.string().min(1).describe('a lever path, e.g. design.verification.detectionProbability or design.tranches[step2].sustainedPeriods');
const leverValue = z.union([z.number(), z.boolean(), z.string()]);
const range = z
  .tuple([z.number({ error: 'must be a number' }), z.number({ error: 'must be a number' })])
  .refine(([lo, hi]) => lo <= hi, { message: 'the lower bound must not exceed the upper bound' })
  .describe('[lower, upper] of a uniform range (whole-number fields are rounded)');
const seed = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'is not in [0, 2^53)' }).max(Number.MAX_SAFE_INTEGER, { message: 'is not in [0, 2^53)' });
const samples = z.number().int({ message: 'must be a whole number' }).min(1, { message: `is not in [1, ${MAX_POINTS}]` }).max(MAX_POINTS, { message: `is not in [1, ${MAX_POINTS}]` });
const ranges = z.record(path, range).refine((r) => Object.keys(r).length > 0, { message: 'needs at least one path' });

const leverList = z.strictObject({
  sampling: z.literal('list'),
  points: z.array(z.record(path, leverValue)).min(1, { message: 'needs at least one point' }).describe('each point: lever path -> value; a lever left out keeps its base value'),
});
const leverGrid = z.strictObject({
  sampling: z.literal('grid'),
  values: z
    .record(path, z.array(leverValue).min(1, { message: 'needs at least one value' }))
    .refine((r) => Object.keys(r).length > 0, { message: 'needs at least one path' })
    .describe('lever path -> values; every combination is a point (the last path varies fastest)'),
});
const leverHypercube = z.strictObject({
  sampling: z.literal('latin-hypercube'),
  samples,
  seed: seed.describe('seed of the hypercube (not of the runs)'),
  ranges,
});

const uncertainties = z.strictObject({
  sampling: z.enum(['latin-hypercube', 'monte-carlo']).describe('latin-hypercube: one sample in each of `samples` equal strata per dimension; monte-carlo: independent uniform draws'),
  samples,
  seed: seed.describe('seed of the sample (not of the runs)'),
  ranges,
});

export const experimentSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).describe('short name of the experiment'),
  description: z.string().default(''),
  scenario: z.string().min(1).describe('the base scenario file, relative to this file'),
  levers: z.discriminatedUnion('sampling', [leverList, leverGrid, leverHypercube]).optional().describe('the design points; none: the base scenario only'),
  uncertainties: uncertainties.optional().describe('parameters sampled per point and crossed with every lever setting'),
  includeBase: z.boolean().default(true).describe('point 0 is the base scenario as it is: the reference of the paired differences (else the first point is)'),
  runsPerPoint: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: `is not in [1, ${MAX_RUNS_PER_POINT}]` })
    .max(MAX_RUNS_PER_POINT, { message: `is not in [1, ${MAX_RUNS_PER_POINT}]` })
    .describe('runs of every point; run i of every point uses the seed "<masterSeed>/<i>"'),
  masterSeed: seed.default(1).describe('run i of every point uses the seed "<masterSeed>/<i>" (common random numbers)'),
  outcomes: z
    .array(z.enum(SUMMARY_METRIC_NAMES as [SummaryMetric, ...SummaryMetric[]]))
    .min(1)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'lists an outcome twice' })
    .optional()
    .describe('run-summary outcomes to keep in the tables and summaries (default: all)'),
});

/** An experiment file after validation. */
export type ExperimentFile = z.output<typeof experimentSchema>;

/** The JSON Schema of experiment files (`scenarios/experiment.schema.json`), generated from the zod definition. */
export function experimentJsonSchemaText(): string {
  const schema = z.toJSONSchema(experimentSchema, { io: 'input' });
  const titled = {
    ...schema,
    title: 'Relief Lab experiment',
    description: 'Design points x runs on common random numbers: a base scenario, levers, uncertainties, runs per point, the master seed and the outcomes kept. Generated by `relief-lab experiment --schema`; do not edit.',
  };
  return JSON.stringify(titled, null, 2) + '\n';
}
