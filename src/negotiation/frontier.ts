import { NegotiationInputError } from './errors.ts';

/** A point of a two-party utility space: [party 0's utility, party 1's utility]. */
export type UtilityPair = [number, number];

/**
 * A continuous Pareto frontier for two parties, piecewise linear: vertices with the first
 * utility strictly increasing and the second strictly decreasing. One vertex is allowed
 * (a frontier that is a single point). `source[k]`, when present, is the index of the
 * design whose utilities vertex k is.
 */
export interface Frontier {
  vertices: UtilityPair[];
  source?: number[];
}

/** Where a point lies on a frontier: on segment (k, k+1) at weight t in [0, 1] from vertex k. */
export interface FrontierLocation {
  segment: number;
  weight: number;
}

/**
 * Checks a frontier given as vertices.
 * @throws NegotiationInputError naming `frontier.vertices[k]` when empty, non-finite, or not
 *   strictly increasing in the first utility and strictly decreasing in the second.
 * @example frontierFromVertices([[0, 1], [1, 0]]) // the linear frontier u0 + u1 = 1
 */
export function frontierFromVertices(vertices: readonly UtilityPair[]): Frontier {
  if (vertices.length === 0) throw new NegotiationInputError('frontier.vertices', 'is empty: a frontier needs at least one point');
  vertices.forEach((v, k) => {
    if (!(Number.isFinite(v[0]) && Number.isFinite(v[1]))) throw new NegotiationInputError(`frontier.vertices[${k}]`, `[${v.join(', ')}] is not a pair of finite utilities`);
    if (k > 0) {
      const p = vertices[k - 1];
      if (!(v[0] > p[0] && v[1] < p[1])) {
        throw new NegotiationInputError(`frontier.vertices[${k}]`, `[${v.join(', ')}] after [${p.join(', ')}]: a frontier must rise in the first utility and fall in the second`);
      }
    }
  });
  return { vertices: vertices.map((v) => [v[0], v[1]]) };
}

/** z component of (b - a) x (c - a): > 0 when c is left of the line a -> b. */
function cross(a: UtilityPair, b: UtilityPair, c: UtilityPair): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/**
 * The Pareto part of the convex hull of finite utility pairs: the frontier the parties
 * reach when they may also agree on lotteries between designs (or, read as an
 * approximation, on designs between two neighbours). Vertices are designs; `source` says which.
 * Cost: O(n log n) (Andrew's monotone chain).
 * @throws NegotiationInputError for no points or non-finite utilities.
 * @example efficientHull([[0, 1], [0.5, 0.4], [1, 0]]).vertices // [[0, 1], [1, 0]]: (0.5, 0.4) lies below the chord
 */
export function efficientHull(points: readonly UtilityPair[]): Frontier {
  if (points.length === 0) throw new NegotiationInputError('points', 'is empty: no designs to compare');
  points.forEach((p, i) => {
    if (!(Number.isFinite(p[0]) && Number.isFinite(p[1]))) throw new NegotiationInputError(`points[${i}]`, `[${p.join(', ')}] is not a pair of finite utilities`);
  });
  const order = points.map((_, i) => i).sort((a, b) => points[a][0] - points[b][0] || points[a][1] - points[b][1] || a - b);
  // Upper hull, left to right. Points on a hull edge stay (only cross > 0 pops), so an
  // interior solution is named by the two neighbouring designs, not by the edge's far ends.
  const upper: number[] = [];
  for (const i of order) {
    // A repeat of the last vertex is skipped, so a vertex is named by its lowest-index design.
    const top = upper[upper.length - 1];
    if (top !== undefined && points[top][0] === points[i][0] && points[top][1] === points[i][1]) continue;
    while (upper.length >= 2 && cross(points[upper[upper.length - 2]], points[upper[upper.length - 1]], points[i]) > 0) upper.pop();
    upper.push(i);
  }
  // Its Pareto part starts at the highest second utility (the rightmost such vertex) and falls from there.
  let start = 0;
  for (let k = 1; k < upper.length; k++) if (points[upper[k]][1] >= points[upper[start]][1]) start = k;
  const kept = upper.slice(start).filter((i, k, a) => k === 0 || (points[i][0] > points[a[k - 1]][0] && points[i][1] < points[a[k - 1]][1]));
  return { vertices: kept.map((i) => [points[i][0], points[i][1]]), source: kept };
}

/**
 * The part of a frontier where both parties get at least their disagreement utility,
 * cut by linear interpolation where it crosses u0 = d0 or u1 = d1. Null when no frontier
 * point is individually rational (no agreement is possible).
 */
export function individuallyRational(frontier: Frontier, d: UtilityPair): UtilityPair[] | null {
  const v = frontier.vertices;
  const ok = (p: UtilityPair) => p[0] >= d[0] && p[1] >= d[1];
  if (v.length === 1) return ok(v[0]) ? [[v[0][0], v[0][1]]] : null;
  const out: UtilityPair[] = [];
  for (let k = 0; k + 1 < v.length; k++) {
    const a = v[k];
    const b = v[k + 1];
    // The segment's parameters where u0 >= d0 (t >= t0) and u1 >= d1 (t <= t1).
    const t0 = a[0] >= d[0] ? 0 : (d[0] - a[0]) / (b[0] - a[0]);
    const t1 = b[1] >= d[1] ? 1 : (a[1] - d[1]) / (a[1] - b[1]);
    if (t0 > t1 || t0 > 1 || t1 < 0) continue;
    const at = (t: number): UtilityPair => (t === 0 ? [a[0], a[1]] : t === 1 ? [b[0], b[1]] : [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    const p = at(Math.max(0, t0));
    const q = at(Math.min(1, t1));
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    if (q[0] !== p[0] || q[1] !== p[1]) out.push(q);
  }
  return out.length > 0 ? out : null;
}

/**
 * Locates a point known to lie on the frontier by its first utility (the frontier is
 * strictly increasing in it, so the location is unique).
 */
export function locateOnFrontier(frontier: Frontier, u0: number): FrontierLocation {
  const v = frontier.vertices;
  if (v.length === 1) return { segment: 0, weight: 0 };
  for (let k = 0; k + 1 < v.length; k++) {
    if (u0 <= v[k + 1][0] || k + 2 === v.length) {
      const t = (u0 - v[k][0]) / (v[k + 1][0] - v[k][0]);
      return { segment: k, weight: Math.min(1, Math.max(0, t)) };
    }
  }
  return { segment: v.length - 2, weight: 1 };
}
