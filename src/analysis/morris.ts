import { bootstrapSettings, resampleIndices, summariseReplicates, type BootstrapOptions } from './bootstrap.ts';
import { AnalysisInputError, requireFiniteValues, requireInteger, requireRng, type UniformRng } from './errors.ts';
import { scaleToFactors, validateFactors, type Factor } from './factors.ts';

/** One step of a trajectory: which factor moved, and which way. */
export interface MorrisStep {
  factor: number;
  /** +1 if the factor rose by delta, -1 if it fell. */
  direction: 1 | -1;
}

/**
 * A Morris design: `trajectories` runs of D + 1 points each on a p-level grid,
 * consecutive points differing in one factor by delta. Rows of `points` go
 * trajectory by trajectory (row t (D + 1) + k is point k of trajectory t).
 */
export interface MorrisDesign {
  factors: Factor[];
  trajectories: number;
  levels: number;
  /** The step in unit-cube terms, p / (2 (p - 1)). */
  delta: number;
  points: number[][];
  unitPoints: number[][];
  /** steps[t][k]: the move from point k to point k + 1 of trajectory t. */
  steps: MorrisStep[][];
}

/** Options of `morrisDesign`. */
export interface MorrisDesignOptions {
  /** r, the number of trajectories, >= 2 (default 20). */
  trajectories?: number;
  /** p, the grid's levels per factor, even, in [2, 100] (default 4). */
  levels?: number;
  /**
   * Draw this many candidate trajectories and keep the r most spread out
   * (Campolongo et al. 2007), chosen greedily; at least r, at most 1,000
   * (default: r, i.e. no selection).
   */
  candidates?: number;
  /** Seeded uniform generator: base points, factor orders and directions. */
  rng: UniformRng;
}

/**
 * Morris (1991) one-at-a-time trajectories. Each factor's range is cut into a
 * grid of p levels {0, 1/(p-1), ..., 1} (in unit terms); a trajectory starts at
 * a random grid point and moves every factor once, in random order and
 * direction, by delta = p / (2 (p - 1)), so each trajectory gives one
 * elementary effect per factor for D + 1 model evaluations. With p even, every
 * grid level is equally likely to be visited (Morris's recommendation).
 *
 * With `candidates` = M > r, M trajectories are drawn and the r most spread
 * out kept (Campolongo, Cariboni and Saltelli 2007), which covers the input
 * space better for the same number of model runs.
 *
 * Cost: r (D + 1) points; draws M (3 D - 1) numbers from `rng`; the selection
 * costs O(M^2 D^3).
 *
 * @throws AnalysisInputError for bad factors, r < 2, or p odd or outside [2, 100]
 * @example morrisDesign(factors, { trajectories: 20, levels: 4, rng: seedrandom.alea('1') })
 */
