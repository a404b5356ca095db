import { GameInputError } from './errors.ts';
import { depthFirst, type DecisionNode, type GameTree } from './extensive-form.ts';
import { MAX_STRATEGIES, normalFormGame, type NormalFormGame } from './normal-form.ts';

/** Tree nodes times strategy pairs evaluated at most: each pair walks the whole tree once. */
export const MAX_NORMAL_FORM_WORK = 5_000_000;

export interface TreeNormalForm {
  readonly game: NormalFormGame;
  /** For each player, each pure strategy as its action at every one of that player's decision nodes (depth-first order). */
  readonly plans: readonly [readonly ReadonlyMap<string, string>[], readonly ReadonlyMap<string, string>[]];
}

/**
 * The normal form of a two-player tree: a pure strategy names an action at every one of
 * the player's decision nodes (reached or not), and a pair of them is worth its expected
 * payoffs over the chance nodes. Every subgame-perfect equilibrium is a Nash equilibrium
 * of it, but not conversely: equilibria that rest on threats the mover would not carry
 * out (entry deterrence's "Fight") appear here and not in backward induction. Normal
 * forms of trees are often degenerate (a player whose nodes are never reached is
 * indifferent), which solveNash reports.
 *
 * A strategy's name is its action when the player has one decision node, else
 * `{node: action, node: action}` in depth-first order. Cost: strategies are the product of the action counts,
 * and each pair walks the tree once.
 *
 * @throws GameInputError when the tree does not have two players, a player would have
 *   more than MAX_STRATEGIES strategies, or the work exceeds MAX_NORMAL_FORM_WORK.
 */
export function normalFormOfTree(tree: GameTree): TreeNormalForm {
  if (tree.players.length !== 2) throw new GameInputError([{ path: 'players', message: `has ${tree.players.length} player(s); a normal form here needs exactly 2` }]);
  const order = depthFirst(tree);
  const own = ([0, 1] as const).map((p) => order.map((id) => tree.nodes.get(id)!).filter((n): n is DecisionNode => n.kind === 'decision' && n.player === p));
  const counts = own.map((nodes) => nodes.reduce((c, n) => c * n.actions.length, 1));
  counts.forEach((c, p) => {
    if (c > MAX_STRATEGIES) throw new GameInputError([{ path: 'nodes', message: `gives ${tree.players[p]} ${c} pure strategies in normal form; at most ${MAX_STRATEGIES} are accepted` }]);
  });
  if (counts[0] * counts[1] * order.length > MAX_NORMAL_FORM_WORK) {
    throw new GameInputError([{ path: 'nodes', message: `${counts[0]}×${counts[1]} strategy pairs over ${order.length} nodes is more than ${MAX_NORMAL_FORM_WORK} node evaluations` }]);
  }
  const plans = own.map((nodes) => product(nodes.map((n) => n.actions.map((a) => a.action))).map((choice) => new Map(nodes.map((n, k) => [n.id, choice[k]]))));
  const names = plans.map((ps, p) => ps.map((plan) => (own[p].length === 1 ? [...plan.values()][0] : own[p].length === 0 ? '(no move)' : `{${[...plan].map(([id, a]) => `${id}: ${a}`).join(', ')}}`)));
  const payoffs = [0, 1].map(() => plans[0].map(() => new Array<number>(plans[1].length).fill(0)));
  plans[0].forEach((p0, i) =>
    plans[1].forEach((p1, j) => {
      const v = value(tree, order, (id, player) => (player === 0 ? p0 : p1).get(id)!);
      payoffs[0][i][j] = v[0];
      payoffs[1][i][j] = v[1];
    }),
  );
  const game = normalFormGame({ name: `${tree.name} (normal form)`, players: [tree.players[0], tree.players[1]], rowStrategies: names[0], columnStrategies: names[1], rowPayoffs: payoffs[0], columnPayoffs: payoffs[1] });
  return { game, plans: [plans[0], plans[1]] };
}

/** The expected payoffs at the root when every mover follows `choose`, bottom-up over the depth-first order. */
function value(tree: GameTree, order: readonly string[], choose: (node: string, player: number) => string): number[] {
  const values = new Map<string, number[]>();
  for (let k = order.length - 1; k >= 0; k--) {
    const n = tree.nodes.get(order[k])!;
    if (n.kind === 'terminal') values.set(n.id, [...n.payoffs]);
    else if (n.kind === 'chance') values.set(n.id, n.outcomes.reduce((v, o) => values.get(o.next)!.map((x, p) => v[p] + o.probability * x), tree.players.map(() => 0)));
    else {
      const pick = choose(n.id, n.player);
      values.set(n.id, values.get(n.actions.find((a) => a.action === pick)!.next)!);
    }
  }
  return values.get(tree.root)!;
}

/** Every combination of one item from each list, the first list varying slowest. */
function product(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}
