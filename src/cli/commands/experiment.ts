import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { experimentJsonSchemaText, ExperimentError, ExperimentRunError, type ExperimentHeader, type ExperimentSummary, type PointSummary } from '../../experiments/index.ts';
import { formatDifference, formatValue } from '../../format/index.ts';
import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import { EXPERIMENT_FILES, loadExperimentFile, mergeExperimentDirs, runExperimentToDir } from '../../node/experiments.ts';
import { formatProblems } from '../../node/scenario-files.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { startProgress } from '../progress.ts';
import { checkOutPath, emit } from './output.ts';

export interface ExperimentCommandOptions {
  out?: string;
  shard?: { index: number; count: number };
  workers?: number;
  schema?: boolean;
}

/** Points listed in the terminal report; the rest are in summary.json and the tables. */
const POINTS_SHOWN = 12;

/**
 * `relief-lab experiment <file>`: runs the points of an experiment file on common
 * random numbers and writes summary.json, rows.csv, rows.arrow and
 * dictionary.csv into --out (default: <file name>.out); with --shard i/N, that
 * shard's partial for `relief-lab merge`. `--schema` prints the experiment file's
 * JSON Schema instead.
 */
export async function experimentCommand(io: CliIo, file: string | undefined, opts: ExperimentCommandOptions): Promise<void> {
  if (opts.schema) {
    if (opts.out !== undefined) checkOutPath(opts.out);
    emit(io, experimentJsonSchemaText(), opts.out, 'the experiment JSON Schema');
    return;
  }
  if (file === undefined) throw new CliFailure('relief-lab: experiment needs an experiment file, e.g. relief-lab experiment scenarios/experiments/detection-sustain.yaml\n(add --help for usage)', EXIT.usage);
  const out = opts.out ?? `${basename(file, extname(file))}.out`;
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliFailure(`relief-lab: --out ${out}: is a file; experiments write a folder (summary, tables, dictionary). Nothing was written.`, EXIT.failure);
  const loaded = loadExperimentFile(file);
  if (!loaded.ok) {
    throw new CliFailure(`${formatProblems(loaded.problems)}\nrelief-lab: ${file}: fix the problems above (file: field: problem) and run again. Fields: scenarios/experiment.schema.json.`, EXIT.failure);
  }
  const e = loaded.experiment;
  const points = e.design.values.length;
  if (opts.shard && opts.shard.count > points) throw new CliFailure(`relief-lab: --shard ${opts.shard.index}/${opts.shard.count}: N cannot exceed the experiment's ${points} points; use fewer shards.\n(add --help for usage)`, EXIT.usage);
  const label = opts.shard ? `${e.name} shard ${opts.shard.index}/${opts.shard.count}` : e.name;
  const progress = startProgress(io, points * e.runsPerPoint, label);
  try {
    const r = await runExperimentToDir(e, {
      out,
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (p) => {
        progress.update(p.runsDone);
      },
    });
    progress.stop();
    const done = r.pointsDone;
    const asked = r.pointRange.count;
    if (!opts.shard) io.stdout(renderExperimentReport(r.header, r.firstPoints, done));
    const what = opts.shard ? `${EXPERIMENT_FILES.partial} (shard ${opts.shard.index}/${opts.shard.count})` : EXPERIMENT_FILES.summary;
    io.stderr(`relief-lab: wrote ${what}, ${EXPERIMENT_FILES.csv} and ${EXPERIMENT_FILES.arrow} (${r.rowsWritten} rows) and ${EXPERIMENT_FILES.dictionary} to ${out}/\n`);
    if (done < asked) throw new CliFailure(`relief-lab: stopped after ${done} of ${asked} points; what is written covers the finished points and is marked partial. Run again without interrupting for all of them.`, EXIT.interrupted);
  } catch (err) {
    progress.stop();
    if (err instanceof ExperimentError || err instanceof ExperimentRunError) throw new CliFailure(`relief-lab: ${file}: ${err.message}`, EXIT.failure);
    throw err;
  }
}

/** `relief-lab merge DIR...` for experiment shards: the unsharded output, byte for byte. */
export async function mergeExperimentCommand(io: CliIo, dirs: string[], opts: { out?: string }): Promise<void> {
  const out = opts.out;
  if (out === undefined) throw new CliFailure('relief-lab: merging experiment shards writes a folder: give --out DIR.\n(add --help for usage)', EXIT.usage);
  let summary: ExperimentSummary;
  try {
    summary = await mergeExperimentDirs(dirs, out);
  } catch (e) {
    throw new CliFailure(`relief-lab: cannot merge: ${(e as Error).message}. Nothing was written.`, EXIT.failure);
  }
  io.stdout(renderExperimentReport(summary, summary.points, summary.pointsDone));
  io.stderr(`relief-lab: wrote the merged ${EXPERIMENT_FILES.summary}, ${EXPERIMENT_FILES.csv}, ${EXPERIMENT_FILES.arrow} and ${EXPERIMENT_FILES.dictionary} to ${out}/\n`);
  if (summary.partial) io.stderr(`relief-lab: the shards cover ${summary.pointsDone} of ${summary.pointCount} points; the result is marked partial. Add the missing shards for the whole experiment.\n`);
}

/** The outcomes a reader looks at first in the terminal (every outcome is in summary.json). */
const HEADLINE: SummaryMetric[] = ['collapsed', 'fullRelief', 'finalCompliance', 'cumulativeUnmetNeed'];

/** A short text report: the first points' values and headline outcomes with 95% intervals, and the paired difference with point 0. */
export function renderExperimentReport(s: ExperimentHeader, points: readonly PointSummary[], pointsDone: number): string {
  const shown = points.slice(0, POINTS_SHOWN);
  const metrics = HEADLINE.filter((m) => s.outcomes.includes(m));
  const lines = [
    `${s.name}: ${s.pointCount} points x ${s.runsPerPoint} runs on common random numbers (seed ${s.masterSeed}; run i of every point used "${s.masterSeed}/i"), base scenario ${s.scenarioName}${pointsDone < s.pointCount ? ` (PARTIAL: ${pointsDone} points)` : ''}`,
    '',
  ];
  for (const p of shown) lines.push(...pointLines(p, metrics));
  if (pointsDone > shown.length) lines.push(`... and ${pointsDone - shown.length} more points: see summary.json and rows.csv.`, '');
  return lines.join('\n') + '\n';
}

function pointLines(p: PointSummary, metrics: SummaryMetric[]): string[] {
  const set = Object.entries(p.values).filter(([, v]) => v !== null);
  const show = (v: unknown) => (typeof v === 'number' ? String(+v.toPrecision(4)) : String(v));
  const head = `point ${p.point}: ${set.length ? set.map(([k, v]) => `${k} = ${show(v)}`).join(', ') : 'the base scenario'}`;
  const rows = metrics.map((m) => {
    const o = p.outcomes[m];
    const u = SUMMARY_METRICS[m].unit;
    const d = p.vsReference[m];
    const diff = p.point === 0 ? '' : `; vs point 0 ${formatDifference(d.estimate, u)} [${formatDifference(d.ci95[0], u)}, ${formatDifference(d.ci95[1], u)}]`;
    return `  ${SUMMARY_METRICS[m].label}: ${formatValue(o.mean, u)} [${formatValue(o.ci95[0], u)}, ${formatValue(o.ci95[1], u)}]${diff}`;
  });
  return [head, ...rows, ''];
}