export function morrisDesign(factors: readonly Factor[], given: MorrisDesignOptions): MorrisDesign {
  const fn = 'morrisDesign';
  const options = given ?? ({} as MorrisDesignOptions);
  validateFactors(fn, factors);
  const r = options.trajectories ?? 20;
  const p = options.levels ?? 4;
  requireInteger(fn, 'trajectories', r, 2, 1_000_000);
  if (!Number.isInteger(p) || p < 2 || p > 100 || p % 2 !== 0) throw new AnalysisInputError(fn, 'levels', 'must be an even integer in [2, 100]', p);
  requireRng(fn, options.rng);
  const candidates = options.candidates ?? r;
  requireInteger(fn, 'candidates', candidates, r, Math.max(r, 1000));
  const rng = options.rng;
  const D = factors.length;
  const half = p / 2;
  const drawn: { points: number[][]; steps: MorrisStep[] }[] = [];
  const level = new Int32Array(D);
  for (let t = 0; t < candidates; t++) {
    // Base levels 0..p/2-1, so that base + p/2 (a step of delta) stays on the grid.
    const order = Array.from({ length: D }, (_, i) => i);
    for (let i = D - 1; i > 0; i--) {
      const k = Math.floor(rng() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    const dirs: (1 | -1)[] = new Array(D);
    for (let i = 0; i < D; i++) {
      const base = Math.floor(rng() * half);
      dirs[i] = rng() < 0.5 ? 1 : -1;
      level[i] = dirs[i] === 1 ? base : base + half;
    }
    const points = [Array.from(level, (l) => l / (p - 1))];
    const trajectory: MorrisStep[] = [];
    for (const i of order) {
      level[i] += dirs[i] * half;
      points.push(Array.from(level, (l) => l / (p - 1)));
      trajectory.push({ factor: i, direction: dirs[i] });
    }
    drawn.push({ points, steps: trajectory });
  }
  const kept = candidates > r ? mostSpread(drawn.map((d) => d.points), r).map((i) => drawn[i]) : drawn;
  const unit = kept.flatMap((d) => d.points);
  return { factors: factors.map((f) => ({ ...f })), trajectories: r, levels: p, delta: half / (p - 1), points: scaleToFactors(unit, factors), unitPoints: unit, steps: kept.map((d) => d.steps) };
}

/**
 * Campolongo et al.'s (2007) distance between two trajectories: the sum over
 * all pairs of their points of the Euclidean distance (unit cube).
 */
export function trajectoryDistance(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let d = 0;
  for (const x of a) {
    for (const y of b) {
      let s = 0;
      for (let z = 0; z < x.length; z++) s += (x[z] - y[z]) ** 2;
      d += Math.sqrt(s);
    }
  }
  return d;
}

/**
 * The spread of a set of trajectories, sqrt(sum over pairs of distance^2):
 * the quantity Campolongo et al. maximise.
 */
export function trajectorySpread(trajectories: readonly (readonly (readonly number[])[])[]): number {
  let s = 0;
  for (let m = 0; m < trajectories.length; m++) for (let l = m + 1; l < trajectories.length; l++) s += trajectoryDistance(trajectories[m], trajectories[l]) ** 2;
  return Math.sqrt(s);
}

/**
 * Indices of r trajectories with a large spread, chosen greedily (the exact
 * choice is combinatorial): the farthest pair first, then each time the
 * candidate adding the most squared distance to those chosen. Ties keep the
 * earlier candidate, so the choice is a function of the draws.
 */
function mostSpread(trajectories: number[][][], r: number): number[] {
  const M = trajectories.length;
  const dist = Array.from({ length: M }, () => new Float64Array(M));
  for (let m = 0; m < M; m++) {
    for (let l = m + 1; l < M; l++) {
      const d = trajectoryDistance(trajectories[m], trajectories[l]) ** 2;
      dist[m][l] = d;
      dist[l][m] = d;
    }
  }
  let first = 0;
  let second = 1;
  for (let m = 0; m < M; m++) for (let l = m + 1; l < M; l++) if (dist[m][l] > dist[first][second]) [first, second] = [m, l];
  const chosen = [first, second];
  const gain = Float64Array.from({ length: M }, (_, c) => dist[c][first] + dist[c][second]);
  const taken = new Uint8Array(M);
  taken[first] = taken[second] = 1;
  while (chosen.length < r) {
    let best = -1;
    for (let c = 0; c < M; c++) if (!taken[c] && (best < 0 || gain[c] > gain[best])) best = c;
    chosen.push(best);
    taken[best] = 1;
    for (let c = 0; c < M; c++) gain[c] += dist[c][best];
  }
  return chosen;
}

/** Morris statistics of one factor, from its r elementary effects (in output units per factor range). */
export interface MorrisFactorResult {
  factor: string;
  /** Mean of the elementary effects: the average slope, signs kept. */
  mu: number;
  /** Mean of their absolute values (Campolongo et al. 2007): the importance measure. */
  muStar: number;
  /** Sample standard deviation: non-linearity or interactions. */
  sigma: number;
  /** Bootstrap standard error and percentile interval of mu* (resampling the trajectories). */
  muStarSe: number;
  muStarCi: [number, number];
  /** The r elementary effects, one per trajectory. */
  effects: number[];
}

/** What `morrisEffects` returns: one entry per factor, in the design's order, and the ranking. */
export interface MorrisResult {
  factors: MorrisFactorResult[];
  /** Factor names by decreasing mu* (ties keep the design's order). */
  ranking: string[];
  evaluations: number;
}

/**
 * Elementary effects from the outputs of a Morris design:
 * EE_i = direction (y(k+1) - y(k)) / delta, in output units per whole range of
 * the factor (the design moves in unit-cube terms), so mu* of different factors
 * compare directly. A linear term c x_i over a range of width w gives EE = c w.
 *
 * @param outputs one finite value per design point, in the design's order
 * @throws AnalysisInputError if outputs has the wrong length or a non-finite value
 */
export function morrisEffects(design: MorrisDesign, outputs: ArrayLike<number>, options: BootstrapOptions = {}): MorrisResult {
  const fn = 'morrisEffects';
  const D = design.factors.length;
  const r = design.trajectories;
  if (outputs.length !== r * (D + 1)) throw new AnalysisInputError(fn, 'outputs', `must have one value per design point, r (D + 1) = ${r * (D + 1)}`, outputs.length);
  requireFiniteValues(fn, 'outputs', outputs);
  const { resamples, confidence, rng } = bootstrapSettings(fn, options);
  const effects = Array.from({ length: D }, () => new Float64Array(r));
  for (let t = 0; t < r; t++) {
    const row0 = t * (D + 1);
    design.steps[t].forEach((s, k) => {
      effects[s.factor][t] = (s.direction * (outputs[row0 + k + 1] - outputs[row0 + k])) / design.delta;
    });
  }
  const rows = new Int32Array(r);
  const results = design.factors.map((f, i): MorrisFactorResult => {
    const ee = effects[i];
    const muStar = meanAbs(ee, null);
    const reps = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) reps[b] = meanAbs(ee, resampleIndices(rng!, rows));
    const boot = resamples > 0 ? summariseReplicates(reps, confidence) : { se: NaN, ci: [NaN, NaN] as [number, number] };
    let mu = 0;
    for (let t = 0; t < r; t++) mu += ee[t];
    mu /= r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (ee[t] - mu) ** 2;
    return { factor: f.name, mu, muStar, sigma: Math.sqrt(ss / (r - 1)), muStarSe: boot.se, muStarCi: boot.ci, effects: Array.from(ee) };
  });
  const ranking = results
    .map((x, i) => ({ x, i }))
    .sort((a, b) => b.x.muStar - a.x.muStar || a.i - b.i)
    .map((e) => e.x.factor);
  return { factors: results, ranking, evaluations: r * (D + 1) };
}

function meanAbs(ee: Float64Array, rows: Int32Array | null): number {
  let s = 0;
  for (let t = 0; t < ee.length; t++) s += Math.abs(ee[rows ? rows[t] : t]);
  return s / ee.length;
}

/**
 * Morris screening of a model given as a function of a point (factors' units):
 * design, evaluation, effects. The same `rng` drives the design, then the bootstrap.
 *
 * @example morrisAnalysis(factors, (x) => model(x), { trajectories: 50, rng: seedrandom.alea('m') })
 */
export function morrisAnalysis(factors: readonly Factor[], model: (point: number[]) => number, options: MorrisDesignOptions & Omit<BootstrapOptions, 'rng'>): MorrisResult {
  const design = morrisDesign(factors, options);
  return morrisEffects(design, design.points.map((x) => model(x)), options);
}
