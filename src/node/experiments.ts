/**
 * Node side of experiments: load an experiment file (and its base scenario), run
 * it on worker threads, and stream the per-run table to disk as CSV and Arrow
 * next to the summary and the data dictionary; merge the outputs of shards.
 *
 *   const r = loadExperimentFile('scenarios/experiments/detection-sustain.yaml');
 *   await runExperimentToDir(r.experiment, { out: 'out/exp', workers: 4 });
 */
import { readFileBounded } from './file-io.ts';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RecordBatchFileWriter, RecordBatchReader, type Schema } from 'apache-arrow';
import { createWorkerPool } from '../montecarlo/worker-pool.ts';
import {
  arrowPointBatches,
  arrowSchema,
  csvHeader,
  csvPointRows,
  dictionaryCsv,
  experimentJson,
  ExperimentError,
  finalizeExperiment,
  mergeExperimentPartials,
  parseExperimentPartial,
  prepareExperiment,
  readExperiment,
  runExperiment,
  type Experiment,
  type ExperimentOptions,
  type ExperimentPartial,
  type ExperimentPool,
  type ExperimentSpec,
  type PointChunkOutcome,
  type PointChunkSpec,
  type ExperimentSummary,
  type PointSummary,
  type RowSink,
  type TableColumn,
} from '../experiments/index.ts';
import { defaultWorkers } from './index.ts';
import { spawnNodeWorker } from './pool.ts';
import { describeIoError, loadScenarioFile, type FileProblem } from './scenario-files.ts';

const EXPERIMENT_ENTRY = new URL('./experiment-worker.ts', import.meta.url);
/** Summaries kept in memory for the terminal report (the rest are only in the files). */
const FIRST_POINTS_KEPT = 12;

/** The files an experiment writes into its output folder. */
export const EXPERIMENT_FILES = { summary: 'summary.json', partial: 'partial.json', csv: 'rows.csv', arrow: 'rows.arrow', dictionary: 'dictionary.csv' } as const;

/** An experiment pool over worker threads (the batch layer's worker pool, running experiment workers). */
export function createNodeExperimentPool(options: { workers?: number } = {}): ExperimentPool {
  const workers = options.workers ?? defaultWorkers();
  return createWorkerPool(workers, (spec: ExperimentSpec) => spawnNodeWorker<ExperimentSpec, PointChunkSpec, PointChunkOutcome>(EXPERIMENT_ENTRY, spec));
}

export type ExperimentLoad = { ok: true; experiment: Experiment; file: string } | { ok: false; problems: FileProblem[] };

/**
 * Reads and validates an experiment file, loads its base scenario (relative to the
 * file) and builds its points. Never throws for bad input: every problem comes
 * back as file: field: problem.
 */
/** An experiment file is a page of YAML; 8 MB is far beyond any real one. */
const MAX_EXPERIMENT_FILE_BYTES = 8_000_000;

export function loadExperimentFile(file: string): ExperimentLoad {
  let text: string;
  try {
    // Bounded, like every file the CLI reads (file-io.ts): a device or FIFO reports size 0.
    const read = readFileBounded(file, MAX_EXPERIMENT_FILE_BYTES);
    if (!read.ok) return { ok: false, problems: [{ file, path: '(file)', message: read.message }] };
    text = read.bytes.toString('utf8');
  } catch (e) {
    return { ok: false, problems: [{ file, path: '(file)', message: describeIoError(e, 'read') }] };
  }
  const v = readExperiment(text);
  if (!v.ok) return { ok: false, problems: v.errors.map((e) => ({ file, ...e })) };
  const scenarioPath = resolve(dirname(file), v.file.scenario);
  const s = loadScenarioFile(scenarioPath);
  if (!s.ok) return { ok: false, problems: [{ file, path: 'scenario', message: `${v.file.scenario} does not load:` }, ...s.problems] };
  try {
    return { ok: true, experiment: prepareExperiment(v.file, s.scenario), file };
  } catch (e) {
    if (e instanceof ExperimentError) return { ok: false, problems: [{ file, path: e.field, message: e.problem }] };
    throw e;
  }
}

/** Writes the table as CSV and Arrow into temporary files in `dir`, renamed into place by commit(); the bench times it alone. */
export class TableFiles implements RowSink {
  private csv!: WriteStream;
  private arrow!: RecordBatchFileWriter;
  private arrowDone!: Promise<void>;
  private schema!: Schema;
  private columns!: TableColumn[];
  /** The points' summaries as JSON, comma-separated, spliced into summary.json at the end. */
  private summaries!: WriteStream;
  rowsWritten = 0;
  pointsWritten = 0;
  /** The first few summaries, for a report in the terminal. */
  readonly firstPoints: PointSummary[] = [];

