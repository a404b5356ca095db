import { Option, type Command } from 'commander';
import { loadScenarioFile } from '../../node/scenario-files.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CASES_PAGE_MASTER_SEED, CASES_PAGE_RUNS, COMPARISON_HEADER, comparisonRows, compareWithHistory, runCaseSample, type HistoryComparison } from '../../cases/index.ts';
import { csvCell } from '../../report/csv.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { checkOutPath, emit, loadFailure } from './output.ts';
import { parseRuns, parseSeed } from '../options.ts';

export const HISTORY_FORMATS = ['table', 'json', 'csv'] as const;
type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** Adds `history` to the command tree (kept here so program.ts needs one line). */
export function registerHistoryCommand(program: Command, io: CliIo): void {
  program
    .command('history')
    .description("place a scenario's historical outcome (metadata.historicalOutcome) in its simulated distribution, as docs/cases.md does")
    .argument('<scenario>', 'scenario file with metadata.historicalOutcome (.yaml or .json); see docs/writing-a-case.md')
    .option('--runs <n>', `number of runs (default: ${CASES_PAGE_RUNS}, as the cases page)`, parseRuns)
    .option('--seed <n>', `master seed; run i uses the seed "<n>/<i>" (default: ${CASES_PAGE_MASTER_SEED}, as the cases page)`, parseSeed)
    .addOption(new Option('--format <format>', 'table: the comparison in words; json: every number of the comparison; csv: one row per outcome (default: table)').choices(HISTORY_FORMATS))
    .option('--out <file>', 'write the report to this file (whole or not at all) instead of the terminal')
    .addHelpText(
      'after',
      '\nWith the defaults the numbers are those of docs/cases.md for a shipped case.\nExit codes: 0 done; 1 the file is not a valid scenario or has no historical outcome; 2 wrong command line.\n\nExamples:\n  relief-lab history scenarios/cases/libya-2003.yaml\n  relief-lab history my-case.yaml --runs 5000 --format json --out my-case.json',
    )
    .action((file: string, opts) => historyCommand(io, file, opts));
}

/**
 * `relief-lab history <scenario>`: runs the scenario (serially, seeds "<seed>/<i>")
 * and places its historical outcome in the simulated distribution with the
 * machinery of the cases page (src/cases), so a shipped case prints the numbers of
 * docs/cases.md. A file without a historical outcome exits 1 saying what to add.
 */
export function historyCommand(io: CliIo, file: string, opts: { runs?: number; seed?: number; format?: HistoryFormat; out?: string }): void {
  if (opts.out !== undefined && opts.out !== '-') checkOutPath(opts.out);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw loadFailure(loaded);
  const scenario = loaded.scenario;
  const shown = escapeControlCharacters(loaded.file);
  if (!scenario.metadata.historicalOutcome) {
    throw new CliFailure(
      `relief-lab: ${shown}: metadata.historicalOutcome: is missing; history needs what happened (summary, collapsed, and the periods and levels the sources give; docs/writing-a-case.md)`,
      EXIT.failure,
    );
  }
  const runs = opts.runs ?? CASES_PAGE_RUNS;
  const masterSeed = opts.seed ?? CASES_PAGE_MASTER_SEED;
  const comparison = compareWithHistory(scenario, runCaseSample(scenario, { runs, masterSeed }));
  const rows = comparisonRows(scenario, comparison);
  const format = opts.format ?? 'table';
  const text =
    format === 'json'
      ? `${JSON.stringify(historyJson(loaded.file, scenario.metadata.name, runs, masterSeed, comparison), null, 2)}\n`
      : format === 'csv'
        ? [COMPARISON_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n'
        : historyTable(escapeControlCharacters(scenario.metadata.name), shown, runs, masterSeed, rows);
  emit(io, text, opts.out, 'the comparison with history');
}

/** The JSON report: every number of the comparison; "never" and undefined values are null. */
function historyJson(file: string, name: string, runs: number, masterSeed: number, comparison: HistoryComparison) {
  return { file, name, runs, masterSeed, comparison: JSON.parse(JSON.stringify(comparison, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) };
}

function historyTable(name: string, file: string, runs: number, masterSeed: number, rows: string[][]): string {
  const header = [...COMPARISON_HEADER];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [
    `${name} (${file})`,
    `${runs} runs, master seed ${masterSeed} (run i uses the seed "${masterSeed}/i"); percentiles are history's mid-rank place among the runs, "never" after every period.`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}
