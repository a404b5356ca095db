import type { BatchLayout } from './layout.ts';

/**
 * Mean and variance of every entry (period metric x period, and summary metric),
 * kept as Welford moments (mean, M2 = sum of squared deviations) and merged with
 * Chan, Golub and LeVeque's pairwise update (1979):
 *
 *   n = nA + nB,  d = meanB - meanA,
 *   mean = meanA + d nB / n,   M2 = M2A + M2B + d^2 nA nB / n.
 *
 * Floating-point merges are not associative, so a result that must not depend on
 * chunking cannot merge in "whatever order chunks arrive" or even "in chunk
 * order": different chunk sizes would give different merge trees. Instead every
 * run is a leaf of ONE canonical binary tree over run indices: node (level L,
 * index j) holds runs [j 2^L, (j + 1) 2^L) and is always computed as
 * merge(left child, right child). A chunk, shard or worker holds the maximal
 * complete nodes of its runs; putting two node sets together merges siblings as
 * they meet. Whatever the split, each node gets the same bits, and the nodes left
 * for a batch are exactly the canonical decomposition of its run range, folded
 * left to right. Memory: O(log runs) nodes per range, never per run.
 *
 * Buffer layout (length momentsLength(layout)), P = periodEntries, S = summary metrics:
 *   [0, P) mean, [P, 2P) M2 of period entries (every run defines every period);
 *   then S counts, S means, S M2s of summary metrics (NaN = undefined is not counted).
 */
export interface MomentNode {
  level: number;
  index: number;
  runs: number;
  data: Float64Array;
}

export function momentsLength(layout: BatchLayout): number {
  return 2 * layout.periodEntries + 3 * layout.summaryMetrics.length;
}

/** Writes the moments of one run into `out`: means are the values, M2 zero. */
export function writeLeaf(layout: BatchLayout, periodValues: Float64Array, summaryValues: Float64Array, out: Float64Array): void {
  const P = layout.periodEntries;
  const S = layout.summaryMetrics.length;
  out.set(periodValues, 0);
  out.fill(0, P, 2 * P);
  const base = 2 * P;
  for (let s = 0; s < S; s++) {
    const x = summaryValues[s];
    const defined = x === x;
    out[base + s] = defined ? 1 : 0;
    out[base + S + s] = defined ? x : 0;
    out[base + 2 * S + s] = 0;
  }
}

/** a := merge(a, b), where a holds the runs just before b's. */
export function chanMergeInto(layout: BatchLayout, a: Float64Array, aRuns: number, b: Float64Array, bRuns: number): void {
  const P = layout.periodEntries;
  const n = aRuns + bRuns;
  const wB = bRuns / n;
  const c = (aRuns * bRuns) / n;
  for (let e = 0; e < P; e++) {
    const d = b[e] - a[e];
    a[e] += d * wB;
    a[P + e] += b[P + e] + d * d * c;
  }
  const S = layout.summaryMetrics.length;
  const base = 2 * P;
  for (let s = 0; s < S; s++) {
    const nB = b[base + s];
    if (nB === 0) continue;
    const nA = a[base + s];
    if (nA === 0) {
      a[base + s] = nB;
      a[base + S + s] = b[base + S + s];
      a[base + 2 * S + s] = b[base + 2 * S + s];
      continue;
    }
    const ns = nA + nB;
    const d = b[base + S + s] - a[base + S + s];
    a[base + s] = ns;
    a[base + S + s] += (d * nB) / ns;
    a[base + 2 * S + s] += b[base + 2 * S + s] + (d * d * nA * nB) / ns;
  }
}

/** Largest run index + 1 the tree keys can hold (2^45, about 3.5e13 runs). */
export const MAX_RUN_INDEX = 2 ** 45;

function key(level: number, index: number): number {
  return level * 2 ** 46 + index;
}

/** The canonical node set of a set of runs; see the module comment. */
export class MomentTree {
  private readonly nodes = new Map<number, MomentNode>();
  private readonly spare: Float64Array[] = [];
  readonly length: number;

  constructor(readonly layout: BatchLayout) {
    this.length = momentsLength(layout);
  }

  /** A buffer for a new leaf, reused from merged nodes so a batch allocates O(log runs) buffers. */
  takeBuffer(): Float64Array {
    return this.spare.pop() ?? new Float64Array(this.length);
  }

  /** Adds a node; merges it with its sibling (and upwards) when the sibling is present. */
  insert(node: MomentNode): void {
    if (node.data.length !== this.length) throw new Error(`moment node has ${node.data.length} numbers; this layout needs ${this.length}`);
    let cur = node;
    for (;;) {
      const k = key(cur.level, cur.index % 2 === 0 ? cur.index + 1 : cur.index - 1);
      const sibling = this.nodes.get(k);
      if (!sibling) break;
      this.nodes.delete(k);
      const [left, right] = cur.index % 2 === 0 ? [cur, sibling] : [sibling, cur];
      chanMergeInto(this.layout, left.data, left.runs, right.data, right.runs);
      if (this.spare.length < 8) this.spare.push(right.data);
      cur = { level: cur.level + 1, index: Math.floor(cur.index / 2), runs: left.runs + right.runs, data: left.data };
    }
    const k = key(cur.level, cur.index);
    if (this.nodes.has(k)) throw new Error(`runs [${cur.index * 2 ** cur.level}, ${(cur.index + 1) * 2 ** cur.level}) were added twice`);
    this.nodes.set(k, cur);
  }

  /** Empties the tree, keeping a few buffers for the next leaves. */
  clear(): void {
    for (const n of this.nodes.values()) if (this.spare.length < 8) this.spare.push(n.data);
    this.nodes.clear();
  }

  get runs(): number {
    let n = 0;
    for (const node of this.nodes.values()) n += node.runs;
    return n;
  }

  /** Nodes by first run index. */
  nodesInOrder(): MomentNode[] {
    return [...this.nodes.values()].sort((a, b) => a.index * 2 ** a.level - b.index * 2 ** b.level);
  }

  /** Moments of all runs held: the nodes folded left to right into a new buffer (the tree is unchanged). */
  fold(): { runs: number; data: Float64Array } {
    const out = new Float64Array(this.length);
    let runs = 0;
    for (const node of this.nodesInOrder()) {
      if (runs === 0) out.set(node.data);
      else chanMergeInto(this.layout, out, runs, node.data, node.runs);
      runs += node.runs;
    }
    return { runs, data: out };
  }
}
