import { requireBreakdownProbability, requireDiscount } from '../errors.ts';

/**
 * The per-round factor a party applies to the future when talks also break down with
 * probability q after each rejection (and breakdown is worth 0): e = d (1 - q).
 * @throws NegotiationInputError for d outside (0, 1) or q outside [0, 1).
 */
export function effectiveDiscount(discount: number, breakdownProbability: number): number {
  return requireDiscount('discount', discount) * (1 - requireBreakdownProbability('breakdownProbability', breakdownProbability));
}

/**
 * Rubinstein (1982): the first proposer's share of a surplus of 1 in the unique
 * subgame-perfect equilibrium of infinite-horizon alternating offers, agreed at once:
 * (1 - e2) / (1 - e1 e2), with e_i = d_i (1 - q) the effective discounts (MODEL.md result 7).
 * @param d1 the first proposer's discount factor, in (0, 1)
 * @param d2 the responder's discount factor, in (0, 1)
 * @param breakdownProbability risk of breakdown after each rejection, in [0, 1)
 * @throws NegotiationInputError naming `d1`, `d2` or `breakdownProbability`.
 * @example rubinsteinShare(0.9, 0.9) // 0.5263157894736842 (= 1 / 1.9)
 */
export function rubinsteinShare(d1: number, d2: number, breakdownProbability = 0): number {
  const q = requireBreakdownProbability('breakdownProbability', breakdownProbability);
  const e1 = requireDiscount('d1', d1) * (1 - q);
  const e2 = requireDiscount('d2', d2) * (1 - q);
  return (1 - e2) / (1 - e1 * e2);
}
