import { loadScenarioFile } from '../../node/scenario-files.ts';
import { runMonteCarlo, runMonteCarloPartial } from '../../node/index.ts';
import { MonteCarloRunError, MonteCarloWorkerError, shardSpan, type BatchSummary } from '../../montecarlo/index.ts';
import { fromBatchSummary, renderReport, summaryJson, type ReportFormat } from '../../report/index.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CliFailure, EXIT, stoppedExitCode, type CliIo } from '../io.ts';
import { chooseFormat, DEFAULT_RUNS, DEFAULT_SEED } from '../options.ts';
import { startProgress } from '../progress.ts';
import { checkOutPath, emit, loadFailure } from './output.ts';

export interface RunOptions {
  seed?: number;
  runs?: number;
  format?: ReportFormat;
  out?: string;
  workers?: number;
  shard?: { index: number; count: number };
  timings?: boolean;
}

/**
 * `relief-lab run <scenario>`: a Monte Carlo batch on worker threads, reported as a
 * readable summary, JSON (the whole BatchSummary) or CSV; with --shard, the
 * mergeable partial of one shard.
 */
export async function runCommand(io: CliIo, file: string, opts: RunOptions): Promise<void> {
  if (opts.shard && opts.format !== undefined && opts.format !== 'json') {
    throw new CliFailure(`relief-lab: --shard writes a mergeable partial (JSON); drop --format ${opts.format}, and format the merged result with relief-lab merge.\n(add --help for usage)`, EXIT.usage);
  }
  const format = opts.shard ? 'json' : chooseFormat(opts.format, opts.out);
  const runs = opts.runs ?? DEFAULT_RUNS;
  if (opts.shard && opts.shard.count > runs) {
    throw new CliFailure(`relief-lab: --shard ${opts.shard.index}/${opts.shard.count}: N cannot exceed --runs (${runs}); use fewer shards.\n(add --help for usage)`, EXIT.usage);
  }
  if (opts.out !== undefined) checkOutPath(opts.out);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw loadFailure(loaded);
  const scenario = loaded.scenario;
  const toRun = opts.shard ? shardSpan(opts.shard.index, opts.shard.count, runs).count : runs;
  const progress = startProgress(io, toRun, opts.shard ? `shard ${opts.shard.index}/${opts.shard.count}` : escapeControlCharacters(scenario.metadata.name));
  const options = {
    runs,
    masterSeed: opts.seed ?? DEFAULT_SEED,
    workers: opts.workers,
    signal: io.signal,
    timings: opts.timings ?? false,
    onProgress: ({ runsDone }: { runsDone: number }) => progress.update(runsDone),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
  try {
    if (opts.shard) {
      const part = await runMonteCarloPartial(scenario, options);
      progress.stop();
      const done = part.completed.reduce((a, [, n]) => a + n, 0);
      emit(io, JSON.stringify(part) + '\n', opts.out, `the partial of shard ${opts.shard.index}/${opts.shard.count} (${done} runs)`);
      if (done < toRun) interrupted(done, toRun, io.signal);
      return;
    }
    const summary = await runMonteCarlo(scenario, options);
    progress.stop();
    emit(io, renderSummary(summary, format), opts.out, `the ${format} report`);
    if (summary.partial) interrupted(summary.runs, runs, io.signal);
  } catch (e) {
    progress.stop();
    if (e instanceof MonteCarloRunError || e instanceof MonteCarloWorkerError) throw new CliFailure(`relief-lab: ${e.message}`, EXIT.failure);
    throw e;
  }
}

/**
 * The report of a finished (or cancelled) batch in one of the output formats. The
 * table shows the scenario's name with control characters escaped, so a name
 * cannot set a terminal's title or clear its screen; JSON escapes them itself.
 */
export function renderSummary(summary: BatchSummary, format: ReportFormat): string {
  if (format === 'json') return summaryJson(summary);
  const shown = format === 'table' ? { ...summary, scenarioName: escapeControlCharacters(summary.scenarioName) } : summary;
  return renderReport(fromBatchSummary(shown), format);
}

function interrupted(done: number, requested: number, signal: AbortSignal | undefined): never {
  const by = typeof signal?.reason === 'string' && signal.reason !== 'SIGINT' ? ` by ${signal.reason}` : '';
  throw new CliFailure(`relief-lab: stopped${by} after ${done} of ${requested} runs; the result above is partial and marked so ("partial": true). Run again without interrupting for the full batch.`, stoppedExitCode(signal));
}
