import { GameInputError, type GameProblem } from './errors.ts';

/**
 * A two-player game in normal (strategic) form: the row player picks a row, the column
 * player a column, at once. `payoffs[0][i][j]` is the row player's payoff and
 * `payoffs[1][i][j]` the column player's when row `i` meets column `j` (the bimatrix
 * (A, B) of the textbooks). Payoffs are utilities: only their order and ratios of
 * differences matter, so any unit works as long as it is the same for the whole game.
 */
export interface NormalFormGame {
  readonly name: string;
  readonly players: readonly [string, string];
  /** The names of the row player's strategies, then the column player's. */
  readonly strategies: readonly [readonly string[], readonly string[]];
  readonly payoffs: readonly [Matrix, Matrix];
}

export type Matrix = readonly (readonly number[])[];

/** A mixed strategy: one probability per pure strategy, summing to 1. */
export type MixedStrategy = readonly number[];

/** The most strategies a player may have: beyond this Lemke–Howson from every label takes minutes (a 100×100 game about 2 minutes on a loaded machine) and tables are unreadable. */
export const MAX_STRATEGIES = 100;

export interface NormalFormInput {
  name?: string;
  /** Default: ["Row", "Column"]. */
  players?: readonly [string, string];
  /** Default: R1, R2, ... and C1, C2, ... */
  rowStrategies?: readonly string[];
  columnStrategies?: readonly string[];
  /** rowPayoffs[i][j]: the row player's payoff when row i meets column j. */
  rowPayoffs: readonly (readonly number[])[];
  /** columnPayoffs[i][j]: the column player's payoff, same shape as rowPayoffs. */
  columnPayoffs: readonly (readonly number[])[];
}

/**
 * Builds a normal-form game from two payoff matrices, checking everything first.
 *
 * @throws GameInputError listing every problem by field: an empty strategy set, a
 *   non-rectangular matrix, matrices of different shapes, a NaN or infinite payoff,
 *   strategy or player names that are missing, repeated or of the wrong count.
 * @example
 *   const pd = normalFormGame({
 *     rowStrategies: ['Cooperate', 'Defect'], columnStrategies: ['Cooperate', 'Defect'],
 *     rowPayoffs: [[-1, -3], [0, -2]], columnPayoffs: [[-1, 0], [-3, -2]],
 *   });
 */
export function normalFormGame(input: NormalFormInput): NormalFormGame {
  const problems: GameProblem[] = [];
  const shape = checkMatrix(input.rowPayoffs, 'rowPayoffs', problems);
  const shapeB = checkMatrix(input.columnPayoffs, 'columnPayoffs', problems);
  if (shape && shapeB && (shape.rows !== shapeB.rows || shape.columns !== shapeB.columns)) {
    problems.push({ path: 'columnPayoffs', message: `is ${shapeB.rows}×${shapeB.columns} but rowPayoffs is ${shape.rows}×${shape.columns}; both players need a payoff in every cell` });
  }
  const players = input.players ?? (['Row', 'Column'] as const);
  checkNames(players, 2, 'players', problems);
  const rows = shape?.rows ?? 0;
  const columns = shape?.columns ?? 0;
  const rowStrategies = input.rowStrategies ?? defaultNames('R', rows);
  const columnStrategies = input.columnStrategies ?? defaultNames('C', columns);
  if (shape) {
    checkNames(rowStrategies, rows, 'rowStrategies', problems);
    checkNames(columnStrategies, columns, 'columnStrategies', problems);
  }
  if (problems.length > 0) throw new GameInputError(problems);
  return {
    name: input.name ?? 'Unnamed game',
    players: [players[0], players[1]],
    strategies: [[...rowStrategies], [...columnStrategies]],
    payoffs: [input.rowPayoffs.map((r) => [...r]), input.columnPayoffs.map((r) => [...r])],
  };
}

/**
 * A zero-sum game: the column player's payoffs are the negatives of the row player's.
 *
 * @throws GameInputError as normalFormGame.
 * @example zeroSumGame([[1, -1], [-1, 1]], { name: 'Matching pennies' })
 */
export function zeroSumGame(rowPayoffs: readonly (readonly number[])[], rest: Omit<NormalFormInput, 'rowPayoffs' | 'columnPayoffs'> = {}): NormalFormGame {
  const columnPayoffs = Array.isArray(rowPayoffs) ? rowPayoffs.map((r) => (Array.isArray(r) ? r.map((v) => (v === 0 ? 0 : -v)) : r)) : rowPayoffs;
  return normalFormGame({ ...rest, rowPayoffs, columnPayoffs });
}

