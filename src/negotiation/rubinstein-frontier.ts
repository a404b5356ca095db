import { requireBreakdownProbability, requireDiscount } from './errors.ts';
import { individuallyRational, type Frontier, type UtilityPair } from './frontier.ts';
import { onFrontier, type FrontierPoint } from './nash.ts';

/** The two stationary offers of Rubinstein bargaining on a frontier. */
export interface RubinsteinOnFrontier {
  /** What party 0 offers when it proposes: the agreement reached in round one when it proposes first. */
  partyZeroProposes: FrontierPoint;
  /** What party 1 offers when it proposes. */
  partyOneProposes: FrontierPoint;
}

/**
 * Subgame-perfect alternating offers on a two-party frontier (Binmore, Rubinstein &
 * Wolinsky 1986): utilities are measured as gains over the disagreement point d, delay
 * discounts the gain by e_i = d_i (1 - q) per round, and a breakdown leaves each party
 * at d. With gains frontier g1 = phi(g0) (free disposal below it), the proposers' offers
 * a (party 0's) and b (party 1's) satisfy
 *   a1 = e1 b1 (party 1 is indifferent between a now and b next round),
 *   b0 = e0 a0,
 * found exactly by bisection on a0 = psi(e1 phi(e0 a0)), psi the inverse of phi. On the
 * linear frontier g0 + g1 = S, a0 = S (1 - e1) / (1 - e0 e1): Rubinstein's share. As both
 * discount rates vanish at ratio r0 / r1, both offers tend to the Nash solution with power
 * r1 / (r0 + r1) for party 0. Null when no frontier point is individually rational.
 * @throws NegotiationInputError for discounts outside (0, 1) or q outside [0, 1).
 * @example rubinsteinOnFrontier(frontierFromVertices([[0, 1], [1, 0]]), [0, 0], 0.9, 0.9)!.partyZeroProposes.utility[0] // 1 / 1.9
 */
export function rubinsteinOnFrontier(frontier: Frontier, d: UtilityPair, discount0: number, discount1: number, breakdownProbability = 0): RubinsteinOnFrontier | null {
  const q = requireBreakdownProbability('breakdownProbability', breakdownProbability);
  const e0 = requireDiscount('discount0', discount0) * (1 - q);
  const e1 = requireDiscount('discount1', discount1) * (1 - q);
  const v = individuallyRational(frontier, d);
  if (!v) return null;
  const g: UtilityPair[] = v.map((p) => [p[0] - d[0], p[1] - d[1]]);
  const G0 = g[g.length - 1][0];
  // phi: the most party 1 can gain when party 0 gains x (free disposal: flat left of the frontier).
  const phi = (x: number): number => {
    if (x <= g[0][0]) return g[0][1];
    for (let k = 0; k + 1 < g.length; k++) {
      if (x <= g[k + 1][0]) return g[k][1] + ((x - g[k][0]) * (g[k + 1][1] - g[k][1])) / (g[k + 1][0] - g[k][0]);
    }
    return g[g.length - 1][1];
  };
  // psi: the most party 0 can gain when party 1 gains y.
  const psi = (y: number): number => {
    if (y <= g[g.length - 1][1]) return G0;
    for (let k = g.length - 1; k > 0; k--) {
      if (y <= g[k - 1][1]) return g[k][0] + ((y - g[k][1]) * (g[k - 1][0] - g[k][0])) / (g[k - 1][1] - g[k][1]);
    }
    return g[0][0];
  };
  // F(a) - a falls from >= 0 at a = 0 to <= 0 at a = G0; 200 halvings reach the last bit.
  let lo = 0;
  let hi = G0;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (psi(e1 * phi(e0 * mid)) - mid >= 0) lo = mid;
    else hi = mid;
  }
  const a0 = lo;
  // The offers are frontier points; where the frontier ends before the indifference point,
  // the proposer offers the frontier's end and the responder gets more than it needed.
  const b0 = Math.max(g[0][0], e0 * a0);
  const a: UtilityPair = [d[0] + a0, d[1] + phi(a0)];
  const b: UtilityPair = [d[0] + b0, d[1] + phi(b0)];
  return { partyZeroProposes: onFrontier(frontier, a, a0), partyOneProposes: onFrontier(frontier, b, phi(b0)) };
}
