import { InvalidArgumentError } from 'commander';
import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../../engine/metrics.ts';
import { experimentJson, ExperimentRunError, parseExperimentPartial, type ExperimentPartial, type ExperimentPool } from '../../experiments/index.ts';
import { readFileBounded } from '../../node/file-io.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { parseStressPartial, StudyError, type StressPartial } from '../../analysis/studies/index.ts';
import { createNodeExperimentPool } from '../../node/experiments.ts';
import { defaultWorkers } from '../../node/index.ts';
import { loadScenarioFile } from '../../node/scenario-files.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { CliFailure, EXIT, stoppedExitCode, type CliIo } from '../io.ts';
import { startProgress } from '../progress.ts';
import { checkOutPath, emit, loadFailure } from './output.ts';

/**
 * What the analysis commands (sweep, sensitivity, stress, discover, report) share:
 * `--lever PATH=LOW:HIGH` ranges, the outcome, runs per point, the seed, a worker
 * pool with a progress bar, Cancel (partial output, exit 130/143/129) and errors
 * that name the flag.
 */

export interface StudyCliOptions {
  runs?: number;
  seed?: number;
  workers?: number;
  outcome?: SummaryMetric;
  out?: string;
  /** Drop the scenario's own shocks (a case's history) to study the design alone. */
  withoutShocks?: boolean;
  shard?: { index: number; count: number };
  parts?: string[];
}

/** The run options of a study from --shard and --parts (the partials read and checked). */
export function shardOptions(opts: StudyCliOptions): { shard?: { index: number; count: number }; parts?: ExperimentPartial[] } {
  if (opts.shard && opts.parts) throw new CliFailure('relief-lab: give --shard (run one shard) or --parts (combine the shards), not both.\n(add --help for usage)', EXIT.usage);
  if (opts.shard) return { shard: opts.shard };
  if (!opts.parts) return {};
  return { parts: opts.parts.map((file) => readPart(file, parseExperimentPartial)) };
}

/** --shard and --parts of a stress test, whose partials are its own (a stress test shards by shock, not by point). */
export function stressShardOptions(opts: StudyCliOptions): { shard?: { index: number; count: number }; parts?: StressPartial[] } {
  if (opts.shard && opts.parts) throw new CliFailure('relief-lab: give --shard (run one shard) or --parts (combine the shards), not both.\n(add --help for usage)', EXIT.usage);
  if (opts.shard) return { shard: opts.shard };
  if (!opts.parts) return {};
  return { parts: opts.parts.map((file) => readPart(file, parseStressPartial)) };
}

/** One --parts file, read (bounded) and parsed; a failure names the file and exits 1. */
export function readPart<T>(file: string, parse: (text: string, shown: string) => T): T {
  const read = readFileBounded(file, 512 * 1024 * 1024);
  if (!read.ok) throw new CliFailure(`relief-lab: --parts ${escapeControlCharacters(file)}: ${read.message}`, EXIT.failure);
  try {
    return parse(read.bytes.toString('utf8'), escapeControlCharacters(file));
  } catch (e) {
    throw new CliFailure(`relief-lab: --parts ${(e as Error).message}`, EXIT.failure);
  }
}

/**
 * A shard's output: its partial (JSON) instead of the study; exit as stopped when
 * the shard was cut short. Returns true when it handled the output.
 */
export function emitShard(io: CliIo, opts: StudyCliOptions, partial: ExperimentPartial): boolean {
  if (!opts.shard) return false;
  emit(io, experimentJson(partial), opts.out, `the partial of shard ${opts.shard.index}/${opts.shard.count} (${partial.points.length} points; combine the shards with --parts)`);
  if (partial.points.length < partial.pointRange.count) stoppedStudy(io, `shard ${opts.shard.index}/${opts.shard.count}`);
  return true;
}

