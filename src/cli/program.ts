import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { REPORT_FORMATS } from '../report/index.ts';
import { runCommand } from './commands/run.ts';
import { mergeCommand } from './commands/merge.ts';
import { experimentCommand } from './commands/experiment.ts';
import { schemaCommand } from './commands/schema.ts';
import { validateCommand } from './commands/validate.ts';
import { registerGameCommand } from './commands/game.ts';
import { registerNegotiateCommand } from './commands/negotiate.ts';
import { registerClassroomCommand } from './commands/classroom.ts';
import { registerHistoryCommand } from './commands/history.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerTournamentCommand } from './commands/tournament.ts';
import { registerAnalysisCommands } from './commands/analysis.ts';
import { registerReportCommand } from './commands/report.ts';
import { escapeControlCharacters } from '../scenario/text-safety.ts';
import { CliFailure, EXIT, type CliIo } from './io.ts';
import { DEFAULT_RUNS, DEFAULT_SEED, MAX_RUNS, MAX_WORKERS, parseRuns, parseSeed, parseShardFlag, parseWorkers } from './options.ts';

const VERSION: string = createRequire(import.meta.url)('../../package.json').version;

const EXIT_HELP = `
Exit codes: 0 success; 1 invalid scenario, model or file error; 2 wrong command line;
130 / 143 / 129 stopped by Ctrl-C / SIGTERM / SIGHUP (the partial result is still
written, marked partial).

Examples:
  relief-lab run scenarios/baseline.yaml
  relief-lab run scenarios/escrow.yaml --runs 5000 --seed 7 --format json --out escrow.json
  relief-lab run scenarios/baseline.yaml --runs 1000000 --shard 2/8 --out part-2.json
  relief-lab merge part-*.json --out result.json
  relief-lab experiment scenarios/experiments/detection-sustain.yaml --out out/exp
  relief-lab merge out/shard-* --out out/exp   (experiment shards: folders)
  relief-lab validate scenarios/*.yaml
  relief-lab schema --out scenarios/schema.json`;

/** The command tree. Built per call so nothing is shared between invocations. */
function createProgram(io: CliIo): Command {
  const program = new Command('relief-lab')
    .description('Relief Lab: simulate sanctions-relief designs and report how compliance, leverage and humanitarian need evolve.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(`relief-lab: ${s.replace(/^error: /, '')}`) })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_HELP);

  program
    .command('run')
    .description('run a scenario many times (seeded) and report the results')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', `master seed; run i uses the seed "<n>/<i>" (default: ${DEFAULT_SEED})`, parseSeed)
    .option('--runs <n>', `number of runs, 1 to ${MAX_RUNS} (default: ${DEFAULT_RUNS})`, parseRuns)
    .addOption(new Option('--format <format>', 'table: summary in words and tables; json: all statistics; csv: one row per period (default: table, or from the --out extension)').choices(REPORT_FORMATS))
    .option('--out <file>', 'write the report to this file (whole or not at all; a device or FIFO is written in place; - is the terminal) instead of the terminal')
    .option('--workers <n>', `worker threads, 1 to ${MAX_WORKERS} (default: the machine's cores; small batches run in one thread); results are identical for any number`, parseWorkers)
    .option('--shard <i/N>', 'compute only shard i of N and write its mergeable partial (JSON); combine with relief-lab merge', parseShardFlag)
    .option('--timings', 'add wall-clock timings to the JSON result (then two runs no longer compare byte for byte)')
    .action((file: string, opts) => runCommand(io, file, opts));

  program
    .command('experiment')
    .description('run the design points of an experiment file on common random numbers; write summaries, the per-run table (CSV, Arrow) and its dictionary')
    .argument('[file]', 'experiment file (.yaml or .json); see docs/experiments.md')
    .option('--out <dir>', 'output folder (default: <file name>.out)')
    .option('--shard <i/N>', 'run only shard i of N of the points and write its partial; combine the folders with relief-lab merge', parseShardFlag)
    .option('--workers <n>', `worker threads, 1 to ${MAX_WORKERS} (default: the machine's cores); results are identical for any number`, parseWorkers)
    .option('--schema', 'print the JSON Schema of experiment files instead (with --out: write it there)')
    .action((file: string | undefined, opts) => experimentCommand(io, file, opts));

  program
    .command('merge')
    .description('merge the partials of sharded runs (run --shard i/N) into the result of one run')
    .argument('<parts...>', 'partial files written by relief-lab run --shard i/N, or the folders of relief-lab experiment --shard i/N')
    .addOption(new Option('--format <format>', 'json: the whole summary (identical to an unsharded run); table; csv (default: table, or from the --out extension)').choices(REPORT_FORMATS))
    .option('--out <file>', 'write the result to this file (whole or not at all)')
    .action((files: string[], opts) => mergeCommand(io, files, opts));

  program
    .command('validate')
    .description('check scenario files and list every problem as file: field: problem')
    .argument('<files...>', 'scenario files (.yaml or .json)')
    .action((files: string[]) => validateCommand(io, files));

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor autocompletion)')
    .option('--out <file>', 'write it to this file instead of the terminal')
    .action((opts) => schemaCommand(io, opts));

  registerGameCommand(program, io);
  registerNegotiateCommand(program, io);
  registerClassroomCommand(program, io);
  registerHistoryCommand(program, io);
  registerAuditCommand(program, io);
  registerTournamentCommand(program, io);
  registerAnalysisCommands(program, io);
  registerReportCommand(program, io);
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit
 * code. User errors print a message that says what to do, never a stack trace.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  const unknown = unknownCommand(program, argv);
  if (unknown !== undefined) {
    io.stderr(`${unknown}\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      // `help` and `help <command>` asked for the help; a bare `relief-lab` is missing its command.
      const asked = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && argv[0] === 'help');
      return asked ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliFailure) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    const detail = process.env.RELIEF_LAB_DEBUG ? `\n${(e as Error)?.stack ?? ''}` : ' (set RELIEF_LAB_DEBUG=1 to see where)';
    io.stderr(`relief-lab: internal error: ${e instanceof Error ? e.message : String(e)}${detail}\nThis is a bug in Relief Lab; please report it with the command and the scenario file.\n`);
    return EXIT.failure;
  }
}

/**
 * The message for a first argument that is not a command, or undefined. Checked
 * before commander sees the arguments: given `--help` as well (`relief-lab sweep
 * --help`), commander would print the general help and exit 0 as if the command
 * existed.
 */
function unknownCommand(program: Command, argv: string[]): string | undefined {
  // The program's own options (--help, --version) take no values, so the first word is the command.
  const first = argv.find((a) => !a.startsWith('-'));
  if (first === undefined) return undefined;
  const known = [...program.commands.map((c) => c.name()), 'help'];
  if (known.includes(first)) return undefined;
  const shown = escapeControlCharacters(first);
  return `relief-lab: unknown command '${shown}'; the commands are ${known.join(', ')} (relief-lab <command> --help for one, relief-lab --help for all).\n(add --help for usage)`;
}
