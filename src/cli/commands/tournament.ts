import { Option, type Command } from 'commander';
import { AuditInputError } from '../../audit/errors.ts';
import { DEFAULT_OUTCOMES, entrantsByName, formatTournament, MAX_TOURNAMENT_RUNS, playTournament } from '../../tournament/index.ts';
import type { SummaryMetric } from '../../engine/metrics.ts';
import { formatProblems, loadScenarioFile } from '../../node/scenario-files.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { parseSeed, wholeNumber } from '../options.ts';

export const TOURNAMENT_FORMATS = ['table', 'json'] as const;
const parseTournamentRuns = wholeNumber('--runs', 1, MAX_TOURNAMENT_RUNS, 200);
const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);

/** Adds `tournament` to the command tree (kept here so program.ts needs one line). */
export function registerTournamentCommand(program: Command, io: CliIo): void {
  program
    .command('tournament')
    .description('round robin of sanctioner policies against target policies on a scenario (common random numbers), ranked on each outcome with 95% CIs')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--runs <n>', 'runs per match (default: 200)', parseTournamentRuns)
    .option('--seed <n>', 'master seed; run i of every match uses the seed "<n>/<i>" (default: 1)', parseSeed)
    .option('--sanctioners <names>', 'comma-separated coalition policies (default: every registered one)')
    .option('--targets <names>', 'comma-separated target policies (default: every one without parameters)')
    .option('--noise <q>', "false-alarm probability per inspection (default: the design's)")
    .option('--outcomes <names>', `comma-separated run outcomes to rank on (default: ${DEFAULT_OUTCOMES.join(',')})`)
    .addOption(new Option('--format <format>', 'table: rankings and the matrix; json: every match (default: table)').choices(TOURNAMENT_FORMATS))
    .addHelpText('after', '\nExit codes: 0 played; 1 the scenario cannot be read or is invalid, or an unknown policy or outcome; 2 wrong command line.\n\nExamples:\n  relief-lab tournament scenarios/baseline.yaml\n  relief-lab tournament scenarios/baseline.yaml --sanctioners snapback,forgiving --targets best-response,always-cheat --noise 0.1\n\nMethod: docs/games.md.')
    .action((file: string, opts) => tournamentCommand(io, file, opts));
}

/** `relief-lab tournament <scenario>`: plays the round robin (src/tournament) and prints the rankings. */
export function tournamentCommand(io: CliIo, file: string, opts: { runs?: number; seed?: number; sanctioners?: string; targets?: string; noise?: string; outcomes?: string; format?: (typeof TOURNAMENT_FORMATS)[number] }): void {
  let noise: number | undefined;
  if (opts.noise !== undefined) {
    noise = Number(opts.noise);
    if (opts.noise.trim() === '' || !(noise >= 0 && noise <= 1)) throw new CliFailure(`relief-lab: --noise takes a probability in [0, 1], e.g. --noise 0.05 (got ${escapeControlCharacters(opts.noise)})\n(add --help for usage)`, EXIT.usage);
  }
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new CliFailure(`${formatProblems(loaded.problems)}\nrelief-lab: fix the problems above (file: field: problem) and run again.`, EXIT.failure);
  let result;
  try {
    result = playTournament(loaded.scenario, {
      runs: opts.runs ?? 200,
      masterSeed: opts.seed ?? 1,
      noise,
      sanctioners: opts.sanctioners !== undefined ? entrantsByName('coalition', list(opts.sanctioners), '--sanctioners') : undefined,
      targets: opts.targets !== undefined ? entrantsByName('target', list(opts.targets), '--targets') : undefined,
      outcomes: opts.outcomes !== undefined ? (list(opts.outcomes) as SummaryMetric[]) : undefined,
    });
  } catch (e) {
    if (e instanceof AuditInputError) throw new CliFailure(`relief-lab: ${escapeControlCharacters(e.message)}`, EXIT.failure);
    throw e;
  }
  io.stdout(opts.format === 'json' ? `${JSON.stringify(result, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n` : formatTournament(result));
}