/** Repeated `--lever PATH=LOW:HIGH` into a record (the order given is kept). */
export function collectRange(value: string, previous: Record<string, [number, number]> = {}): Record<string, [number, number]> {
  const m = /^([^=\s]+)=([^:]+):(.+)$/.exec(value);
  const low = m ? Number(m[2]) : NaN;
  const high = m ? Number(m[3]) : NaN;
  if (!m || !Number.isFinite(low) || !Number.isFinite(high)) throw new InvalidArgumentError(`takes PATH=LOW:HIGH, e.g. design.verification.detectionProbability=0.2:0.9 (got ${JSON.stringify(value)}).`);
  if (m[1] in previous) throw new InvalidArgumentError(`names ${m[1]} twice.`);
  return { ...previous, [m[1]]: [low, high] };
}

/** `--outcome NAME`: one of the summary metrics. */
export function parseOutcome(value: string): SummaryMetric {
  if (!(SUMMARY_METRIC_NAMES as string[]).includes(value)) throw new InvalidArgumentError(`takes one of ${SUMMARY_METRIC_NAMES.join(', ')}.`);
  return value as SummaryMetric;
}

/** A number in [min, max] for a flag. */
export function numberIn(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) throw new InvalidArgumentError(`${flag} takes a number in [${min}, ${max}].`);
    return n;
  };
}

/** The scenario of a study (without its own shocks with --without-shocks), after checking --out. */
export function loadStudyScenario(file: string, opts: { out?: string; withoutShocks?: boolean }): Scenario {
  if (opts.out !== undefined) checkOutPath(opts.out);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw loadFailure(loaded);
  return opts.withoutShocks ? withoutShocks(loaded.scenario) : loaded.scenario;
}

/** The scenario without its own shocks (a case's history), and without the open shortfalls that follow them. */
export function withoutShocks(s: Scenario): Scenario {
  const shortfalls = s.target.openShortfalls?.filter((o) => o.followsShock === undefined);
  return { ...s, shocks: [], target: { ...s.target, ...(s.target.openShortfalls ? { openShortfalls: shortfalls } : {}) } };
}

/**
 * Runs a study on a worker pool made for it (threads: --workers, default the cores
 * unless the study is small), with a progress bar; maps the studies' errors to
 * CLI failures that name the flag (exit 2) or the run that failed (exit 1).
 */
export async function withStudyPool<T>(io: CliIo, opts: StudyCliOptions, estimate: { runs: number; horizonPeriods: number; label: string }, study: (run: { pool?: ExperimentPool; signal?: AbortSignal; onProgress: (p: { runsDone: number }) => void }) => Promise<T>): Promise<T> {
  const workers = opts.workers ?? defaultWorkers(estimate.runs, estimate.horizonPeriods);
  const pool = workers > 1 ? createNodeExperimentPool({ workers }) : undefined;
  const progress = startProgress(io, estimate.runs, estimate.label);
  let base = 0;
  let last = 0;
  try {
    return await study({
      ...(pool ? { pool } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      // A study may run several experiments (the rounds of a stress test): progress adds them up.
      onProgress: ({ runsDone }) => {
        if (runsDone < last) base += last;
        last = runsDone;
        progress.update(Math.min(estimate.runs, base + runsDone));
      },
    });
  } catch (e) {
    if (e instanceof StudyError) throw new CliFailure(`relief-lab: ${e.message}`, MODEL_FIELDS.test(e.field) ? EXIT.failure : EXIT.usage);
    if (e instanceof ExperimentRunError) throw new CliFailure(`relief-lab: ${e.message}`, EXIT.failure);
    throw e;
  } finally {
    progress.stop();
    await pool?.close();
  }
}

/** Study errors the model raises (a point the scenario cannot take, an outcome that does not vary); the others are bad flags. */
const MODEL_FIELDS = /^(analysis|outcome|point)/;

/** After writing a partial result: the exit of a stopped study. */
export function stoppedStudy(io: CliIo, what: string): never {
  throw new CliFailure(`relief-lab: stopped before the ${what} finished; what was written covers the points that ran and is marked PARTIAL. Run again without interrupting for the whole study.`, stoppedExitCode(io.signal));
}

export const STUDY_FORMATS = ['text', 'json', 'vega-lite'] as const;
export type StudyFormat = (typeof STUDY_FORMATS)[number];

/** JSON of a study result: NaN and infinities as null, no per-point summaries unless asked (they are large). */
export function studyJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
