import { statSync } from 'node:fs';
import { readFileBounded } from '../../node/file-io.ts';
import { relative, resolve } from 'node:path';
import { describeIoError } from '../../node/scenario-files.ts';
import { escapeJson, escapeText, formatGameReport, MAX_GAME_FILE_CHARS, parseGameFile, solveGameFile } from '../../gametheory/index.ts';
import { Option, type Command } from 'commander';
import { CliFailure, EXIT, type CliIo } from '../io.ts';

export const GAME_FORMATS = ['table', 'json'] as const;

/** Adds `game` to the command tree (kept here so program.ts needs one line). */
export function registerGameCommand(program: Command, io: CliIo): void {
  program
    .command('game')
    .description('solve a game file: Nash equilibria and dominance of a normal-form game, or the backward-induction path of a tree (scenarios/games/)')
    .argument('<file>', 'game file (.yaml or .json; format in docs/gametheory.md)')
    .addOption(new Option('--format <format>', 'table: words and tables; json: the whole solution (default: table)').choices(GAME_FORMATS))
    .addHelpText('after', '\nExit codes: 0 solved; 1 the file cannot be read or is not a valid game (every problem listed as file: field: problem); 2 wrong command line.\n\nExamples:\n  relief-lab game scenarios/games/battle-of-the-sexes.yaml\n  relief-lab game scenarios/games/relief-stage-game.yaml --format json')
    .action((file: string, opts) => gameCommand(io, file, opts));
}

/**
 * `relief-lab game <file> [--format table|json]`: solves a game file. A normal-form game
 * gets its Nash equilibria and iterated dominance; a tree gets its backward-induction
 * path. A file that cannot be read or is not a valid game exits 1 with every problem as
 * `file: field: problem`; names from the file are printed with control characters escaped.
 */
export function gameCommand(io: CliIo, file: string, opts: { format?: (typeof GAME_FORMATS)[number] }): void {
  const shown = escapeText(displayName(file));
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new CliFailure(`relief-lab: ${shown}: is a folder, not a game file; name a .yaml or .json file inside it (the shipped games are in scenarios/games/)`, EXIT.failure);
    // Bounded, like every file the CLI reads (src/node/file-io.ts): a device or FIFO reports size 0.
    const read = readFileBounded(file, 4 * MAX_GAME_FILE_CHARS);
    if (!read.ok) throw new CliFailure(`relief-lab: ${shown}: ${read.message}`, EXIT.failure);
    text = read.bytes.toString('utf8');
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`relief-lab: ${shown}: ${describeIoError(e, 'read')}`, EXIT.failure);
  }
  const parsed = parseGameFile(text);
  if (!parsed.ok) {
    const list = parsed.problems.map((p) => `${shown}: ${escapeText(p.path)}: ${escapeText(p.message)}`).join('\n');
    const n = parsed.problems.length;
    throw new CliFailure(`${list}\nrelief-lab: ${shown}: ${n} problem${n === 1 ? '' : 's'} (listed above as file: field: problem); the game file format is in docs/gametheory.md, examples in scenarios/games/.`, EXIT.failure);
  }
  const report = solveGameFile(parsed.file);
  io.stdout(opts.format === 'json' ? `${escapeJson(JSON.stringify(report, null, 2))}\n` : formatGameReport(report));
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel !== '' && !rel.startsWith('..') ? rel : resolve(path);
}
