import { parseDocument } from 'yaml';
import { z } from 'zod';
import { GameInputError, type GameProblem } from './errors.ts';
import { gameTree, MAX_TREE_NODES, type GameTree } from './extensive-form.ts';
import { MAX_STRATEGIES, normalFormGame, type NormalFormGame } from './normal-form.ts';

/**
 * Game files: one YAML (or JSON) file is one game, either a two-player normal-form game
 * (`kind: normal-form`) or a finite tree (`kind: extensive-form`). The formats are
 * documented with examples in docs/gametheory.md; the shipped games are in
 * scenarios/games/. Parsing is pure (text in, game or problems out) so the browser can
 * read the same files.
 */
export type GameFile =
  | { readonly kind: 'normal-form'; readonly game: NormalFormGame; readonly description?: string; readonly source?: string }
  | { readonly kind: 'extensive-form'; readonly tree: GameTree; readonly description?: string; readonly source?: string };

export type GameFileResult = { ok: true; file: GameFile } | { ok: false; problems: GameProblem[] };

/** The largest game file accepted, in characters. */
export const MAX_GAME_FILE_CHARS = 5_000_000;

export const GAME_KINDS = ['normal-form', 'extensive-form'] as const;

const label = z.string({ error: 'must be a name (text)' }).refine((s) => s.trim() !== '', { error: 'must not be blank' });
const text = z.string({ error: 'must be text' });
const header = { name: label, description: text.optional(), source: text.optional() };

const side = z.strictObject({
  player: label,
  strategies: z.array(label, { error: 'must be a list of strategy names' }).min(1, { error: 'is empty; every player needs at least one strategy' }).max(MAX_STRATEGIES, { error: `lists too many strategies; at most ${MAX_STRATEGIES} are accepted` }),
});

const normalFormSchema = z
  .strictObject({
    kind: z.literal('normal-form'),
    ...header,
    rows: side,
    columns: side,
    payoffs: z.array(
      z.array(
        z.array(z.number({ error: numberError }), { error: "must be a pair [row player's payoff, column player's payoff]" }).length(2, { error: "must be a pair [row player's payoff, column player's payoff]" }),
        { error: 'must be a list of cells, one per column strategy' },
      ),
      { error: 'must be a list of rows, one per row strategy' },
    ),
  })
  .superRefine((g, ctx) => {
    if (g.rows.player === g.columns.player) ctx.addIssue({ code: 'custom', path: ['columns', 'player'], message: `is the same as rows.player (${JSON.stringify(g.rows.player)}); the two players need distinct names` });
    for (const s of ['rows', 'columns'] as const) {
      const names = g[s].strategies;
      names.forEach((n, i) => {
        if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: [s, 'strategies', i], message: `${JSON.stringify(n)} is listed twice; strategy names must be distinct` });
      });
    }
    const m = g.rows.strategies.length;
    const n = g.columns.strategies.length;
    if (g.payoffs.length !== m) ctx.addIssue({ code: 'custom', path: ['payoffs'], message: `has ${g.payoffs.length} row(s) but rows.strategies names ${m}; give one row of cells per row strategy` });
    g.payoffs.forEach((row, i) => {
      if (row.length !== n) ctx.addIssue({ code: 'custom', path: ['payoffs', i], message: `has ${row.length} cell(s) but columns.strategies names ${n}; the matrix must be rectangular (one cell per column strategy in every row)` });
    });
  });

const nodeSchema = z.strictObject(
  {
    player: label.optional(),
    actions: z.array(z.strictObject({ action: label, next: label }), { error: 'must be a list of { action, next }' }).optional(),
    chance: z.array(z.strictObject({ outcome: label, probability: z.number({ error: numberError }), next: label }), { error: 'must be a list of { outcome, probability, next }' }).optional(),
    payoffs: z.array(z.number({ error: numberError }), { error: 'must be a list of numbers, one per player' }).optional(),
  },
  { error: 'must be a mapping: a decision { player, actions }, a chance node { chance } or an outcome { payoffs }' },
);

const treeSchema = z.strictObject({
  kind: z.literal('extensive-form'),
  ...header,
  players: z.array(label, { error: 'must be a list of player names' }).min(1, { error: 'is empty; a game needs at least one player' }),
  root: label,
  nodes: z.record(z.string(), nodeSchema, { error: 'must be a mapping from node id to node' }),
});

/**
 * Parses and validates a game file's text (YAML; JSON is a subset).
 *
 * Never throws for bad input: every problem comes back with its field, e.g.
 * `payoffs[1]: has 1 cell(s) but columns.strategies names 2; the matrix must be
 * rectangular ...` or `nodes.b.actions[0].next: is on a cycle: a -> b -> a`.
 *
 * @example
 *   const r = parseGameFile(readFileSync('scenarios/games/prisoners-dilemma.yaml', 'utf8'));
 *   if (r.ok && r.file.kind === 'normal-form') solveNash(r.file.game);
 */
