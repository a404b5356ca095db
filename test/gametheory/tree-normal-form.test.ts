import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backwardInduction, gameTree, isNashEquilibrium, normalFormOfTree, solveNash } from '../../src/gametheory/index.ts';
import { shippedTree } from './load.ts';
import { build, spec } from './random-tree.ts';

const unit = (n: number, i: number) => Array.from({ length: n }, (_, k) => (k === i ? 1 : 0));

describe('the normal form of a tree', () => {
  it('entry deterrence: (Stay out, Fight) is a Nash equilibrium but not subgame perfect; the normal form is degenerate', () => {
    const nf = normalFormOfTree(shippedTree('entry-deterrence'));
    expect(nf.game.strategies).toEqual([['Stay out', 'Enter'], ['Fight', 'Accommodate']]);
    expect(nf.game.payoffs).toEqual([
      [[0, 0], [-1, 1]],
      [[2, 2], [-1, 1]],
    ]);
    const s = solveNash(nf.game);
    expect(s.degenerate).toBe(true);
    // Stay out against Fight with probability at least 1/2 (a continuum), and (Enter, Accommodate).
    expect(s.equilibria.map((e) => [e.row.map((v) => +v.toFixed(12)), e.column.map((v) => +v.toFixed(12))])).toEqual([
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
      [[1, 0], [0.5, 0.5]],
    ]);
    expect(s.components.map((c) => [...c.members])).toEqual([[0, 2], [1]]);
  });

  it('the relief stage game: a strategy of the coalition names both of its nodes', () => {
    const nf = normalFormOfTree(shippedTree('relief-stage-game'));
    expect(nf.game.strategies[0]).toEqual(['{offer: Offer relief, caught: Snap back}', '{offer: Offer relief, caught: Look away}', '{offer: Withhold relief, caught: Snap back}', '{offer: Withhold relief, caught: Look away}']);
    // Offer relief and look away against Cheat: the target gets away with it 40% of the time and is tolerated otherwise.
    expect(nf.game.payoffs[1][1][1]).toBeCloseTo(0.6 * 3 + 0.4 * 4, 12);
  });

  it('on random two-player trees, backward induction gives a Nash equilibrium of the normal form with the same payoffs', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const tree = build(s);
        let nf;
        try {
          nf = normalFormOfTree(tree);
        } catch {
          return; // more strategies than a normal form takes: nothing to compare
        }
        const bi = backwardInduction(tree);
        const choice = new Map(bi.decisions.map((d) => [d.node, d.action]));
        const [i, j] = nf.plans.map((plans) => plans.findIndex((plan) => [...plan].every(([node, action]) => choice.get(node) === action)));
        const [m, n] = nf.game.strategies.map((x) => x.length);
        expect(isNashEquilibrium(nf.game, unit(m, i), unit(n, j))).toBe(true);
        expect(nf.game.payoffs[0][i][j]).toBeCloseTo(bi.expectedPayoffs[0], 9);
        expect(nf.game.payoffs[1][i][j]).toBeCloseTo(bi.expectedPayoffs[1], 9);
      }),
      { numRuns: 200, seed: 51 },
    );
  });

  it('refuses trees that are not two-player or too large', () => {
    const three = gameTree({ players: ['A', 'B', 'C'], root: 'r', nodes: { r: { payoffs: [1, 2, 3] } } });
    expect(() => normalFormOfTree(three)).toThrow(/players: has 3 player\(s\); a normal form here needs exactly 2/);
    const nodes: Record<string, object> = {};
    for (let k = 0; k < 7; k++) nodes[`d${k}`] = { player: 'A', actions: [{ action: 'x', next: k < 6 ? `d${k + 1}` : 'end' }, { action: 'y', next: `t${k}` }] };
    for (let k = 0; k < 7; k++) nodes[`t${k}`] = { payoffs: [k, 0] };
    nodes.end = { payoffs: [9, 9] };
    expect(() => normalFormOfTree(gameTree({ players: ['A', 'B'], root: 'd0', nodes }))).toThrow(/gives A 128 pure strategies in normal form; at most 100 are accepted/);
  });
});