  constructor(private readonly dir: string) {}

  private tmp(name: string): string {
    return join(this.dir, `.${name}.tmp`);
  }

  begin(columns: TableColumn[]): void {
    this.columns = columns;
    this.schema = arrowSchema(columns);
    this.csv = createWriteStream(this.tmp(EXPERIMENT_FILES.csv));
    this.csv.write(csvHeader(columns));
    const out = createWriteStream(this.tmp(EXPERIMENT_FILES.arrow));
    this.arrow = new RecordBatchFileWriter();
    this.arrowDone = finished(this.arrow.toNodeStream().pipe(out));
    this.arrow.reset(undefined, this.schema);
    this.summaries = createWriteStream(this.tmp('points'));
  }

  async point(rows: Parameters<RowSink['point']>[0], summary?: PointSummary): Promise<void> {
    if (summary) this.summaries.write((this.pointsWritten > 0 ? ',' : '') + JSON.stringify(summary));
    if (summary && this.firstPoints.length < FIRST_POINTS_KEPT) this.firstPoints.push(summary);
    this.pointsWritten++;
    for (const b of arrowPointBatches(rows, this.schema, this.columns)) this.arrow.write(b);
    this.rowsWritten += rows.runs;
    // Wait for the disk when the CSV stream's buffer is full, so memory stays flat.
    if (!this.csv.write(csvPointRows(rows, this.columns))) await new Promise<void>((r) => this.csv.once('drain', r));
  }

  async finish(): Promise<void> {
    this.arrow.close();
    this.csv.end();
    this.summaries.end();
    await Promise.all([this.arrowDone, finished(this.csv), finished(this.summaries)]);
  }

  /**
   * Writes `shell` (a summary or partial with no points, whose last key is
   * "points") with the points' summaries spliced in: the bytes experimentJson gives
   * the object with all its points, without holding them.
   */
  async writeWithPoints(path: string, shell: ExperimentSummary | ExperimentPartial): Promise<void> {
    const text = experimentJson(shell);
    const tail = '"points":[]}\n';
    if (!text.endsWith(tail)) throw new Error('writeWithPoints: points must be the last key');
    const tmp = join(dirname(path), `.${basename(path)}.tmp`);
    const out = createWriteStream(tmp);
    out.write(text.slice(0, -tail.length) + '"points":[');
    for await (const chunk of createReadStream(this.tmp('points'))) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
    out.end(']}\n');
    await finished(out);
    renameSync(tmp, path);
  }

  commit(): void {
    for (const name of [EXPERIMENT_FILES.csv, EXPERIMENT_FILES.arrow]) renameSync(this.tmp(name), join(this.dir, name));
  }

  discard(): void {
    for (const name of [EXPERIMENT_FILES.csv, EXPERIMENT_FILES.arrow, 'points']) rmSync(this.tmp(name), { force: true });
  }
}

export interface ExperimentRunOptions extends Omit<ExperimentOptions, 'pool' | 'sink'> {
  /** Output folder (created if missing). */
  out: string;
  /** Worker threads; default: the machine's cores (1 for small experiments). */
  workers?: number;
  pool?: ExperimentPool;
}

/** What runExperimentToDir wrote (the summaries themselves are in the files, not in memory). */
export interface ExperimentRunResult {
  header: ExperimentPartial['header'];
  pointRange: { first: number; count: number };
  pointsDone: number;
  rowsWritten: number;
  /** Fewer points than asked for (cancelled). */
  partial: boolean;
  /** The first few points' summaries, for a report. */
  firstPoints: PointSummary[];
}

/**
 * Runs an experiment and writes summary.json (partial.json for a shard), rows.csv,
 * rows.arrow and dictionary.csv into `out`. Each file appears whole or not at all
 * (written under a temporary name, renamed at the end); a cancelled run still
 * writes what it finished, marked partial.
 */
