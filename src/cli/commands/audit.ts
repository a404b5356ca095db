import { Option, type Command } from 'commander';
import { auditDesign, AuditInputError, formatAuditReport, MAX_AUDIT_RUNS } from '../../audit/index.ts';
import { formatProblems, loadScenarioFile } from '../../node/scenario-files.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { parseSeed, wholeNumber } from '../options.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';

export const AUDIT_FORMATS = ['table', 'json'] as const;

const parseAuditRuns = wholeNumber('--runs', 1, MAX_AUDIT_RUNS, 200);

/** Adds `audit` to the command tree (kept here so program.ts needs one line). */
export function registerAuditCommand(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description("audit a design: where cheating pays each target type, by how much and when; the weak link; the smallest fixes, re-checked by simulation")
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--runs <n>', 'compliant-path runs, and best-response runs per design for each fix (default: 200)', parseAuditRuns)
    .option('--seed <n>', 'master seed; run i uses the seed "<n>/<i>" (default: 1)', parseSeed)
    .option('--thresholds', 'search the critical detection probability and discount factor of every row (slow: the design is recompiled and the target re-planned per value)')
    .option('--fixes', 'search the smallest fixes of the weak link and re-check them by simulation (slow, as --thresholds)')
    .addOption(new Option('--format <format>', 'table: words and tables; json: the whole audit, with the heat map (default: table)').choices(AUDIT_FORMATS))
    .addHelpText('after', '\nExit codes: 0 audited; 1 the scenario cannot be read or is invalid; 2 wrong command line.\n\nExamples:\n  relief-lab audit scenarios/cases/iran-jcpoa-2015.yaml\n  relief-lab audit scenarios/baseline.yaml --runs 1000 --format json > audit.json\n\nMethod: docs/games.md.')
    .action((file: string, opts) => auditCommand(io, file, opts));
}

/**
 * `relief-lab audit <scenario>`: the design audit (src/audit). An unreadable or
 * invalid scenario exits 1 listing every problem as file: field: problem.
 */
export function auditCommand(io: CliIo, file: string, opts: { runs?: number; seed?: number; fixes?: boolean; thresholds?: boolean; format?: (typeof AUDIT_FORMATS)[number] }): void {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new CliFailure(`${formatProblems(loaded.problems)}\nrelief-lab: fix the problems above (file: field: problem) and run again.`, EXIT.failure);
  let report;
  try {
    report = auditDesign(loaded.scenario, { runs: opts.runs ?? 200, masterSeed: opts.seed ?? 1, fixes: opts.fixes ?? false, thresholds: opts.thresholds ?? false });
  } catch (e) {
    if (e instanceof AuditInputError) throw new CliFailure(`relief-lab: ${escapeControlCharacters(e.message)}`, EXIT.failure);
    throw e;
  }
  if (opts.format === 'json') io.stdout(`${JSON.stringify(report, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v), 2)}\n`);
  else io.stdout(formatAuditReport(report));
}
