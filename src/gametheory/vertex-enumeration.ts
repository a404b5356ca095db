import { isNashEquilibrium } from './best-response.ts';
import { makeEquilibrium, sameEquilibrium, SAME_EQUILIBRIUM_TOLERANCE, type Equilibrium } from './equilibrium.ts';
import { GameInputError } from './errors.ts';
import type { NormalFormGame } from './normal-form.ts';
import { solveLinearSystem } from './linear-solve.ts';
import { binomial, subsets } from './subsets.ts';
import { DEFAULT_TOLERANCE, normalisedPositive } from './tolerance.ts';

/** Constraint subsets examined at most per player by default: C(m + n, m) (9×9 is 48,620). */
export const MAX_VERTEX_SUBSETS = 50_000;

/** A connected set of equilibria: its extreme equilibria and whether it is a single point. */
export interface EquilibriumComponent {
  /** Indices into `extremeEquilibria`. */
  readonly members: readonly number[];
  /** True when every mix of the component's row vertices against every mix of its column vertices is an equilibrium (one convex product set). */
  readonly product: boolean;
}

export interface VertexEnumerationResult {
  /** Every extreme equilibrium (a vertex of the equilibrium set), sorted as uniqueEquilibria sorts. */
  readonly extremeEquilibria: Equilibrium[];
  /** The connected components of the equilibrium set; a component with more than one member is a continuum. */
  readonly components: EquilibriumComponent[];
  /** Whether the game is degenerate: some mix with k strategies in its support has more than k pure best responses. */
  readonly degenerate: boolean;
  /** Completely labelled vertex pairs dropped because rounding made them fail the equilibrium check (0 unless the game is badly scaled). */
  readonly roundingRejects: number;
  /** When degenerate, one witness: the player and a vertex of its best-response polytope with too many best responses. */
  readonly degeneracyWitness?: { readonly player: 0 | 1; readonly mix: readonly number[]; readonly bestResponses: readonly number[] };
}

interface Vertex {
  /** The point of the best-response polytope (not normalised). */
  readonly point: number[];
  /** Bit mask of the labels (tight constraints) at the point: bit i for row strategy i, bit m + j for column j. */
  readonly labels: bigint;
  readonly labelCount: number;
}

/**
 * The extreme equilibria of a two-player game by vertex enumeration of its best-response
 * polytopes (Mangasarian 1964; von Stengel 2007, §3.5), which stays correct in
 * degenerate games. Payoffs are mapped onto [1, 2] (normalisedPositive); then
 * P = { x >= 0 : Bᵀx <= 1 } and Q = { y >= 0 : Ay <= 1 }. A label of a point is a
 * tight constraint: x_i = 0 or column j a best response (for P), row i a best response
 * or y_j = 0 (for Q). A pair of nonzero vertices carrying all m + n labels between them
 * is, normalised, an extreme equilibrium, and every extreme equilibrium arises so.
 * The equilibrium set is a finite union of products of convex hulls of these; two
 * extreme equilibria sharing a row or a column vertex lie in one connected component.
 * A vertex with more than m (P) or n (Q) labels proves the game degenerate.
 *
 * Cost: C(m + n, m) m×m solves for P and C(m + n, n) n×n solves for Q.
 *
 * @throws GameInputError when C(m + n, m) exceeds `maxSubsets`.
 */
export function vertexEnumeration(game: NormalFormGame, options: { tolerance?: number; maxSubsets?: number } = {}): VertexEnumerationResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const m = game.strategies[0].length;
  const n = game.strategies[1].length;
  const count = binomial(m + n, m);
  const limit = options.maxSubsets ?? MAX_VERTEX_SUBSETS;
  if (count > limit) {
    throw new GameInputError([{ path: 'payoffs', message: `a ${m}×${n} game needs ${count} vertex candidates per player; vertex enumeration examines at most ${limit}` }]);
  }
  const [a, b] = game.payoffs;
  const shiftedA = normalisedPositive(a);
  const shiftedB = normalisedPositive(b);
  // P: variables x (m), constraints x_i >= 0 (label i) and (Bᵀx)_j <= 1 (label m + j).
  const pVertices = vertices(
    m,
    (i) => unit(m, i),
    (j) => shiftedB.map((row) => row[j]),
    n,
    (labelOfNonneg) => labelOfNonneg,
    (labelOfBound) => m + labelOfBound,
    tolerance,
  );
  // Q: variables y (n), constraints (Ay)_i <= 1 (label i) and y_j >= 0 (label m + j).
  const qVertices = vertices(
    n,
    (j) => unit(n, j),
    (i) => shiftedA[i],
    m,
    (labelOfNonneg) => m + labelOfNonneg,
    (labelOfBound) => labelOfBound,
    tolerance,
  );
  const all = (1n << BigInt(m + n)) - 1n;
  let witness: VertexEnumerationResult['degeneracyWitness'];
  const pOver = pVertices.find((v) => v.labelCount > m);
  const qOver = qVertices.find((v) => v.labelCount > n);
  if (pOver) witness = { player: 0, mix: normalise(pOver.point), bestResponses: bitsFrom(pOver.labels, m, m + n).map((l) => l - m) };
  else if (qOver) witness = { player: 1, mix: normalise(qOver.point), bestResponses: bitsFrom(qOver.labels, 0, m) };

  const pairs: { p: number; q: number; eq: Equilibrium }[] = [];
  let roundingRejects = 0;
  pVertices.forEach((pv, p) => {
    if (pv.point.every((v) => v === 0)) return;
    qVertices.forEach((qv, q) => {
      if (qv.point.every((v) => v === 0) || (pv.labels | qv.labels) !== all) return;
      const x = normalise(pv.point);
      const y = normalise(qv.point);
      // Completely labelled pairs are equilibria in exact arithmetic; one that fails even a
      // loose check is a rounding artefact of labels read within tolerance, and is counted.
      if (isNashEquilibrium(game, x, y, Math.sqrt(tolerance))) pairs.push({ p, q, eq: makeEquilibrium(game, x, y, tolerance) });
      else roundingRejects++;
    });
  });
  const { extremeEquilibria, components } = groupComponents(pairs);
  return { extremeEquilibria, components, degenerate: witness !== undefined, roundingRejects, ...(witness ? { degeneracyWitness: witness } : {}) };
}

