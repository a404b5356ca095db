import fc from 'fast-check';
import { gameTree, type TreeNodeInput } from '../../src/gametheory/index.ts';

/** A random tree input: decisions of two players, chance nodes and outcomes, depth at most 4. */
export type Spec = { t: 'leaf'; payoffs: [number, number] } | { t: 'decision'; player: 0 | 1; kids: Spec[] } | { t: 'chance'; weights: number[]; kids: Spec[] };
export const spec: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('leaf' as const), payoffs: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })) }),
    fc.record({ t: fc.constant('decision' as const), player: fc.constantFrom(0 as const, 1 as const), kids: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).chain((kids) => fc.record({ t: fc.constant('chance' as const), kids: fc.constant(kids), weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: kids.length, maxLength: kids.length }) })),
  ),
})).node;

export function build(root: Spec) {
  const nodes: Record<string, TreeNodeInput> = {};
  let next = 0;
  const add = (s: Spec): string => {
    const id = `n${next++}`;
    if (s.t === 'leaf') nodes[id] = { payoffs: s.payoffs };
    else if (s.t === 'decision') nodes[id] = { player: ['A', 'B'][s.player], actions: s.kids.map((k, i) => ({ action: `a${i}`, next: add(k) })) };
    else {
      const total = s.weights.reduce((a, b) => a + b, 0);
      nodes[id] = { chance: s.kids.map((k, i) => ({ outcome: `o${i}`, probability: s.weights[i] / total, next: add(k) })) };
    }
    return id;
  };
  add(root);
  return gameTree({ players: ['A', 'B'], root: 'n0', nodes });
}
