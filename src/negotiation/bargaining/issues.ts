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
 * A utility tabulated along the protocol's one issue, linear between the points: how
 * utilities estimated by simulation on a grid of designs enter bargaining
 * (`tabulatedUtility` builds one from a UtilityTable). Points are [issue value, utility],
 * the values strictly increasing from the issue's low end to its high end.
 */
export interface TabulatedUtilitySpec {
  tabulated: [number, number][];
  reservation: number;
}

/** A party's utility as a protocol states it. */
export type UtilitySpec = LinearUtility | TabulatedUtilitySpec;

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

/** A tabulated utility on positions of the one issue: `values[j]` at `positions[j]`, linear between. */
export interface TabulatedUtility {
  kind: 'tabulated';
  positions: number[];
  values: number[];
  reservation: number;
}

/** A utility compiled on positions: affine (from linear weights) or tabulated (one issue). */
export type CompiledUtility = AffineUtility | TabulatedUtility;

function isTabulated(u: CompiledUtility): u is TabulatedUtility {
  return (u as TabulatedUtility).kind === 'tabulated';
}

/** Compiles a utility onto the protocol's issues (issues a linear utility omits weigh 0). */
export function compileUtility(u: UtilitySpec, issues: readonly ParameterRange[]): CompiledUtility {
  if ('tabulated' in u) {
    const { low, high } = issues[0];
    return { kind: 'tabulated', positions: u.tabulated.map(([x]) => (high === low ? 0 : (x - low) / (high - low))), values: u.tabulated.map(([, v]) => v), reservation: u.reservation };
  }
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

/** A tabulated utility at position x: linear between points (x outside the points takes the nearest end). */
function tableAt(u: TabulatedUtility, x: number): number {
  const { positions: xs, values: ys } = u;
  if (x <= xs[0]) return ys[0];
  for (let j = 1; j < xs.length; j++) {
    if (x <= xs[j]) return x === xs[j] ? ys[j] : ys[j - 1] + ((x - xs[j - 1]) * (ys[j] - ys[j - 1])) / (xs[j] - xs[j - 1]);
  }
  return ys[ys.length - 1];
}

/** Any one-issue utility as a table (an affine one is linear: its two ends). */
function asTable(u: CompiledUtility): TabulatedUtility {
  if (isTabulated(u)) return u;
  return { kind: 'tabulated', positions: [0, 1], values: [u.constant, u.constant + u.slopes[0]], reservation: u.reservation };
}

/** u at positions p. */
export function utilityAt(u: CompiledUtility, p: readonly number[]): number {
  if (isTabulated(u)) return tableAt(u, p[0]);
  let s = u.constant;
  for (let k = 0; k < p.length; k++) s += u.slopes[k] * p[k];
  return s;
}

/** The prior- (or posterior-) weighted average of utilities: the expected utility under a belief (exact: affine stays affine, tables merge their points). */
export function expectedUtility(parts: readonly { weight: number; utility: CompiledUtility }[]): CompiledUtility {
  if (parts.some((p) => isTabulated(p.utility))) {
    const tables = parts.map((p) => asTable(p.utility));
    const positions = [...new Set(tables.flatMap((t) => t.positions))].sort((a, b) => a - b);
    const values = positions.map((x) => tables.reduce((s, t, i) => s + parts[i].weight * tableAt(t, x), 0));
    return { kind: 'tabulated', positions, values, reservation: parts.reduce((s, p) => s + p.weight * p.utility.reservation, 0) };
  }
  const affine = parts as readonly { weight: number; utility: AffineUtility }[];
  const n = affine[0].utility.slopes.length;
  const slopes = new Array<number>(n).fill(0);
  let constant = 0;
  let reservation = 0;
  for (const { weight, utility } of affine) {
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

/** The positions best for `own`; issues it does not care about go the way `other` prefers (tables: among own's best points, other's best, then the lowest). */
export function idealPositions(own: CompiledUtility, other?: CompiledUtility): number[] {
  if (isTabulated(own) || (other && isTabulated(other))) {
    const candidates = tablePoints(own, other);
    const best = Math.max(...candidates.map((x) => utilityAt(own, [x])));
    const top = candidates.filter((x) => utilityAt(own, [x]) === best);
    return [other ? top.reduce((a, b) => (utilityAt(other, [b]) > utilityAt(other, [a]) ? b : a)) : top[0]];
  }
  return own.slopes.map((a, k) => (a > 0 ? 1 : a < 0 ? 0 : (other?.slopes[k] ?? 0) > 0 ? 1 : 0));
}

/** The breakpoints of one-issue utilities, with both ends, sorted. */
function tablePoints(...us: (CompiledUtility | undefined)[]): number[] {
  return [...new Set([0, 1, ...us.flatMap((u) => (u ? asTable(u).positions : []))])].filter((x) => x >= 0 && x <= 1).sort((a, b) => a - b);
}

/** The most `own` can get: its utility at its ideal. */
export function maxUtility(u: CompiledUtility): number {
  return utilityAt(u, idealPositions(u));
}

/**
 * The positions that maximise `own` subject to `other` getting at least `minOther`, exact:
 * a fractional knapsack (a linear programme over the box). Start at own's ideal, then
 * concede the opposed issues in order of own's cost per unit of other's gain, the last
 * one partly. Null when even full concession leaves other below `minOther`. With a
 * tabulated utility (one issue) the feasible set is a union of intervals and own is
 * linear between breakpoints, so the best is at a breakpoint or where other's utility
 * crosses `minOther`: all are checked, exactly.
 * @example with one issue `share`, own prefers high, other low (weights 1), minOther 0.4: positions [0.6]
 */
export function bestOfferMeeting(own: CompiledUtility, other: CompiledUtility, minOther: number): number[] | null {
  if (isTabulated(own) || isTabulated(other)) return bestOfferMeetingOnTable(own, other, minOther);
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

function bestOfferMeetingOnTable(own: CompiledUtility, other: CompiledUtility, minOther: number): number[] | null {
  const xs = tablePoints(own, other);
  const candidates = [...xs];
  for (let j = 0; j + 1 < xs.length; j++) {
    const a = utilityAt(other, [xs[j]]) - minOther;
    const b = utilityAt(other, [xs[j + 1]]) - minOther;
    if ((a < 0 && b > 0) || (a > 0 && b < 0)) candidates.push(xs[j] + ((xs[j + 1] - xs[j]) * a) / (a - b));
  }
  let best: number | null = null;
  for (const x of candidates) {
    // A crossing point computed by interpolation may miss minOther in the last bit: allow that.
    if (utilityAt(other, [x]) < minOther - 1e-12) continue;
    if (best === null) {
      best = x;
      continue;
    }
    const d = utilityAt(own, [x]) - utilityAt(own, [best]);
    if (d > 0 || (d === 0 && utilityAt(other, [x]) > utilityAt(other, [best]))) best = x;
  }
  return best === null ? null : [best];
}
