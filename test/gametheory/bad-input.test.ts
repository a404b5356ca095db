import { describe, expect, it } from 'vitest';
import { gameTree, GameInputError, normalFormGame, parseGameFile, type GameProblem } from '../../src/gametheory/index.ts';

function problems(text: string): GameProblem[] {
  const r = parseGameFile(text);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
}

function thrown(f: () => unknown): GameProblem[] {
  try {
    f();
  } catch (e) {
    if (e instanceof GameInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a GameInputError');
}

const header = `kind: normal-form
name: Test
rows: { player: Row, strategies: [A, B] }
columns: { player: Column, strategies: [L, R] }
`;

describe('bad normal-form game files: every problem named by its field', () => {
  it('a non-rectangular matrix', () => {
    expect(problems(`${header}payoffs:\n  - [[1, 1], [0, 0]]\n  - [[0, 0]]\n`)).toEqual([
      { path: 'payoffs[1]', message: 'has 1 cell(s) but columns.strategies names 2; the matrix must be rectangular (one cell per column strategy in every row)' },
    ]);
  });
  it('too few rows', () => {
    expect(problems(`${header}payoffs:\n  - [[1, 1], [0, 0]]\n`)).toEqual([{ path: 'payoffs', message: 'has 1 row(s) but rows.strategies names 2; give one row of cells per row strategy' }]);
  });
  it('NaN and infinite payoffs (YAML .nan, .inf)', () => {
    expect(problems(`${header}payoffs:\n  - [[.nan, 1], [0, 0]]\n  - [[0, -.inf], [0, 0]]\n`)).toEqual([
      { path: 'payoffs[0][0][0]', message: 'NaN is not allowed; give a finite number' },
      { path: 'payoffs[1][0][1]', message: '-Infinity is not allowed; give a finite number' },
    ]);
  });
  it('a cell that is not a pair, and a payoff that is not a number', () => {
    expect(problems(`${header}payoffs:\n  - [[1, 1, 1], [0, 0]]\n  - [[0, "x"], [0, 0]]\n`)).toEqual([
      { path: 'payoffs[0][0]', message: "must be a pair [row player's payoff, column player's payoff]" },
      { path: 'payoffs[1][0][1]', message: 'must be a number, got "x"' },
    ]);
  });
  it('an empty strategy set', () => {
    const text = `kind: normal-form\nname: Test\nrows: { player: Row, strategies: [] }\ncolumns: { player: Column, strategies: [L] }\npayoffs: []\n`;
    expect(problems(text)).toContainEqual({ path: 'rows.strategies', message: 'is empty; every player needs at least one strategy' });
  });
  it('repeated strategy names and one player twice', () => {
    const text = `kind: normal-form\nname: Test\nrows: { player: P, strategies: [A, A] }\ncolumns: { player: P, strategies: [L] }\npayoffs: [[[1, 1]], [[0, 0]]]\n`;
    expect(problems(text)).toEqual([
      { path: 'columns.player', message: 'is the same as rows.player ("P"); the two players need distinct names' },
      { path: 'rows.strategies[1]', message: '"A" is listed twice; strategy names must be distinct' },
    ]);
  });
  it('a misspelt key, a missing field, a wrong kind', () => {
    expect(problems(`${header}payofs: []\n`)).toEqual([
      { path: 'payoffs', message: 'is missing; it must be a list of rows, one per row strategy' },
      { path: 'payofs', message: 'unknown key (check the spelling; the formats are in docs/gametheory.md)' },
    ]);
    expect(problems('name: x\n')).toEqual([{ path: 'kind', message: 'is missing; say which kind of game this is: normal-form or extensive-form' }]);
    expect(problems('kind: matrix\n')).toEqual([{ path: 'kind', message: '"matrix" is not one of "normal-form", "extensive-form"' }]);
  });
  it('not a mapping, not YAML, empty', () => {
    expect(problems('- 1\n- 2\n')[0]).toEqual({ path: '(file)', message: 'must be a mapping (key: value) with kind (normal-form or extensive-form), got a list' });
    expect(problems('kind: [\n')[0].message).toMatch(/^is not valid YAML or JSON: /);
    expect(problems('  \n')[0].message).toMatch(/^is empty/);
    expect(problems('kind: !!js/function x\n')[0].message).toMatch(/YAML tags other than the standard ones are not accepted/);
  });
});

describe('bad matrices given to normalFormGame', () => {
  it('non-rectangular, NaN, Infinity, shapes that differ', () => {
    expect(thrown(() => normalFormGame({ rowPayoffs: [[1, 2], [3]], columnPayoffs: [[1, 2], [3, 4]] }))).toEqual([
      { path: 'rowPayoffs[1]', message: 'has 1 entries but row 0 has 2; the matrix must be rectangular (one payoff per column strategy in every row)' },
    ]);
    expect(thrown(() => normalFormGame({ rowPayoffs: [[NaN, 2]], columnPayoffs: [[1, Infinity]] }))).toEqual([
      { path: 'rowPayoffs[0][0]', message: 'NaN is not allowed; payoffs must be finite numbers' },
      { path: 'columnPayoffs[0][1]', message: 'Infinity is not allowed; payoffs must be finite numbers' },
    ]);
    expect(thrown(() => normalFormGame({ rowPayoffs: [[1, 2]], columnPayoffs: [[1], [2]] }))).toEqual([
      { path: 'columnPayoffs', message: 'is 2×1 but rowPayoffs is 1×2; both players need a payoff in every cell' },
    ]);
  });
  it('empty strategy sets', () => {
    expect(thrown(() => normalFormGame({ rowPayoffs: [], columnPayoffs: [] }))).toContainEqual({ path: 'rowPayoffs', message: 'is empty; the row player needs at least one strategy' });
    expect(thrown(() => normalFormGame({ rowPayoffs: [[]], columnPayoffs: [[]] }))).toContainEqual({ path: 'rowPayoffs[0]', message: 'is empty; the column player needs at least one strategy' });
  });
  it('strategy names of the wrong count', () => {
    expect(thrown(() => normalFormGame({ rowStrategies: ['A'], rowPayoffs: [[1], [2]], columnPayoffs: [[1], [2]] }))).toEqual([{ path: 'rowStrategies', message: 'has 1 name(s) but 2 are needed' }]);
  });
});

const tree = (nodes: string, players = '[A, B]', root = 'r') => `kind: extensive-form\nname: T\nplayers: ${players}\nroot: ${root}\nnodes:\n${nodes}`;

describe('bad trees', () => {
  it('a cycle is named as one', () => {
    const text = tree(`  r: { player: A, actions: [{ action: go, next: s }] }\n  s: { player: B, actions: [{ action: back, next: r }, { action: stop, next: t }] }\n  t: { payoffs: [0, 0] }\n`);
    expect(problems(text)).toEqual([{ path: 'nodes.r', message: 'is on a cycle: r -> s -> r; a game tree cannot lead back to an earlier node' }]);
  });
  it('a cycle below the root', () => {
    const text = tree(`  r: { player: A, actions: [{ action: go, next: s }] }\n  s: { player: B, actions: [{ action: loop, next: s }] }\n`);
    expect(problems(text)).toEqual([{ path: 'nodes.s', message: 'is on a cycle: s -> s; a game tree cannot lead back to an earlier node' }]);
  });
  it('two parents, and a node the root never reaches', () => {
    const text = tree(`  r: { player: A, actions: [{ action: x, next: s }, { action: y, next: u }] }\n  s: { player: B, actions: [{ action: z, next: t }] }\n  u: { player: B, actions: [{ action: z, next: t }] }\n  t: { payoffs: [0, 0] }\n  lost: { payoffs: [1, 1] }\n`);
    expect(problems(text)).toEqual([
      { path: 'nodes.t', message: 'has two parents ("s" and "u"); in a tree every node but the root has one, so give each its own copy' },
      { path: 'nodes.lost', message: 'is never reached from the root "r"; remove it or link it in' },
    ]);
  });
  it('references, players, payoffs and probabilities', () => {
    const text = tree(
      `  r: { player: C, actions: [{ action: x, next: nowhere }, { action: x, next: c }] }\n  c: { chance: [{ outcome: h, probability: 0.5, next: t1 }, { outcome: t, probability: 0.6, next: t2 }] }\n  t1: { payoffs: [1] }\n  t2: { payoffs: [1, .nan] }\n  e: { player: A }\n  both: { player: A, actions: [], payoffs: [1, 1] }\n`,
    );
    expect(problems(text)).toEqual([
      { path: 'nodes.t2.payoffs[1]', message: 'NaN is not allowed; give a finite number' },
    ]);
    const text2 = tree(
      `  r: { player: C, actions: [{ action: x, next: nowhere }, { action: x, next: c }] }\n  c: { chance: [{ outcome: h, probability: 0.5, next: t1 }, { outcome: t, probability: 0.6, next: t2 }] }\n  t1: { payoffs: [1] }\n  t2: { payoffs: [1, 2] }\n  e: { player: A }\n  both: { player: A, actions: [], payoffs: [1, 1] }\n  p: { chance: [{ outcome: h, probability: 1.5, next: t1 }] }\n`,
    );
    expect(problems(text2)).toEqual([
      { path: 'nodes.r.player', message: '"C" is not one of the players (A, B)' },
      { path: 'nodes.r.actions[0].next', message: '"nowhere" is not a node; name one of the ids under nodes' },
      { path: 'nodes.r.actions[1].action', message: '"x" is used twice at this node; action names must be distinct' },
      { path: 'nodes.c.chance', message: 'probabilities sum to 1.1; they must sum to 1' },
      { path: 'nodes.t1.payoffs', message: 'has 1 number(s) but there are 2 players (A, B); give one payoff per player, in that order' },
      { path: 'nodes.e.actions', message: 'is missing; a decision node needs at least one action' },
      { path: 'nodes.both', message: 'has more than one of: player + actions (a decision), chance (a chance node), payoffs (an outcome); give exactly one' },
      { path: 'nodes.p.chance[0].probability', message: '1.5 is not in [0, 1]' },
    ]);
  });
  it('a missing root and an empty tree', () => {
    expect(problems(tree('  t: { payoffs: [1, 1] }\n', '[A, B]', 'start'))).toEqual([{ path: 'root', message: '"start" is not a node; name one of the ids under nodes' }]);
    expect(thrown(() => gameTree({ players: [], root: 'r', nodes: {} }))).toEqual([
      { path: 'players', message: 'is empty; a game needs at least one player' },
      { path: 'nodes', message: 'is empty; a tree needs at least one node' },
      { path: 'root', message: '"r" is not a node; name one of the ids under nodes' },
    ]);
  });
  it('a node id that zod would drop (__proto__) is refused by name', () => {
    expect(problems(tree('  __proto__: { payoffs: [1, 1] }\n'))).toEqual([{ path: 'nodes.__proto__', message: 'is a reserved name; give the node another id' }]);
  });
});