export function parseGameFile(source: string): GameFileResult {
  if (source.length > MAX_GAME_FILE_CHARS) return fail('(file)', `is ${source.length} characters; at most ${MAX_GAME_FILE_CHARS} are accepted`);
  if (source.trim() === '') return fail('(file)', `is empty; a game file needs at least kind (${GAME_KINDS.join(' or ')}) and name`);
  let data: unknown;
  try {
    const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true, customTags: [], logLevel: 'silent' });
    if (doc.errors.length > 0) throw doc.errors[0];
    const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag) return fail('(file)', `${tag.message.split('\n')[0]}; game files are plain data, so YAML tags other than the standard ones are not accepted`);
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail('(file)', `is not valid YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0].replace(/:\s*$/, '') : String(e)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('(file)', `must be a mapping (key: value) with kind (${GAME_KINDS.join(' or ')}), got ${describe(data)}`);
  const kind = (data as { kind?: unknown }).kind;
  if (kind !== 'normal-form' && kind !== 'extensive-form') {
    return fail('kind', kind === undefined ? `is missing; say which kind of game this is: ${GAME_KINDS.join(' or ')}` : `${describe(kind)} is not one of ${GAME_KINDS.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  try {
    if (kind === 'normal-form') {
      const r = normalFormSchema.safeParse(data, { reportInput: true });
      if (!r.success) return { ok: false, problems: r.error.issues.map(formatIssue) };
      const g = r.data;
      const game = normalFormGame({
        name: g.name,
        players: [g.rows.player, g.columns.player],
        rowStrategies: g.rows.strategies,
        columnStrategies: g.columns.strategies,
        rowPayoffs: g.payoffs.map((row) => row.map((cell) => cell[0])),
        columnPayoffs: g.payoffs.map((row) => row.map((cell) => cell[1])),
      });
      return { ok: true, file: { kind, game, ...optional(g) } };
    }
    const nodes = (data as { nodes?: unknown }).nodes;
    // zod's record drops a key named __proto__ silently; say so instead of reporting odd missing nodes.
    if (nodes && typeof nodes === 'object' && Object.prototype.hasOwnProperty.call(nodes, '__proto__')) return fail('nodes.__proto__', 'is a reserved name; give the node another id');
    const r = treeSchema.safeParse(data, { reportInput: true });
    if (!r.success) return { ok: false, problems: r.error.issues.map(formatIssue) };
    if (Object.keys(r.data.nodes).length > MAX_TREE_NODES) return fail('nodes', `has ${Object.keys(r.data.nodes).length} nodes; at most ${MAX_TREE_NODES} are accepted`);
    const tree = gameTree({ name: r.data.name, players: r.data.players, root: r.data.root, nodes: r.data.nodes });
    return { ok: true, file: { kind, tree, ...optional(r.data) } };
  } catch (e) {
    if (e instanceof GameInputError) return { ok: false, problems: e.problems };
    throw e;
  }
}

function optional(g: { description?: string; source?: string }): { description?: string; source?: string } {
  return { ...(g.description !== undefined ? { description: g.description } : {}), ...(g.source !== undefined ? { source: g.source } : {}) };
}

function fail(path: string, message: string): GameFileResult {
  return { ok: false, problems: [{ path, message }] };
}

function numberError(issue: { input?: unknown }): string {
  const v = issue.input;
  if (typeof v === 'number') return `${v} is not allowed; give a finite number`;
  return v === undefined ? 'is missing (expected a number)' : `must be a number, got ${describe(v)}`;
}

function formatIssue(issue: z.core.$ZodIssue): GameProblem {
  const path = pathString(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { path, message: issue.message.startsWith('Invalid input') ? `is missing (expected ${issue.expected})` : `is missing; it ${issue.message}` };
      return { path, message: issue.message.startsWith('Invalid input') ? `expected ${issue.expected}, got ${describe(input)}` : issue.message };
    case 'unrecognized_keys':
      return { path: issue.keys.length === 1 ? pathString([...issue.path, issue.keys[0]]) : path, message: `unknown key${issue.keys.length === 1 ? '' : `s ${issue.keys.join(', ')}`} (check the spelling; the formats are in docs/gametheory.md)` };
    case 'invalid_value':
      return { path, message: `${describe(input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path, message: issue.message };
  }
}

function pathString(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(String(p)) ? `${i === 0 ? '' : '.'}${String(p)}` : `[${JSON.stringify(String(p))}]`))
    .join('');
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}