export async function runExperimentToDir(e: Experiment, options: ExperimentRunOptions): Promise<ExperimentRunResult> {
  const created = mkdirSync(options.out, { recursive: true });
  const table = new TableFiles(options.out);
  const runs = e.design.values.length * e.runsPerPoint;
  const workers = options.workers ?? (options.pool ? options.pool.size : defaultWorkers(runs, e.base.horizonPeriods));
  const pool = options.pool ?? (workers > 1 ? createNodeExperimentPool({ workers }) : undefined);
  let partial: ExperimentPartial;
  try {
    partial = await runExperiment(e, { ...options, ...(pool ? { pool } : {}), sink: table, keepSummaries: false });
    await table.finish();
  } catch (err) {
    await table.finish().catch(() => undefined);
    table.discard();
    // A folder this call made and nothing was written to: leave no trace.
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw err;
  } finally {
    if (pool && !options.pool) await pool.close();
  }
  table.commit();
  const header = partial.header;
  writeAtomic(join(options.out, EXPERIMENT_FILES.dictionary), dictionaryCsv(header.columns));
  const done = table.pointsWritten;
  try {
    if (options.shard) {
      await table.writeWithPoints(join(options.out, EXPERIMENT_FILES.partial), partial);
    } else {
      // The summary without its points (they are in the file): finalizeExperiment of the points written.
      const shell = { ...finalizeExperiment(header, []), partial: done < header.pointCount, pointsDone: done };
      await table.writeWithPoints(join(options.out, EXPERIMENT_FILES.summary), shell);
    }
  } finally {
    table.discard();
  }
  return { header, pointRange: partial.pointRange, pointsDone: done, rowsWritten: table.rowsWritten, partial: done < partial.pointRange.count, firstPoints: table.firstPoints };
}

function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${path.split('/').pop()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Whether `dir` holds the output of an experiment shard (its partial.json). */
export function isExperimentShardDir(dir: string): boolean {
  try {
    return parseExperimentPartial(readFileSync(join(dir, EXPERIMENT_FILES.partial), 'utf8'), dir) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Merges the output folders of an experiment's shards into `out`: summary.json,
 * rows.csv, rows.arrow and dictionary.csv, byte for byte what one unsharded run
 * writes. The tables are streamed (shard by shard, batch by batch).
 *
 * @throws Error naming the folder when a shard is missing its files, belongs to another experiment, or overlaps another.
 */
export async function mergeExperimentDirs(dirs: readonly string[], out: string): Promise<ExperimentSummary> {
  const parts = dirs.map((d) => {
    let text: string;
    try {
      text = readFileSync(join(d, EXPERIMENT_FILES.partial), 'utf8');
    } catch (e) {
      throw new Error(`${d}: ${EXPERIMENT_FILES.partial}: ${describeIoError(e, 'read')}`);
    }
    return parseExperimentPartial(text, join(d, EXPERIMENT_FILES.partial));
  });
  const merged = mergeExperimentPartials(parts, dirs);
  const order = parts.map((p, i) => ({ p, d: dirs[i] })).sort((a, b) => a.p.pointRange.first - b.p.pointRange.first);
  mkdirSync(out, { recursive: true });
  const tmpCsv = join(out, `.${EXPERIMENT_FILES.csv}.tmp`);
  const tmpArrow = join(out, `.${EXPERIMENT_FILES.arrow}.tmp`);
  try {
    await mergeCsv(order.map((x) => join(x.d, EXPERIMENT_FILES.csv)), tmpCsv);
    await mergeArrow(order.map((x) => join(x.d, EXPERIMENT_FILES.arrow)), tmpArrow, arrowSchema(merged.header.columns));
  } catch (e) {
    rmSync(tmpCsv, { force: true });
    rmSync(tmpArrow, { force: true });
    throw e;
  }
  renameSync(tmpCsv, join(out, EXPERIMENT_FILES.csv));
  renameSync(tmpArrow, join(out, EXPERIMENT_FILES.arrow));
  writeAtomic(join(out, EXPERIMENT_FILES.dictionary), dictionaryCsv(merged.header.columns));
  const summary = finalizeExperiment(merged.header, merged.points);
  writeAtomic(join(out, EXPERIMENT_FILES.summary), experimentJson(summary));
  return summary;
}

async function mergeCsv(files: readonly string[], target: string): Promise<void> {
  const out = createWriteStream(target);
  let header: string | undefined;
  for (const f of files) {
    let first = true;
    let carry = '';
    for await (const chunk of createReadStream(f, { encoding: 'utf8' })) {
      if (!first) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
        continue;
      }
      carry += chunk;
      const nl = carry.indexOf('\n');
      if (nl < 0) continue;
      const h = carry.slice(0, nl + 1);
      if (header === undefined) {
        header = h;
        out.write(h);
      } else if (h !== header) throw new Error(`${f}: its columns differ from the other shards'`);
      out.write(carry.slice(nl + 1));
      first = false;
    }
  }
  out.end();
  await finished(out);
}

async function mergeArrow(files: readonly string[], target: string, schema: Schema): Promise<void> {
  const writer = new RecordBatchFileWriter();
  const done = finished(writer.toNodeStream().pipe(createWriteStream(target)));
  writer.reset(undefined, schema);
  for (const f of files) {
    const handle = await open(f, 'r');
    try {
      const reader = await RecordBatchReader.from(handle);
      for await (const batch of reader) writer.write(batch);
    } finally {
      await handle.close();
    }
  }
  writer.close();
  await done;
}
