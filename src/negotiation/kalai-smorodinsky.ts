import { NegotiationInputError } from './errors.ts';
import { efficientHull, individuallyRational, type Frontier, type UtilityPair } from './frontier.ts';
import { onFrontier, type BestPoint, type FrontierPoint } from './nash.ts';
import type { BargainingPoints } from './utility-table.ts';
import { zoneOfAgreement } from './zone.ts';

const TIE = 1e-12;

/**
 * The ideal (utopia) point of a finite problem: each party's best utility among the designs
 * every party weakly prefers to no deal. Null when that zone is empty.
 */
export function idealPoint(problem: BargainingPoints): number[] | null {
  const zone = zoneOfAgreement(problem);
  if (zone.length === 0) return null;
  return problem.parties.map((_, i) => Math.max(...zone.map((m) => problem.points[m.index].utility[i])));
}

/**
 * The Kalai-Smorodinsky solution on a finite set: the design in the zone of agreement that
 * maximises the smallest normalised gain min_i (u_i - d_i) / (a_i - d_i), a the ideal point
 * (parties with no possible gain, a_i = d_i, are left out). Ties are broken by the larger
 * sum of normalised gains, then the lower index. Null when the zone is empty.
 */
export function kalaiSmorodinskyBestPoint(problem: BargainingPoints): BestPoint | null {
  const zone = zoneOfAgreement(problem);
  const ideal = idealPoint(problem);
  if (!ideal || zone.length === 0) return null;
  const d = problem.disagreement.utility;
  const live = ideal.map((a, i) => a > d[i]);
  const norm = zone.map((m) => m.gains.map((g, i) => (live[i] ? g / (ideal[i] - d[i]) : 1)));
  const mins = norm.map((r) => Math.min(...r));
  const best = Math.max(...mins);
  const tied = zone.map((m, k) => ({ m, k })).filter(({ k }) => mins[k] >= best - TIE);
  const sum = (k: number) => norm[k].reduce((s, x) => s + x, 0);
  const pick = tied.reduce((b, c) => (sum(c.k) > sum(b.k) + TIE ? c : b));
  const index = pick.m.index;
  return { method: 'best-point', index, id: problem.points[index].id, utility: [...problem.points[index].utility], value: best, ties: tied.map(({ m }) => m.index) };
}

/**
 * The Kalai-Smorodinsky solution on a piecewise-linear two-party frontier: where the
 * segment from the disagreement point d to the ideal point a (each party's best
 * individually rational utility) meets the frontier, found exactly by linear interpolation.
 * Null when no frontier point is individually rational.
 * @example kalaiSmorodinskyOnFrontier(frontierFromVertices([[0, 1], [2, 0]]), [0, 0])?.utility // [1, 0.5]
 */
export function kalaiSmorodinskyOnFrontier(frontier: Frontier, d: UtilityPair): FrontierPoint | null {
  const v = individuallyRational(frontier, d);
  if (!v) return null;
  const ideal: UtilityPair = [v[v.length - 1][0], v[0][1]];
  const g = (p: UtilityPair) => (p[0] - d[0]) * (ideal[1] - d[1]) - (p[1] - d[1]) * (ideal[0] - d[0]);
  const ratio = (p: UtilityPair) => {
    const r = [ideal[0] > d[0] ? (p[0] - d[0]) / (ideal[0] - d[0]) : 1, ideal[1] > d[1] ? (p[1] - d[1]) / (ideal[1] - d[1]) : 1];
    return Math.min(r[0], r[1]);
  };
  if (v.length === 1) return onFrontier(frontier, v[0], ratio(v[0]));
  // g rises along the frontier (u0 up, u1 down) from <= 0 at its first vertex to >= 0 at its last.
  for (let k = 0; k + 1 < v.length; k++) {
    const ga = g(v[k]);
    const gb = g(v[k + 1]);
    if (ga <= 0 && gb >= 0) {
      const s = ga === gb ? 0 : ga / (ga - gb);
      const p: UtilityPair = s === 0 ? v[k] : s === 1 ? v[k + 1] : [v[k][0] + s * (v[k + 1][0] - v[k][0]), v[k][1] + s * (v[k + 1][1] - v[k][1])];
      return onFrontier(frontier, p, ratio(p));
    }
  }
  throw new Error('kalaiSmorodinskyOnFrontier: no crossing found on a valid frontier (a bug)');
}

/** The Kalai-Smorodinsky solution of a finite two-party problem on the convex hull of its designs. */
export function kalaiSmorodinskyOnHull(problem: BargainingPoints): FrontierPoint | null {
  if (problem.parties.length !== 2) throw new NegotiationInputError('problem.parties', `has ${problem.parties.length} parties; the hull solution is for two`);
  const hull = efficientHull(problem.points.map((p) => [p.utility[0], p.utility[1]]));
  return kalaiSmorodinskyOnFrontier(hull, [problem.disagreement.utility[0], problem.disagreement.utility[1]]);
}
