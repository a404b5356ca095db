import { GameInputError, type GameProblem } from './errors.ts';

/**
 * A finite game of perfect information in extensive form: a tree whose inner nodes are
 * decisions (one player picks an action) or chance (nature draws an outcome with known
 * probabilities) and whose leaves give every player a payoff. Every decision node is
 * its own information set, so backward induction applies. Nodes are named by an id;
 * children are referenced by id, which is why a file can describe a cycle or a node
 * with two parents, and why the builder refuses both.
 */
export interface GameTree {
  readonly name: string;
  readonly players: readonly string[];
  readonly root: string;
  readonly nodes: ReadonlyMap<string, TreeNode>;
}

export type TreeNode = DecisionNode | ChanceNode | TerminalNode;

export interface DecisionNode {
  readonly kind: 'decision';
  readonly id: string;
  /** Index into the tree's players. */
  readonly player: number;
  readonly actions: readonly { readonly action: string; readonly next: string }[];
}

export interface ChanceNode {
  readonly kind: 'chance';
  readonly id: string;
  readonly outcomes: readonly { readonly outcome: string; readonly probability: number; readonly next: string }[];
}

export interface TerminalNode {
  readonly kind: 'terminal';
  readonly id: string;
  /** One payoff per player, in the order of the tree's players. */
  readonly payoffs: readonly number[];
}

/** A node as written in a file: exactly one of a decision (player + actions), a chance node, or payoffs. */
export interface TreeNodeInput {
  player?: string;
  actions?: readonly { action: string; next: string }[];
  chance?: readonly { outcome: string; probability: number; next: string }[];
  payoffs?: readonly number[];
}

export interface GameTreeInput {
  name?: string;
  players: readonly string[];
  root: string;
  nodes: Readonly<Record<string, TreeNodeInput>> | ReadonlyMap<string, TreeNodeInput>;
}

/** At most this many nodes: a tree is walked whole by every solver. */
export const MAX_TREE_NODES = 100_000;
/** Chance probabilities must sum to 1 within this. */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * Builds a game tree, checking that it is one.
 *
 * @throws GameInputError listing every problem by field (`nodes.<id>.<field>`): a node
 *   that is not exactly one kind, an unknown player, an empty action or outcome list,
 *   repeated action names, a reference to a missing node, probabilities outside [0, 1]
 *   or not summing to 1, payoffs that are not one finite number per player, a cycle
 *   (named as a -> b -> a), a node with two parents, a node the root never reaches.
 * @example
 *   gameTree({ players: ['Entrant', 'Incumbent'], root: 'enter?', nodes: {
 *     'enter?': { player: 'Entrant', actions: [{ action: 'stay out', next: 'out' }, { action: 'enter', next: 'fight?' }] },
 *     'fight?': { player: 'Incumbent', actions: [{ action: 'fight', next: 'war' }, { action: 'accommodate', next: 'share' }] },
 *     out: { payoffs: [0, 2] }, war: { payoffs: [-1, -1] }, share: { payoffs: [1, 1] } } });
 */
export function gameTree(input: GameTreeInput): GameTree {
  const problems: GameProblem[] = [];
  const players = [...input.players];
  if (players.length === 0) problems.push({ path: 'players', message: 'is empty; a game needs at least one player' });
  players.forEach((p, i) => {
    if (players.indexOf(p) !== i) problems.push({ path: `players[${i}]`, message: `${JSON.stringify(p)} is used twice; player names must be distinct` });
  });
  const entries = input.nodes instanceof Map ? [...input.nodes.entries()] : Object.entries(input.nodes);
  if (entries.length === 0) problems.push({ path: 'nodes', message: 'is empty; a tree needs at least one node' });
  if (entries.length > MAX_TREE_NODES) problems.push({ path: 'nodes', message: `has ${entries.length} nodes; at most ${MAX_TREE_NODES} are accepted` });
  const ids = new Set(entries.map(([id]) => id));
  const nodes = new Map<string, TreeNode>();
  for (const [id, raw] of entries) {
    const node = checkNode(id, raw, players, ids, problems);
    if (node) nodes.set(id, node);
  }
  if (!ids.has(input.root)) problems.push({ path: 'root', message: `${JSON.stringify(input.root)} is not a node; name one of the ids under nodes` });
  if (problems.length > 0) throw new GameInputError(problems);
  checkShape(input.root, nodes, problems);
  if (problems.length > 0) throw new GameInputError(problems);
  return { name: input.name ?? 'Unnamed game', players, root: input.root, nodes };
}

/** The ids a node points to, in order. */
export function childrenOf(node: TreeNode): string[] {
  if (node.kind === 'decision') return node.actions.map((a) => a.next);
  if (node.kind === 'chance') return node.outcomes.map((o) => o.next);
  return [];
}

