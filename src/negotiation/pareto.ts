import { Z95 } from '../montecarlo/confidence.ts';
import { NegotiationInputError } from './errors.ts';

/** The Pareto frontier of a finite set of utility vectors. */
export interface ParetoResult {
  /** Indices of the non-dominated points; for two parties sorted by the first party's utility, ascending (then by index). */
  frontier: number[];
  /** Indices of the dominated points, ascending. */
  dominated: number[];
  /** Groups (of two or more) of frontier points with identical utility vectors: ties, all kept. */
  ties: number[][];
}

/** True when a is at least b for every party and better for one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return false;
    if (a[i] > b[i]) better = true;
  }
  return better;
}

function check(points: readonly (readonly number[])[]): number {
  if (points.length === 0) throw new NegotiationInputError('points', 'is empty: no designs to compare');
  const n = points[0].length;
  if (n < 1) throw new NegotiationInputError('points[0]', 'has no utilities');
  points.forEach((p, i) => {
    if (p.length !== n) throw new NegotiationInputError(`points[${i}]`, `has ${p.length} utilities; points[0] has ${n}`);
    p.forEach((u, k) => {
      if (!Number.isFinite(u)) throw new NegotiationInputError(`points[${i}][${k}]`, `${u} is not a finite utility`);
    });
  });
  return n;
}

/**
 * Splits utility vectors into the Pareto frontier (no other point is at least as good for
 * everyone and better for someone) and the dominated rest. Identical points do not
 * dominate each other: all copies stay on the frontier and are reported as ties.
 * Cost: O(n log n) for two parties (a sweep), O(n^2 k) for k > 2.
 * @throws NegotiationInputError for no points, ragged vectors or non-finite utilities.
 * @example paretoFrontier([[0, 1], [1, 0], [0.4, 0.4], [0.5, 0.5]]).frontier // [0, 3, 1]
 */
export function paretoFrontier(points: readonly (readonly number[])[]): ParetoResult {
  const k = check(points);
  const onFrontier = new Array<boolean>(points.length).fill(true);
  if (k === 2) {
    // Sweep by the first utility, descending: a group sharing that utility keeps only its
    // best second utility, and only if no strictly richer group reached it.
    const order = points.map((_, i) => i).sort((a, b) => points[b][0] - points[a][0] || points[b][1] - points[a][1] || a - b);
    let bestAbove = -Infinity;
    for (let g = 0; g < order.length; ) {
      const x = points[order[g]][0];
      let end = g;
      while (end < order.length && points[order[end]][0] === x) end++;
      const top = points[order[g]][1];
      for (let j = g; j < end; j++) {
        const y = points[order[j]][1];
        if (y < top || top <= bestAbove) onFrontier[order[j]] = false;
      }
      bestAbove = Math.max(bestAbove, top);
      g = end;
    }
  } else {
    for (let i = 0; i < points.length; i++) {
      for (let j = 0; j < points.length && onFrontier[i]; j++) if (j !== i && dominates(points[j], points[i])) onFrontier[i] = false;
    }
  }
  const frontier = points.map((_, i) => i).filter((i) => onFrontier[i]);
  if (k === 2) frontier.sort((a, b) => points[a][0] - points[b][0] || a - b);
  const dominated = points.map((_, i) => i).filter((i) => !onFrontier[i]);
  const groups = new Map<string, number[]>();
  for (const i of frontier) {
    const key = points[i].join(',');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const ties = [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b));
  return { frontier, dominated, ties };
}

/**
 * Which dominated designs are dominated beyond Monte Carlo error: design i is clearly
 * dominated when some design j is at least as good for every party (point estimates) and
 * better for one party by more than 1.96 standard errors of the difference (independent
 * estimates assumed). The others of `dominated` are dominated only within error: a chart
 * should draw them as possibly efficient.
 * @param points utility vectors with their standard errors
 * @returns the clearly dominated indices, ascending
 */
export function clearlyDominated(points: readonly { utility: readonly number[]; se: readonly number[] }[]): number[] {
  const { dominated } = paretoFrontier(points.map((p) => p.utility));
  return dominated.filter((i) =>
    points.some((q, j) => j !== i && dominates(q.utility, points[i].utility) && q.utility.some((u, k) => (u - points[i].utility[k]) / Math.hypot(q.se[k], points[i].se[k]) > Z95)),
  );
}
