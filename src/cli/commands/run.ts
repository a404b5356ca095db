import { loadScenarioFile } from '../../node/scenario-files.ts';
import { renderReport, type ReportFormat } from '../../report/index.ts';
import { runSerialBatch } from '../batch-serial.ts';
import type { CliIo } from '../io.ts';
import { chooseFormat, DEFAULT_RUNS, DEFAULT_SEED } from '../options.ts';
import { checkOutPath, emit, loadFailure } from './output.ts';

export interface RunOptions {
  seed?: number;
  runs?: number;
  format?: ReportFormat;
  out?: string;
}

/** `relief-lab run <scenario>`: a batch of runs, reported as a readable summary, JSON or CSV. */
export function runCommand(io: CliIo, file: string, opts: RunOptions): void {
  const format = chooseFormat(opts.format, opts.out);
  if (opts.out !== undefined) checkOutPath(opts.out);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw loadFailure(loaded);
  // The Monte Carlo layer's runMonteCarlo will replace this call (workers, shards, progress).
  const view = runSerialBatch(loaded.scenario, { runs: opts.runs ?? DEFAULT_RUNS, masterSeed: opts.seed ?? DEFAULT_SEED });
  emit(io, renderReport(view, format, { scenarioFile: loaded.file }), opts.out, `the ${format} report`);
}