/**
 * The vertices of { z in R^d : nonneg constraints z >= 0, bound rows · z <= 1 }: every
 * choice of d tight constraints with one solution that satisfies all the others.
 */
function vertices(
  d: number,
  nonnegRow: (i: number) => number[],
  boundRow: (j: number) => readonly number[],
  bounds: number,
  nonnegLabel: (i: number) => number,
  boundLabel: (j: number) => number,
  tolerance: number,
): Vertex[] {
  const constraints: { row: readonly number[]; rhs: number; label: number }[] = [];
  for (let i = 0; i < d; i++) constraints.push({ row: nonnegRow(i), rhs: 0, label: nonnegLabel(i) });
  for (let j = 0; j < bounds; j++) constraints.push({ row: boundRow(j), rhs: 1, label: boundLabel(j) });
  const out: Vertex[] = [];
  const seen = new Set<string>();
  for (const tight of subsets(constraints.length, d)) {
    const z = solveLinearSystem(
      tight.map((c) => constraints[c].row),
      tight.map((c) => constraints[c].rhs),
    );
    if (z === null) continue;
    let labels = 0n;
    let labelCount = 0;
    let feasible = true;
    for (let c = 0; c < d && feasible; c++) {
      if (z[c] < -tolerance) feasible = false;
      else if (z[c] <= tolerance) {
        z[c] = 0;
        labels |= 1n << BigInt(constraints[c].label);
        labelCount++;
      }
    }
    for (let c = d; c < constraints.length && feasible; c++) {
      let s = 0;
      const row = constraints[c].row;
      for (let k = 0; k < d; k++) s += row[k] * z[k];
      if (s > 1 + tolerance) feasible = false;
      else if (s >= 1 - tolerance) {
        labels |= 1n << BigInt(constraints[c].label);
        labelCount++;
      }
    }
    if (!feasible) continue;
    // A vertex of a degenerate polytope is the solution of several subsets: keep it once.
    const key = labels.toString(16);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ point: z, labels, labelCount });
  }
  return out;
}

/** Union-find over the bipartite graph row vertex – column vertex of the equilibrium pairs. */
function groupComponents(pairs: { p: number; q: number; eq: Equilibrium }[]): { extremeEquilibria: Equilibrium[]; components: EquilibriumComponent[] } {
  // Two vertex pairs can normalise to the same equilibrium only if they are the same; keep one per point anyway.
  const unique: { p: number; q: number; eq: Equilibrium }[] = [];
  for (const pr of pairs) if (!unique.some((u) => sameEquilibrium(u.eq, pr.eq, SAME_EQUILIBRIUM_TOLERANCE))) unique.push(pr);
  unique.sort((u, v) => compareMix(u.eq, v.eq));
  const parent = unique.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      if (unique[i].p === unique[j].p || unique[i].q === unique[j].q) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  unique.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  const components = [...groups.values()].map((members) => {
    const ps = new Set(members.map((i) => unique[i].p));
    const qs = new Set(members.map((i) => unique[i].q));
    return { members, product: ps.size * qs.size === members.length };
  });
  return { extremeEquilibria: unique.map((u) => u.eq), components };
}

function compareMix(a: Equilibrium, b: Equilibrium): number {
  const size = a.supports[0].length + a.supports[1].length - (b.supports[0].length + b.supports[1].length);
  if (size !== 0) return size;
  const p = [...a.row, ...a.column];
  const q = [...b.row, ...b.column];
  for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - q[i]) > SAME_EQUILIBRIUM_TOLERANCE) return q[i] - p[i];
  return 0;
}

function unit(d: number, i: number): number[] {
  const e = new Array<number>(d).fill(0);
  e[i] = 1;
  return e;
}

function normalise(z: readonly number[]): number[] {
  const s = z.reduce((t, v) => t + v, 0);
  return z.map((v) => v / s);
}

function bitsFrom(mask: bigint, from: number, to: number): number[] {
  const out: number[] = [];
  for (let l = from; l < to; l++) if ((mask >> BigInt(l)) & 1n) out.push(l);
  return out;
}
