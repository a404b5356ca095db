import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backwardInduction, gameTree } from '../../src/gametheory/index.ts';
import { build, spec } from './random-tree.ts';
import { shippedTree } from './load.ts';

const choices = (r: ReturnType<typeof backwardInduction>) => r.plays.map((p) => p.moves.map((m) => `${m.mover}: ${m.choice}`));

describe('backward induction on known trees', () => {
  it('entry deterrence: Enter, then Accommodate, payoffs (1, 1); the threat to fight is not credible', () => {
    const r = backwardInduction(shippedTree('entry-deterrence'));
    expect(choices(r)).toEqual([['Entrant: Enter', 'Incumbent: Accommodate']]);
    expect(r.plays[0]).toMatchObject({ probability: 1, outcome: 'shared-market', payoffs: [1, 1] });
    expect(r.expectedPayoffs).toEqual([1, 1]);
    expect(r.unique).toBe(true);
  });

  it('the relief stage game: the coalition offers relief and the target complies (3, 2); off the path, the coalition would snap back', () => {
    const r = backwardInduction(shippedTree('relief-stage-game'));
    expect(choices(r)).toEqual([['Coalition: Offer relief', 'Target: Comply']]);
    expect(r.expectedPayoffs).toEqual([3, 2]);
    expect(r.decisions.map((d) => [d.node, d.action, d.onPath])).toEqual([
      ['offer', 'Offer relief', true],
      ['respond', 'Comply', true],
      ['caught', 'Snap back', false],
    ]);
    // Cheating is worth 0.6 × (-1) + 0.4 × 4 = 1 to the target and -0.2 to the coalition.
    expect(r.decisions[1].values).toEqual([3, 2]);
  });

  it('with detection 0.3 (< 0.4) the target would cheat, so the coalition withholds relief', () => {
    const tree = shippedTree('relief-stage-game', (t) => t.replace('probability: 0.6', 'probability: 0.3').replace('probability: 0.4', 'probability: 0.7'));
    const r = backwardInduction(tree);
    expect(choices(r)).toEqual([['Coalition: Withhold relief']]);
    expect(r.expectedPayoffs).toEqual([0, 0]);
    const respond = r.decisions.find((d) => d.node === 'respond')!;
    expect(respond.action).toBe('Cheat');
    expect(respond.values[0]).toBeCloseTo(0.3 * 1 + 0.7 * -2, 12);
    expect(respond.values[1]).toBeCloseTo(0.3 * -1 + 0.7 * 4, 12);
  });

  it('at the threshold 0.4 the target is indifferent, and the tie is reported', () => {
    const tree = shippedTree('relief-stage-game', (t) => t.replace('probability: 0.6', 'probability: 0.4').replace('probability: 0.4, next: undetected', 'probability: 0.6, next: undetected'));
    const r = backwardInduction(tree);
    const respond = r.decisions.find((d) => d.node === 'respond')!;
    expect([respond.action, respond.alsoOptimal]).toEqual(['Comply', ['Cheat']]);
    expect(r.unique).toBe(false);
  });

  it('chance on the path: every play with its probability, zero-probability outcomes left out, expectation over them', () => {
    const tree = gameTree({
      players: ['Target'],
      root: 'shock',
      nodes: {
        shock: { chance: [{ outcome: 'boom', probability: 0.25, next: 'rich' }, { outcome: 'bust', probability: 0.75, next: 'poor' }, { outcome: 'never', probability: 0, next: 'odd' }] },
        rich: { player: 'Target', actions: [{ action: 'comply', next: 'r1' }, { action: 'cheat', next: 'r2' }] },
        poor: { player: 'Target', actions: [{ action: 'comply', next: 'p1' }, { action: 'cheat', next: 'p2' }] },
        odd: { payoffs: [100] },
        r1: { payoffs: [4] },
        r2: { payoffs: [1] },
        p1: { payoffs: [0] },
        p2: { payoffs: [2] },
      },
    });
    const r = backwardInduction(tree);
    expect(r.plays.map((p) => [p.probability, p.moves.map((m) => m.choice), p.outcome])).toEqual([
      [0.25, ['boom', 'comply'], 'r1'],
      [0.75, ['bust', 'cheat'], 'p2'],
    ]);
    expect(r.expectedPayoffs[0]).toBeCloseTo(0.25 * 4 + 0.75 * 2, 12);
  });

  it('a chain of 20,000 decisions (deeper than recursion allows) does not overflow the stack', () => {
    const nodes: Record<string, object> = {};
    const depth = 20_000;
    for (let i = 0; i < depth; i++) nodes[`n${i}`] = { player: 'P', actions: [{ action: 'stop', next: `s${i}` }, { action: 'go', next: i + 1 < depth ? `n${i + 1}` : 'end' }] };
    for (let i = 0; i < depth; i++) nodes[`s${i}`] = { payoffs: [i] };
    nodes.end = { payoffs: [depth] };
    const r = backwardInduction(gameTree({ players: ['P'], root: 'n0', nodes }));
    expect(r.expectedPayoffs).toEqual([depth]);
    expect(r.plays[0].moves).toHaveLength(depth);
  });
});

describe('backward induction on random trees', () => {
  it('no mover gains by a one-shot deviation, and the plays add up to the expected payoffs', () => {
    // The generator must produce trees with both decisions and chance below the root.
    const mixed = fc.sample(spec, { numRuns: 300, seed: 41 }).filter((s) => JSON.stringify(s).includes('"decision"') && JSON.stringify(s).includes('"chance"'));
    expect(mixed.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(spec, (s) => {
        const tree = build(s);
        const r = backwardInduction(tree);
        const profile = new Map(r.decisions.map((d) => [d.node, d.action]));
        // Values under the profile, computed here independently of the solver.
        const value = (id: string): number[] => {
          const n = tree.nodes.get(id)!;
          if (n.kind === 'terminal') return [...n.payoffs];
          if (n.kind === 'chance') return n.outcomes.reduce((v, o) => value(o.next).map((x, p) => v[p] + o.probability * x), [0, 0]);
          return value(n.actions.find((a) => a.action === profile.get(id))!.next);
        };
        for (const d of r.decisions) {
          const n = tree.nodes.get(d.node)!;
          if (n.kind !== 'decision') continue;
          const mine = value(d.node)[n.player];
          for (const a of n.actions) expect(value(a.next)[n.player]).toBeLessThanOrEqual(mine + 1e-9);
          expect(d.values.map((v, p) => v - value(d.node)[p]).every((x) => Math.abs(x) < 1e-9)).toBe(true);
        }
        expect(r.plays.reduce((t, p) => t + p.probability, 0)).toBeCloseTo(1, 12);
        const fromPlays = r.plays.reduce((v, p) => v.map((x, i) => x + p.probability * p.payoffs[i]), [0, 0]);
        fromPlays.forEach((x, i) => expect(x).toBeCloseTo(r.expectedPayoffs[i], 9));
        value(tree.root).forEach((x, i) => expect(x).toBeCloseTo(r.expectedPayoffs[i], 9));
      }),
      { numRuns: 300, seed: 41 },
    );
  });
});