/** The game seen from the column player's side: rows and columns swapped, players swapped. */
export function transposeGame(game: NormalFormGame): NormalFormGame {
  return {
    name: game.name,
    players: [game.players[1], game.players[0]],
    strategies: [game.strategies[1], game.strategies[0]],
    payoffs: [transpose(game.payoffs[1]), transpose(game.payoffs[0])],
  };
}

/**
 * The game restricted to some rows and columns (by index, in the order given), e.g.
 * what is left after eliminating dominated strategies.
 *
 * @throws GameInputError when a list is empty or an index is out of range.
 */
export function restrictGame(game: NormalFormGame, rows: readonly number[], columns: readonly number[]): NormalFormGame {
  const problems: GameProblem[] = [];
  for (const [list, field, size] of [
    [rows, 'rows', game.strategies[0].length],
    [columns, 'columns', game.strategies[1].length],
  ] as const) {
    if (list.length === 0) problems.push({ path: field, message: 'is empty; keep at least one strategy' });
    for (const i of list) if (!Number.isInteger(i) || i < 0 || i >= size) problems.push({ path: field, message: `${i} is not a strategy index in [0, ${size - 1}]` });
  }
  if (problems.length > 0) throw new GameInputError(problems);
  return {
    name: game.name,
    players: game.players,
    strategies: [rows.map((i) => game.strategies[0][i]), columns.map((j) => game.strategies[1][j])],
    payoffs: [rows.map((i) => columns.map((j) => game.payoffs[0][i][j])), rows.map((i) => columns.map((j) => game.payoffs[1][i][j]))],
  };
}

export function transpose(m: Matrix): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}

function defaultNames(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
}

function checkMatrix(m: unknown, field: string, problems: GameProblem[]): { rows: number; columns: number } | undefined {
  if (!Array.isArray(m)) {
    problems.push({ path: field, message: 'must be a list of rows (a matrix of numbers)' });
    return undefined;
  }
  if (m.length === 0) {
    problems.push({ path: field, message: 'is empty; the row player needs at least one strategy' });
    return undefined;
  }
  if (m.length > MAX_STRATEGIES) {
    problems.push({ path: field, message: `has ${m.length} rows; at most ${MAX_STRATEGIES} strategies per player are accepted` });
    return undefined;
  }
  const first = m[0];
  if (!Array.isArray(first) || first.length === 0) {
    problems.push({ path: `${field}[0]`, message: Array.isArray(first) ? 'is empty; the column player needs at least one strategy' : 'must be a list of numbers (one per column strategy)' });
    return undefined;
  }
  if (first.length > MAX_STRATEGIES) {
    problems.push({ path: `${field}[0]`, message: `has ${first.length} entries; at most ${MAX_STRATEGIES} strategies per player are accepted` });
    return undefined;
  }
  const columns = first.length;
  let ok = true;
  m.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row)) {
      problems.push({ path: `${field}[${i}]`, message: 'must be a list of numbers (one per column strategy)' });
      ok = false;
      return;
    }
    if (row.length !== columns) {
      problems.push({ path: `${field}[${i}]`, message: `has ${row.length} entries but row 0 has ${columns}; the matrix must be rectangular (one payoff per column strategy in every row)` });
      ok = false;
    }
    row.forEach((v: unknown, j: number) => {
      if (typeof v !== 'number') {
        problems.push({ path: `${field}[${i}][${j}]`, message: `must be a number, got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}` });
        ok = false;
      } else if (!Number.isFinite(v)) {
        problems.push({ path: `${field}[${i}][${j}]`, message: `${v} is not allowed; payoffs must be finite numbers` });
        ok = false;
      }
    });
  });
  return ok ? { rows: m.length, columns } : undefined;
}

function checkNames(names: unknown, count: number, field: string, problems: GameProblem[]): void {
  if (!Array.isArray(names)) {
    problems.push({ path: field, message: `must be a list of ${count} names` });
    return;
  }
  if (names.length !== count) {
    problems.push({ path: field, message: `has ${names.length} name(s) but ${count} are needed` });
  }
  const seen = new Set<string>();
  names.forEach((n: unknown, i: number) => {
    if (typeof n !== 'string' || n.trim() === '') problems.push({ path: `${field}[${i}]`, message: 'must be a non-empty name' });
    else if (seen.has(n)) problems.push({ path: `${field}[${i}]`, message: `${JSON.stringify(n)} is used twice; names must be distinct` });
    else seen.add(n);
  });
}
