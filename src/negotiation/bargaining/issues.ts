import { NegotiationInputError } from '../errors.ts';
import type { ParameterRange } from '../design-family.ts';

/** An offer: a value for every issue (design parameter) of the protocol. */
export type Offer = Record<string, number>;

/** How much a party cares about one issue, and which end it prefers. */
export interface IssueWeight {
  weight: number;
  prefers: 'high' | 'low';
}

/**
 * A linear additive utility over the issues (as in GENIUS): u(x) = sum_k w_k v_k(x_k),
 * v_k rising from 0 at the disliked end of issue k's range to 1 at the preferred end.
 * Weights sum to 1, so utilities lie in [0, 1]. `reservation` is the utility of no deal.
 */
export interface LinearUtility {
  issues: Record<string, IssueWeight>;
  reservation: number;
}

/**
 * The same utility compiled on positions p_k = (x_k - low_k) / (high_k - low_k) in [0, 1]:
 * u = constant + sum_k slopes[k] p_k. Affine, so a belief's expected utility over types is
 * again affine (the prior-weighted average of constants and slopes).
 */
export interface AffineUtility {
  constant: number;
  slopes: number[];
  reservation: number;
}

/** Compiles a linear utility onto the protocol's issues (issues it omits weigh 0). */
export function compileUtility(u: LinearUtility, issues: readonly ParameterRange[]): AffineUtility {
  let constant = 0;
  const slopes = issues.map((issue) => {
    const w = u.issues[issue.name];
    if (!w || issue.low === issue.high) return 0;
    if (w.prefers === 'high') return w.weight;
    constant += w.weight;
    return -w.weight;
  });
  return { constant, slopes, reservation: u.reservation };
}

/** u at positions p. */
export function utilityAt(u: AffineUtility, p: readonly number[]): number {
  let s = u.constant;
  for (let k = 0; k < p.length; k++) s += u.slopes[k] * p[k];
  return s;
}

/** The prior- (or posterior-) weighted average of affine utilities: the expected utility under a belief. */
export function expectedUtility(parts: readonly { weight: number; utility: AffineUtility }[]): AffineUtility {
  const n = parts[0].utility.slopes.length;
  const slopes = new Array<number>(n).fill(0);
  let constant = 0;
  let reservation = 0;
  for (const { weight, utility } of parts) {
    constant += weight * utility.constant;
    reservation += weight * utility.reservation;
    for (let k = 0; k < n; k++) slopes[k] += weight * utility.slopes[k];
  }
  return { constant, slopes, reservation };
}

/** Positions of an offer. @throws NegotiationInputError naming `field.issue` for a missing, non-finite or out-of-range value. */
export function positionsOf(issues: readonly ParameterRange[], offer: Offer, field = 'offer'): number[] {
  if (!offer || typeof offer !== 'object') throw new NegotiationInputError(field, 'is missing (expected a value for every issue)');
  for (const key of Object.keys(offer)) {
    if (!issues.some((i) => i.name === key)) throw new NegotiationInputError(`${field}.${key}`, `is not an issue of this negotiation (${issues.map((i) => i.name).join(', ')})`);
  }
  return issues.map((issue) => {
    const x = offer[issue.name];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new NegotiationInputError(`${field}.${issue.name}`, `${String(x)} is not a finite number`);
    if (x < issue.low || x > issue.high) throw new NegotiationInputError(`${field}.${issue.name}`, `${x} is outside the negotiated range [${issue.low}, ${issue.high}]`);
    return issue.low === issue.high ? 0 : (x - issue.low) / (issue.high - issue.low);
  });
}

/** The offer at positions p. */
export function offerAt(issues: readonly ParameterRange[], p: readonly number[]): Offer {
  const offer: Offer = {};
  issues.forEach((issue, k) => {
    offer[issue.name] = p[k] === 0 ? issue.low : p[k] === 1 ? issue.high : issue.low + p[k] * (issue.high - issue.low);
  });
  return offer;
}

/** The positions best for `own`; issues it does not care about go the way `other` prefers. */
export function idealPositions(own: AffineUtility, other?: AffineUtility): number[] {
  return own.slopes.map((a, k) => (a > 0 ? 1 : a < 0 ? 0 : (other?.slopes[k] ?? 0) > 0 ? 1 : 0));
}

/** The most `own` can get: its utility at its ideal. */
export function maxUtility(u: AffineUtility): number {
  return utilityAt(u, idealPositions(u));
}

/**
 * The positions that maximise `own` subject to `other` getting at least `minOther`, exact:
 * a fractional knapsack (a linear programme over the box). Start at own's ideal, then
 * concede the opposed issues in order of own's cost per unit of other's gain, the last
 * one partly. Null when even full concession leaves other below `minOther`.
 * @example with one issue `share`, own prefers high, other low (weights 1), minOther 0.4: positions [0.6]
 */
export function bestOfferMeeting(own: AffineUtility, other: AffineUtility, minOther: number): number[] | null {
  const p = idealPositions(own, other);
  let otherU = utilityAt(other, p);
  if (otherU >= minOther) return p;
  const opposed = own.slopes
    .map((a, k) => ({ k, cost: Math.abs(a), gain: p[k] === 1 ? -other.slopes[k] : other.slopes[k] }))
    .filter((c) => c.gain > 0)
    .sort((x, y) => x.cost / x.gain - y.cost / y.gain || x.k - y.k);
  for (const c of opposed) {
    const need = minOther - otherU;
    const towards = p[c.k] === 1 ? 0 : 1;
    if (c.gain >= need) {
      const f = need / c.gain;
      p[c.k] = towards === 0 ? 1 - f : f;
      return p;
    }
    p[c.k] = towards;
    otherU += c.gain;
  }
  return null;
}
