import { depthFirst, type GameTree } from './extensive-form.ts';
import { DEFAULT_TOLERANCE, payoffRange } from './tolerance.ts';

/** The choice at one decision node in the subgame-perfect profile, and what each player expects from there. */
export interface NodeDecision {
  readonly node: string;
  readonly player: string;
  readonly action: string;
  /** The expected payoffs of the subgame at this node, one per player. */
  readonly values: readonly number[];
  /** Other actions that are exactly as good for the mover (within tolerance): each gives another subgame-perfect equilibrium. */
  readonly alsoOptimal: readonly string[];
  /** Whether play reaches this node with positive probability. */
  readonly onPath: boolean;
}

/** One way play can go under the profile: a sequence of moves from the root to an outcome. */
export interface Play {
  readonly probability: number;
  readonly moves: readonly { readonly node: string; readonly mover: string; readonly choice: string }[];
  readonly outcome: string;
  readonly payoffs: readonly number[];
}

export interface BackwardInductionResult {
  /** The subgame-perfect strategy profile: one action at every decision node, on the path of play or not, in depth-first order from the root. */
  readonly decisions: readonly NodeDecision[];
  /** Every play with positive probability (one when there is no chance node), in the tree's order. */
  readonly plays: readonly Play[];
  /** The expected payoff of each player at the root. */
  readonly expectedPayoffs: readonly number[];
  /** False when some decision node has a tie (see `alsoOptimal`), so the subgame-perfect equilibrium is not unique. */
  readonly unique: boolean;
}

/** What chance is called as the mover in a play. */
export const CHANCE = 'chance';

/**
 * Backward induction on a finite tree of perfect information: from the leaves up, each
 * decision node's mover picks the action whose subgame gives it the highest expected
 * payoff, and each chance node is worth the probability-weighted mean of its outcomes.
 * The result is a subgame-perfect equilibrium. A tie (within `tolerance` times the
 * mover's payoff range) is broken for the first action listed, and reported in
 * `alsoOptimal`, since each tied choice gives another subgame-perfect equilibrium
 * (which can change the other players' payoffs). Cost: O(nodes × players).
 *
 * @example backwardInduction(entryDeterrence).plays[0].moves.map((m) => m.choice) // ['enter', 'accommodate']
 */
export function backwardInduction(tree: GameTree, options: { tolerance?: number } = {}): BackwardInductionResult {
  // Ties are judged per player, within tolerance × that player's payoff range.
  const outcomes = [...tree.nodes.values()].flatMap((n) => (n.kind === 'terminal' ? [n.payoffs] : []));
  const tol = tree.players.map((_, p) => (options.tolerance ?? DEFAULT_TOLERANCE) * payoffRange(outcomes.map((o) => o[p])));
  const order = depthFirst(tree);
  const values = new Map<string, number[]>();
  const choice = new Map<string, { index: number; ties: number[] }>();
  // Children come after their parents in depth-first order, so walking it backwards sees every child first.
  for (let k = order.length - 1; k >= 0; k--) {
    const node = tree.nodes.get(order[k])!;
    if (node.kind === 'terminal') {
      values.set(node.id, [...node.payoffs]);
    } else if (node.kind === 'chance') {
      const v = tree.players.map(() => 0);
      for (const o of node.outcomes) values.get(o.next)!.forEach((x, p) => (v[p] += o.probability * x));
      values.set(node.id, v);
    } else {
      const own = node.actions.map((a) => values.get(a.next)![node.player]);
      const t = tol[node.player];
      const best = own.reduce((b, v, i) => (v > own[b] + t ? i : b), 0);
      const ties = own.flatMap((v, i) => (i !== best && v >= own[best] - t ? [i] : []));
      choice.set(node.id, { index: best, ties });
      values.set(node.id, values.get(node.actions[best].next)!);
    }
  }
  const plays: Play[] = [];
  const onPath = new Set<string>();
  // Follow the profile from the root, branching at chance outcomes with positive
  // probability. Moves are a linked list sharing prefixes, and the stack is explicit,
  // so a deep tree costs neither quadratic copying nor deep recursion.
  type Trail = { move: Play['moves'][number]; before: Trail } | null;
  const stack: { id: string; probability: number; trail: Trail }[] = [{ id: tree.root, probability: 1, trail: null }];
  while (stack.length > 0) {
    const { id, probability, trail } = stack.pop()!;
    onPath.add(id);
    const node = tree.nodes.get(id)!;
    if (node.kind === 'terminal') {
      const moves: Play['moves'][number][] = [];
      for (let t = trail; t !== null; t = t.before) moves.push(t.move);
      plays.push({ probability, moves: moves.reverse(), outcome: id, payoffs: node.payoffs });
    } else if (node.kind === 'chance') {
      for (let k = node.outcomes.length - 1; k >= 0; k--) {
        const o = node.outcomes[k];
        if (o.probability > 0) stack.push({ id: o.next, probability: probability * o.probability, trail: { move: { node: id, mover: CHANCE, choice: o.outcome }, before: trail } });
      }
    } else {
      const a = node.actions[choice.get(id)!.index];
      stack.push({ id: a.next, probability, trail: { move: { node: id, mover: tree.players[node.player], choice: a.action }, before: trail } });
    }
  }
  const decisions: NodeDecision[] = order.flatMap((id) => {
    const node = tree.nodes.get(id)!;
    if (node.kind !== 'decision') return [];
    const c = choice.get(id)!;
    return [{ node: id, player: tree.players[node.player], action: node.actions[c.index].action, values: values.get(id)!, alsoOptimal: c.ties.map((i) => node.actions[i].action), onPath: onPath.has(id) }];
  });
  return { decisions, plays, expectedPayoffs: values.get(tree.root)!, unique: decisions.every((d) => d.alsoOptimal.length === 0) };
}