/** The node ids in depth-first (pre-)order from the root, children in the order listed. Iterative: deep trees do not overflow the stack. */
export function depthFirst(tree: GameTree): string[] {
  const out: string[] = [];
  const stack = [tree.root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    const kids = childrenOf(tree.nodes.get(id)!);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** How a node id is written in a field path: `nodes.entry` or `nodes["an id"]`. */
export function nodePath(id: string): string {
  return /^[A-Za-z_][\w-]*$/.test(id) ? `nodes.${id}` : `nodes[${JSON.stringify(id)}]`;
}

function checkNode(id: string, raw: TreeNodeInput, players: string[], ids: Set<string>, problems: GameProblem[]): TreeNode | undefined {
  const at = nodePath(id);
  const kinds = [raw.player !== undefined || raw.actions !== undefined, raw.chance !== undefined, raw.payoffs !== undefined].filter(Boolean).length;
  if (kinds !== 1) {
    problems.push({ path: at, message: `${kinds === 0 ? 'has none' : 'has more than one'} of: player + actions (a decision), chance (a chance node), payoffs (an outcome); give exactly one` });
    return undefined;
  }
  const before = problems.length;
  const ref = (next: string, path: string) => {
    if (!ids.has(next)) problems.push({ path, message: `${JSON.stringify(next)} is not a node; name one of the ids under nodes` });
  };
  if (raw.payoffs !== undefined) {
    if (raw.payoffs.length !== players.length) problems.push({ path: `${at}.payoffs`, message: `has ${raw.payoffs.length} number(s) but there are ${players.length} players (${players.join(', ')}); give one payoff per player, in that order` });
    raw.payoffs.forEach((v, i) => {
      if (!Number.isFinite(v)) problems.push({ path: `${at}.payoffs[${i}]`, message: `${v} is not allowed; payoffs must be finite numbers` });
    });
    return problems.length === before ? { kind: 'terminal', id, payoffs: [...raw.payoffs] } : undefined;
  }
  if (raw.chance !== undefined) {
    if (raw.chance.length === 0) problems.push({ path: `${at}.chance`, message: 'is empty; a chance node needs at least one outcome' });
    let sum = 0;
    const names = new Set<string>();
    raw.chance.forEach((o, i) => {
      const p = o.probability;
      if (!Number.isFinite(p) || p < 0 || p > 1) problems.push({ path: `${at}.chance[${i}].probability`, message: `${p} is not in [0, 1]` });
      else sum += p;
      if (names.has(o.outcome)) problems.push({ path: `${at}.chance[${i}].outcome`, message: `${JSON.stringify(o.outcome)} is used twice at this node; outcome names must be distinct` });
      names.add(o.outcome);
      ref(o.next, `${at}.chance[${i}].next`);
    });
    if (problems.length === before && raw.chance.length > 0 && Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      problems.push({ path: `${at}.chance`, message: `probabilities sum to ${sum}; they must sum to 1` });
    }
    return problems.length === before ? { kind: 'chance', id, outcomes: raw.chance.map((o) => ({ ...o })) } : undefined;
  }
  const player = raw.player === undefined ? -1 : players.indexOf(raw.player);
  if (raw.player === undefined) problems.push({ path: `${at}.player`, message: 'is missing; a decision node names the player who moves' });
  else if (player < 0) problems.push({ path: `${at}.player`, message: `${JSON.stringify(raw.player)} is not one of the players (${players.join(', ')})` });
  const actions = raw.actions ?? [];
  if (raw.actions === undefined) problems.push({ path: `${at}.actions`, message: 'is missing; a decision node needs at least one action' });
  else if (actions.length === 0) problems.push({ path: `${at}.actions`, message: 'is empty; a decision node needs at least one action' });
  const names = new Set<string>();
  actions.forEach((a, i) => {
    if (names.has(a.action)) problems.push({ path: `${at}.actions[${i}].action`, message: `${JSON.stringify(a.action)} is used twice at this node; action names must be distinct` });
    names.add(a.action);
    ref(a.next, `${at}.actions[${i}].next`);
  });
  return problems.length === before ? { kind: 'decision', id, player, actions: actions.map((a) => ({ ...a })) } : undefined;
}

/** A cycle, a node with two parents, a parent of the root or a node the root does not reach: the nodes do not form one tree. */
function checkShape(root: string, nodes: Map<string, TreeNode>, problems: GameProblem[]): void {
  const cycle = findCycle(nodes);
  if (cycle) {
    problems.push({ path: nodePath(cycle[0]), message: `is on a cycle: ${cycle.join(' -> ')}; a game tree cannot lead back to an earlier node` });
    return;
  }
  const parent = new Map<string, string>();
  for (const [id, node] of nodes) {
    for (const child of new Set(childrenOf(node))) {
      const first = parent.get(child);
      if (first !== undefined) problems.push({ path: nodePath(child), message: `has two parents (${JSON.stringify(first)} and ${JSON.stringify(id)}); in a tree every node but the root has one, so give each its own copy` });
      else parent.set(child, id);
    }
    // The same child twice under one node (two actions into one node) is also two parents' worth of arrows.
    const kids = childrenOf(node);
    if (new Set(kids).size !== kids.length) problems.push({ path: nodePath(id), message: 'leads to the same node by two of its branches; give each branch its own node' });
  }
  if (parent.has(root)) problems.push({ path: 'root', message: `${JSON.stringify(root)} is a child of ${JSON.stringify(parent.get(root))}; the root cannot have a parent` });
  const reached = new Set<string>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const child of childrenOf(nodes.get(stack.pop()!)!)) {
      if (!reached.has(child)) {
        reached.add(child);
        stack.push(child);
      }
    }
  }
  for (const id of nodes.keys()) if (!reached.has(id)) problems.push({ path: nodePath(id), message: `is never reached from the root ${JSON.stringify(root)}; remove it or link it in` });
}

/** A cycle as a list of ids that starts and ends with the same id, or undefined. Iterative, so deep trees do not overflow the stack. */
function findCycle(nodes: Map<string, TreeNode>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of nodes.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const iters: number[] = [0];
    state.set(start, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1];
      const kids = childrenOf(nodes.get(id)!);
      const k = iters[iters.length - 1]++;
      if (k >= kids.length) {
        state.set(id, 'done');
        path.pop();
        iters.pop();
        continue;
      }
      const child = kids[k];
      const s = state.get(child);
      if (s === 'open') return [...path.slice(path.indexOf(child)), child];
      if (s === undefined) {
        state.set(child, 'open');
        path.push(child);
        iters.push(0);
      }
    }
  }
  return undefined;
}
