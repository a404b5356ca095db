import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { NegotiationInputError, NEGOTIATORS, familyDesigns, formatNegotiationReport, MAX_NEGOTIATION_FILE_CHARS, negotiate, parseNegotiationFile, resolveFamily, type NegotiationFile } from '../../negotiation/index.ts';
import { ExperimentRunError } from '../../experiments/index.ts';
import { createNodeExperimentPool } from '../../node/experiments.ts';
import { readFileBounded } from '../../node/file-io.ts';
import { defaultWorkers } from '../../node/index.ts';
import { describeIoError, loadScenarioFile } from '../../node/scenario-files.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CliFailure, EXIT, stoppedExitCode, type CliIo } from '../io.ts';
import { MAX_WORKERS, parseSeed, parseWorkers, wholeNumber } from '../options.ts';
import { startProgress } from '../progress.ts';
import { checkOutPath, emit } from './output.ts';

export const NEGOTIATE_FORMATS = ['table', 'json'] as const;

export interface NegotiateOptions {
  format?: (typeof NEGOTIATE_FORMATS)[number];
  out?: string;
  runs?: number;
  workers?: number;
  coalition?: string;
  target?: string;
  sessions?: number;
  seed?: number;
}

const agents = NEGOTIATORS.filter((n) => !n.meta.external).map((n) => n.name);

/** Adds `negotiate` to the command tree (kept here so program.ts needs one line). */
export function registerNegotiateCommand(program: Command, io: CliIo): void {
  program
    .command('negotiate')
    .description('the negotiation stage of a family of designs: who signs which design, the zone of agreement, Nash and Kalai-Smorodinsky, a bargaining run and what the agreed designs deliver')
    .argument('<file>', 'negotiation file (.yaml or .json; scenarios/negotiations/, format in docs/negotiation.md)')
    .addOption(new Option('--format <format>', 'table: words and tables; json: the whole report (default: table)').choices(NEGOTIATE_FORMATS))
    .option('--out <file>', 'write the report to this file (whole or not at all; - is the terminal)')
    .option('--runs <n>', 'runs per design, 2 to 1000000 (default: the file\'s runsPerDesign)', wholeNumber('--runs', 2, 1_000_000, 500))
    .option('--workers <n>', `worker threads, 1 to ${MAX_WORKERS} (default: the machine's cores; small jobs run in one thread); results are identical for any number`, parseWorkers)
    .addOption(new Option('--coalition <name>', "the coalition's negotiator in the bargaining run (default: the file's)").choices(agents))
    .addOption(new Option('--target <name>', "the target's negotiator in the bargaining run (default: the file's)").choices(agents))
    .option('--sessions <n>', 'bargaining sessions, 1 to 1000000 (default: the file\'s)', wholeNumber('--sessions', 1, 1_000_000, 200))
    .option('--seed <n>', 'seed of the bargaining sessions (default: the file\'s)', parseSeed)
    .addHelpText('after', '\nExit codes: 0 done; 1 the file or its scenario cannot be read or is invalid (every problem listed as file: field: problem); 2 wrong command line; 130 / 143 / 129 stopped (nothing written).\n\nExamples:\n  relief-lab negotiate scenarios/negotiations/front-loading.yaml\n  relief-lab negotiate scenarios/negotiations/north-korea-verification.yaml --runs 500 --coalition boulware --target bayesian --format json --out nk.json')
    .action((file: string, opts: NegotiateOptions) => negotiateCommand(io, file, opts));
}

/**
 * `relief-lab negotiate <file>`: values every design of the file's family by simulation
 * (the experiments layer, on common random numbers), then reports acceptance and adverse
 * selection, the zone of agreement and the bargaining solutions per type, and the
 * bargaining run with what its agreed designs deliver. Bad input exits 1 naming the field;
 * nothing is written unless the whole report is.
 */
