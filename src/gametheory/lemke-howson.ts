import { isNashEquilibrium } from './best-response.ts';
import { makeEquilibrium, uniqueEquilibria, type Equilibrium } from './equilibrium.ts';
import { GameInputError } from './errors.ts';
import type { NormalFormGame } from './normal-form.ts';
import { DEFAULT_TOLERANCE, normalisedPositive } from './tolerance.ts';

/**
 * One complementary-pivoting tableau. Columns are indexed by label (0..m-1 the row
 * player's strategies, m..m+n-1 the column player's), then the right-hand side; the
 * slack columns start as the identity, which the lexicographic ratio test reads.
 */
interface Tableau {
  rows: Float64Array[];
  basis: number[];
  slackLabels: number[];
}

export interface LemkeHowsonPath {
  /** The label dropped to leave the artificial equilibrium (0..m-1 a row strategy, m..m+n-1 a column). */
  readonly startLabel: number;
  readonly equilibrium: Equilibrium;
  readonly pivots: number;
}

/**
 * One Lemke–Howson path (Lemke & Howson 1964; von Stengel 2007, §3.4): from the
 * artificial equilibrium (0, 0) of the best-response polytopes, drop `startLabel` and
 * pivot alternately in the two tableaux until the missing label is picked up again; the
 * end is a Nash equilibrium. Ties in the ratio test are broken lexicographically, so the
 * path also ends in degenerate games. Cost: each pivot is O((m + n)²); the number of
 * pivots is usually small but exponential in the worst case.
 *
 * @throws GameInputError when `startLabel` is not in [0, m + n - 1].
 * @throws Error when the path does not end within `maxPivots` pivots or rounding makes
 *   its end fail the equilibrium check (a bug or a badly scaled game, never silent).
 * @example lemkeHowson(battleOfTheSexes, 0).equilibrium.row // [1, 0]
 */
export function lemkeHowson(game: NormalFormGame, startLabel: number, options: { tolerance?: number; maxPivots?: number } = {}): LemkeHowsonPath {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const m = game.strategies[0].length;
  const n = game.strategies[1].length;
  if (!Number.isInteger(startLabel) || startLabel < 0 || startLabel >= m + n) {
    throw new GameInputError([{ path: 'startLabel', message: `${startLabel} is not a label of this ${m}×${n} game; labels are whole numbers in [0, ${m + n - 1}]` }]);
  }
  const maxPivots = options.maxPivots ?? 100 * (m + n) * (m + n);
  const [a, b] = game.payoffs;
  // Q's tableau: A'y + r = 1 (r_i carries label i, y_j label m + j); P's: B'ᵀx + s = 1
  // (x_i label i, s_j label m + j). Both start with their slacks in the basis: (0, 0).
  const shiftedA = normalisedPositive(a);
  const shiftedB = normalisedPositive(b);
  const forY = tableau(range(0, m), m + n, (i, l) => (l < m ? (l === i ? 1 : 0) : shiftedA[i][l - m]));
  const forX = tableau(range(m, m + n), m + n, (j, l) => (l < m ? shiftedB[l][j] : l - m === j ? 1 : 0));

  let entering = startLabel;
  // A row label enters P's tableau (x grows); a column label enters Q's.
  let current = startLabel < m ? forX : forY;
  let pivots = 0;
  while (true) {
    if (++pivots > maxPivots) throw new Error(`Lemke–Howson from label ${startLabel} did not end within ${maxPivots} pivots`);
    const leaving = pivot(current, entering, tolerance);
    if (leaving === startLabel) break;
    entering = leaving;
    current = current === forX ? forY : forX;
  }
  const x = solution(forX, range(0, m));
  const y = solution(forY, range(m, m + n));
  if (!isNashEquilibrium(game, x, y, Math.sqrt(tolerance))) {
    throw new Error(`Lemke–Howson from label ${startLabel} ended at a point that is not an equilibrium within tolerance (rounding); use support enumeration for this game`);
  }
  return { startLabel, equilibrium: makeEquilibrium(game, x, y, tolerance), pivots };
}

/**
 * Lemke–Howson from every one of the m + n starting labels, with repeats removed. Fast
 * on games far too large for support enumeration, but not complete: some equilibria
 * are reachable from no starting label (von Stengel 2007, §3.4), so use it to find
 * equilibria quickly, not to prove there are no others.
 *
 * @example lemkeHowsonAll(game).equilibria // each one checked with isNashEquilibrium
 */
export function lemkeHowsonAll(game: NormalFormGame, options: { tolerance?: number; maxPivots?: number } = {}): { equilibria: Equilibrium[]; paths: LemkeHowsonPath[] } {
  const labels = game.strategies[0].length + game.strategies[1].length;
  const paths = range(0, labels).map((l) => lemkeHowson(game, l, options));
  return { equilibria: uniqueEquilibria(paths.map((p) => p.equilibrium)), paths };
}

function tableau(slackLabels: number[], labels: number, entry: (row: number, label: number) => number): Tableau {
  const rows = slackLabels.map((_, r) => {
    const row = new Float64Array(labels + 1);
    for (let l = 0; l < labels; l++) row[l] = entry(r, l);
    row[labels] = 1;
    return row;
  });
  return { rows, basis: [...slackLabels], slackLabels };
}

/** Brings `entering` into the basis by the lexicographic minimum-ratio test; returns the label that leaves. */
function pivot(t: Tableau, entering: number, tolerance: number): number {
  const rhs = t.rows[0].length - 1;
  let best = -1;
  for (let r = 0; r < t.rows.length; r++) {
    const c = t.rows[r][entering];
    if (c <= tolerance) continue;
    if (best < 0 || lexLess(t, r, best, entering, rhs)) best = r;
  }
  if (best < 0) throw new Error(`Lemke–Howson: label ${entering} cannot enter (unbounded ray); the payoffs may be badly scaled`);
  const p = t.rows[best];
  const c = p[entering];
  for (let l = 0; l <= rhs; l++) p[l] /= c;
  for (let r = 0; r < t.rows.length; r++) {
    if (r === best) continue;
    const f = t.rows[r][entering];
    if (f === 0) continue;
    const row = t.rows[r];
    for (let l = 0; l <= rhs; l++) row[l] -= f * p[l];
    row[entering] = 0;
  }
  const leaving = t.basis[best];
  t.basis[best] = entering;
  return leaving;
}

/** Row r's ratio vector (rhs, then the slack columns, over the entering coefficient) is lexicographically smaller than row s's. */
function lexLess(t: Tableau, r: number, s: number, entering: number, rhs: number): boolean {
  const rowR = t.rows[r];
  const rowS = t.rows[s];
  const cr = rowR[entering];
  const cs = rowS[entering];
  const d = rowR[rhs] / cr - rowS[rhs] / cs;
  if (Math.abs(d) > 1e-12) return d < 0;
  // A tie in the ratio (a degenerate vertex): compare the slack columns, i.e. the rows of the basis inverse.
  for (const col of t.slackLabels) {
    const e = rowR[col] / cr - rowS[col] / cs;
    if (Math.abs(e) > 1e-12) return e < 0;
  }
  return false;
}

function solution(t: Tableau, labels: number[]): number[] {
  const rhs = t.rows[0].length - 1;
  const z = labels.map((l) => {
    const r = t.basis.indexOf(l);
    return r < 0 ? 0 : Math.max(0, t.rows[r][rhs]);
  });
  const s = z.reduce((u, v) => u + v, 0);
  return z.map((v) => v / s);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
