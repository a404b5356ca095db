import { NegotiationInputError } from './errors.ts';
import { efficientHull, individuallyRational, locateOnFrontier, type Frontier, type UtilityPair } from './frontier.ts';
import { zoneOfAgreement } from './zone.ts';
import type { BargainingPoints } from './utility-table.ts';

/** Answer of a bargaining solution on a finite set: the best design, and any others as good. */
export interface BestPoint {
  method: 'best-point';
  index: number;
  id: string;
  utility: number[];
  /** The maximised criterion (Nash: the product of gains; Kalai-Smorodinsky: the smallest normalised gain). */
  value: number;
  /** Indices of every design achieving `value` (including `index`), for ties. */
  ties: number[];
}

/**
 * Answer on a continuous two-party frontier. `method` says what it is: `frontier-vertex`
 * when the solution is a vertex (a design, when the frontier came from designs), or
 * `frontier-interpolation` when it lies inside segment (k, k+1), at `weight` from vertex k.
 * On a hull built from designs an interior point is a lottery between the two designs
 * `between` with probabilities 1 - weight and weight; a design with parameters in between
 * is a guess to simulate, not a known answer.
 */
export interface FrontierPoint {
  method: 'frontier-vertex' | 'frontier-interpolation';
  utility: UtilityPair;
  value: number;
  segment: number;
  weight: number;
  /** Design indices of the segment's ends (the same twice at a vertex), when the frontier has sources. */
  between?: [number, number];
}

/** Relative tolerance within which two criterion values are a tie. */
const TIE = 1e-12;

function checkPower(power: number): number {
  if (!(typeof power === 'number' && power > 0 && power < 1)) throw new NegotiationInputError('power', `${String(power)} is not in (0, 1) (party 0's bargaining power)`);
  return power;
}

/**
 * The Nash bargaining solution on a finite set of designs: among those every party weakly
 * prefers to no deal, the one maximising the product of gains prod_i (u_i - d_i) (the
 * weighted product prod_i (u_i - d_i)^w_i with `weights`). Ties are reported; the lowest
 * index is returned. Null when the zone of agreement is empty.
 * @example nashBestPoint(problemForType(table, 'sincere'))?.id
 */
export function nashBestPoint(problem: BargainingPoints, weights?: number[]): BestPoint | null {
  const zone = zoneOfAgreement(problem);
  if (zone.length === 0) return null;
  const w = weights ?? problem.parties.map(() => 1);
  if (w.length !== problem.parties.length || w.some((x) => !(x > 0 && Number.isFinite(x)))) {
    throw new NegotiationInputError('weights', `must be ${problem.parties.length} positive numbers, one per party`);
  }
  const values = zone.map((m) => m.gains.reduce((p, g, i) => p * g ** w[i], 1));
  const best = Math.max(...values);
  const ties = zone.filter((_, k) => values[k] >= best * (1 - TIE)).map((m) => m.index);
  const index = ties[0];
  return { method: 'best-point', index, id: problem.points[index].id, utility: [...problem.points[index].utility], value: best, ties };
}

/**
 * The Nash bargaining solution on a piecewise-linear two-party frontier: the point
 * maximising (u0 - d0)^a (u1 - d1)^(1-a) with bargaining power a (1/2: the symmetric
 * solution), exact: on each segment the maximiser of the log product is closed form
 * (gain x = a S / k on a segment u1 = c - k u0, clamped to the segment). Null when no
 * frontier point is individually rational.
 * @throws NegotiationInputError for a power outside (0, 1).
 * @example nashOnFrontier(frontierFromVertices([[0, 1], [1, 0]]), [0.2, 0]).utility // [0.6, 0.4]
 */
export function nashOnFrontier(frontier: Frontier, d: UtilityPair, power = 0.5): FrontierPoint | null {
  const a = checkPower(power);
  const v = individuallyRational(frontier, d);
  if (!v) return null;
  const value = (p: UtilityPair) => Math.max(0, p[0] - d[0]) ** a * Math.max(0, p[1] - d[1]) ** (1 - a);
  let best: UtilityPair = v[0];
  for (let k = 0; k + 1 < v.length; k++) {
    const [x0, y0] = [v[k][0] - d[0], v[k][1] - d[1]];
    const [dx, dy] = [v[k + 1][0] - v[k][0], v[k + 1][1] - v[k][1]];
    // d/ds [a ln(x0 + s dx) + (1 - a) ln(y0 + s dy)] = 0, with dx > 0 > dy.
    const s = Math.min(1, Math.max(0, -(a * dx * y0 + (1 - a) * dy * x0) / (dx * dy)));
    const p: UtilityPair = s === 0 ? v[k] : s === 1 ? v[k + 1] : [v[k][0] + s * dx, v[k][1] + s * dy];
    if (value(p) > value(best)) best = p;
  }
  return onFrontier(frontier, best, value(best));
}

/** Describes a point of a frontier by its segment, weight and (if known) the designs at the ends. */
export function onFrontier(frontier: Frontier, p: UtilityPair, value: number): FrontierPoint {
  const loc = locateOnFrontier(frontier, p[0]);
  let { segment, weight } = loc;
  // A point at a vertex is named by the vertex, not by the segment ending there.
  if (weight === 1 && frontier.vertices.length > 1) {
    segment += 1;
    weight = 0;
  }
  const vertex = weight === 0 || frontier.vertices.length === 1;
  const src = frontier.source;
  const last = frontier.vertices.length - 1;
  const between: [number, number] | undefined = src ? (vertex ? [src[Math.min(segment, last)], src[Math.min(segment, last)]] : [src[segment], src[segment + 1]]) : undefined;
  return {
    method: vertex ? 'frontier-vertex' : 'frontier-interpolation',
    utility: vertex ? [...frontier.vertices[Math.min(segment, last)]] : p,
    value,
    segment: Math.min(segment, last),
    weight: vertex ? 0 : weight,
    ...(between ? { between } : {}),
  };
}

/**
 * The Nash bargaining solution of a finite two-party problem on the convex hull of its
 * designs (lotteries allowed): the exact point by interpolation between two hull designs.
 * @throws NegotiationInputError unless the problem has exactly two parties.
 */
export function nashOnHull(problem: BargainingPoints, power = 0.5): FrontierPoint | null {
  if (problem.parties.length !== 2) throw new NegotiationInputError('problem.parties', `has ${problem.parties.length} parties; the hull solution is for two`);
  const hull = efficientHull(problem.points.map((p) => [p.utility[0], p.utility[1]]));
  return nashOnFrontier(hull, [problem.disagreement.utility[0], problem.disagreement.utility[1]], power);
}