export async function negotiateCommand(io: CliIo, file: string, opts: NegotiateOptions): Promise<void> {
  if (opts.out !== undefined) checkOutPath(opts.out);
  const shown = escapeControlCharacters(file);
  const { parsed, base } = loadNegotiation(file);
  const fail = (field: string, message: string) => new CliFailure(`${shown}: ${escapeControlCharacters(field)}: ${escapeControlCharacters(message)}\nrelief-lab: ${shown}: fix the problem above (file: field: problem) and run again; the file's fields are in docs/negotiation.md.`, EXIT.failure);
  let designs: number;
  try {
    designs = familyDesigns(resolveFamily(base, parsed.family)).length;
  } catch (e) {
    if (e instanceof NegotiationInputError) throw fail(e.field, e.problems.map((p) => (p.field === e.field ? p.message : `${p.field}: ${p.message}`)).join('; '));
    throw e;
  }
  const runs = opts.runs ?? parsed.runsPerDesign;
  const totalRuns = (designs + 2) * runs;
  const workers = opts.workers ?? defaultWorkers(totalRuns, base.horizonPeriods);
  const pool = workers > 1 ? createNodeExperimentPool({ workers }) : undefined;
  const progress = startProgress(io, totalRuns, parsed.name);
  let text: string;
  try {
    const report = await negotiate(parsed, base, {
      runsPerDesign: runs,
      ...(pool ? { pool } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (p) => progress.update(p.runsDone),
      bargaining: { coalition: opts.coalition, target: opts.target, sessions: opts.sessions, seed: opts.seed },
    });
    progress.stop();
    const { simulated: _simulated, ...plain } = report;
    text = opts.format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : formatNegotiationReport(plain);
  } catch (e) {
    progress.stop();
    if (e instanceof NegotiationInputError) throw fail(e.field, e.problems.map((p) => (p.field === e.field ? p.message : `${p.field}: ${p.message}`)).join('; '));
    if (e instanceof ExperimentRunError) throw new CliFailure(`relief-lab: ${shown}: ${e.message}`, EXIT.failure);
    if (e instanceof DOMException && e.name === 'AbortError') throw new CliFailure('relief-lab: stopped before the report was complete; nothing was written.', stoppedExitCode(io.signal));
    throw e;
  } finally {
    if (pool) await pool.close();
  }
  emit(io, text, opts.out, 'the negotiation report');
}

/** Reads and checks a negotiation file and its base scenario (relative to the file). @throws CliFailure listing the problems. */
function loadNegotiation(file: string): { parsed: NegotiationFile; base: Scenario } {
  const shown = escapeControlCharacters(file);
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new CliFailure(`relief-lab: ${shown}: is a folder, not a negotiation file; name a .yaml or .json file (examples in scenarios/negotiations/)`, EXIT.failure);
    const read = readFileBounded(file, 4 * MAX_NEGOTIATION_FILE_CHARS);
    if (!read.ok) throw new CliFailure(`relief-lab: ${shown}: ${read.message}`, EXIT.failure);
    text = read.bytes.toString('utf8');
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`relief-lab: ${shown}: ${describeIoError(e, 'read')}`, EXIT.failure);
  }
  let parsed: NegotiationFile;
  try {
    parsed = parseNegotiationFile(text);
  } catch (e) {
    if (!(e instanceof NegotiationInputError)) throw e;
    const n = e.problems.length;
    const list = e.problems.map((p) => `${shown}: ${escapeControlCharacters(p.field)}: ${escapeControlCharacters(p.message)}`).join('\n');
    throw new CliFailure(`${list}\nrelief-lab: ${shown}: ${n} problem${n === 1 ? '' : 's'} (listed above as file: field: problem); the file's fields are in docs/negotiation.md.`, EXIT.failure);
  }
  const s = loadScenarioFile(resolve(dirname(file), parsed.scenario));
  if (!s.ok) {
    const list = s.problems.map((p) => `${escapeControlCharacters(p.file)}: ${escapeControlCharacters(p.path)}: ${escapeControlCharacters(p.message)}`).join('\n');
    throw new CliFailure(`${shown}: scenario: ${escapeControlCharacters(parsed.scenario)} does not load:\n${list}`, EXIT.failure);
  }
  return { parsed, base: s.scenario };
}
