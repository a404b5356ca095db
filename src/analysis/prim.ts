import { binomialUpperTail } from './binomial.ts';
import { AnalysisInputError, requireNumberIn } from './errors.ts';

/**
 * Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman
 * and Fisher 1999), as used for scenario discovery by Bryant and Lempert (2010)
 * and EMA Workbench: find boxes (one interval per input) where the cases of
 * interest (runs where the agreement collapsed, say) are concentrated.
 */

/** Sampled inputs and which runs are of interest. */
export interface PrimData {
  /** n rows of D finite numbers: the sampled levers and uncertainties. */
  x: readonly (readonly number[])[];
  /** n flags: is run i a case of interest? (booleans or 0/1) */
  y: ArrayLike<boolean | number>;
  /** D input names (default x0, x1, ...). */
  names?: readonly string[];
}

/** A box and how well it describes the cases of interest. */
export interface PrimBox {
  /** [low, high] per input, inclusive; an unrestricted input spans its data's range. */
  limits: [number, number][];
  /** Share of all cases of interest that fall in the box. */
  coverage: number;
  /** Share of the runs in the box that are cases of interest. */
  density: number;
  /** Share of all runs that fall in the box. */
  mass: number;
  runs: number;
  casesOfInterest: number;
  /** Indices of the inputs the box restricts, in input order. */
  restricted: number[];
  /** How the box was reached: the full data, a peel or a paste. */
  step: 'start' | 'peel' | 'paste';
}

/** Options of `prim`. */
export interface PrimOptions {
  /** Share of the box's runs peeled off at each step, in (0, 0.5) (default 0.05). */
  peelAlpha?: number;
  /** Share of the box's runs a paste may add back, in (0, 0.5) (default 0.05). */
  pasteAlpha?: number;
  /** Peeling stops before the box's mass falls below this, in (0, 1) (default 0.05). */
  massMin?: number;
}

/** What `prim` returns. */
export interface PrimResult {
  names: string[];
  /** The peeling trajectory, then the pastes of its last box: the coverage-density trade-off to choose from. */
  trajectory: PrimBox[];
  /** Index in `trajectory` of the last peeled box (the pastes follow it). */
  lastPeel: number;
  /** Share of all runs that are cases of interest: the density of the whole data. */
  baseDensity: number;
}

/**
 * PRIM's peeling and pasting on numeric inputs.
 *
 * Peeling: from the box holding all runs, repeatedly cut off a slice at one
 * end of one input holding about `peelAlpha` of the box's runs (at least one;
 * runs tied at the cut value stay, except that the runs tied at the input's
 * extreme value go together, so inputs with few values can be peeled), and
 * keep the cut that raises the density the most per run removed; stop when the
 * next box would hold less than `massMin` of the runs or the density is
 * already 1. Each box is recorded.
 *
 * Pasting: then widen the last box at one end of one input by about
 * `pasteAlpha` of its runs, as long as that raises its density (which undoes
 * peels that were too greedy).
 *
 * The user chooses a box on the trajectory (`chooseBox`), higher density at
 * the price of lower coverage, and `inspectBox` tells which of its
 * restrictions matter.
 *
 * Cost: O(steps D n log n), with about log(massMin) / log(1 - peelAlpha) steps.
 *
 * @throws AnalysisInputError for empty or ragged inputs, non-finite values, flags other than 0/1, no case of interest, or options out of range
 * @example prim({ x: samples, y: runs.map((r) => r.collapsed) }).trajectory
 */
export function prim(data: PrimData, options: PrimOptions = {}): PrimResult {
  const fn = 'prim';
  const { x, y, names } = checkData(fn, data);
  const peelAlpha = options.peelAlpha ?? 0.05;
  const pasteAlpha = options.pasteAlpha ?? 0.05;
  const massMin = options.massMin ?? 0.05;
  requireNumberIn(fn, 'peelAlpha', peelAlpha, 0, 0.5, { low: true, high: true });
  requireNumberIn(fn, 'pasteAlpha', pasteAlpha, 0, 0.5, { low: true, high: true });
  requireNumberIn(fn, 'massMin', massMin, 0, 1, { low: true, high: true });
  const n = x.length;
  const full = dataRanges(x);
  const totalInterest = y.reduce((s, v) => s + v, 0);

  let limits = full.map((r) => [...r] as [number, number]);
  let inBox = Array.from({ length: n }, (_, i) => i);
  const trajectory: PrimBox[] = [describe(limits, inBox, y, n, totalInterest, full, 'start')];

  for (;;) {
    const current = trajectory[trajectory.length - 1];
    if (current.density >= 1) break;
    const best = bestPeel(x, y, inBox, limits, peelAlpha, Math.ceil(massMin * n));
    if (!best) break;
    limits = best.limits;
    inBox = best.inBox;
    trajectory.push(describe(limits, inBox, y, n, totalInterest, full, 'peel'));
  }
  const lastPeel = trajectory.length - 1;
  for (const box of pasteSteps(x, y, limits, pasteAlpha, full, totalInterest)) trajectory.push(box);
  return { names, trajectory, lastPeel, baseDensity: totalInterest / n };
}

/** The peel with the largest density gain per run removed whose box keeps at least `minRuns` runs; null if none. */
function bestPeel(x: readonly (readonly number[])[], y: number[], inBox: number[], limits: [number, number][], alpha: number, minRuns: number) {
  const m = inBox.length;
  if (m < 2) return null;
  let interest = 0;
  for (const i of inBox) interest += y[i];
  const density = interest / m;
  const k = Math.max(1, Math.floor(alpha * m));
  const sorted = new Float64Array(m);
  let best: { gain: number; kept: number; dim: number; side: 0 | 1; cut: number } | null = null;
  for (let j = 0; j < limits.length; j++) {
    for (let t = 0; t < m; t++) sorted[t] = x[inBox[t]][j];
    sorted.sort();
    for (const side of [0, 1] as const) {
      // Keep x >= sorted[k] (lower peel) or x <= sorted[m - 1 - k] (upper peel): ties at the cut
      // stay in, unless the cut is the extreme value itself, when all runs tied there go
      // (so an input with few values, a switch or a category code, can still be peeled).
      let cut = side === 0 ? sorted[k] : sorted[m - 1 - k];
      const extreme = side === 0 ? sorted[0] : sorted[m - 1];
      if (cut === extreme) {
        const next = side === 0 ? sorted.findIndex((v) => v > extreme) : lastIndexBelow(sorted, extreme);
        if (next < 0) continue;
        cut = sorted[next];
      }
      let kept = 0;
      let keptInterest = 0;
      for (const i of inBox) {
        const v = x[i][j];
        if (side === 0 ? v >= cut : v <= cut) {
          kept++;
          keptInterest += y[i];
        }
      }
      if (kept === m || kept < minRuns) continue;
      const gain = (keptInterest / kept - density) / (m - kept);
      if (!best || gain > best.gain || (gain === best.gain && kept > best.kept)) best = { gain, kept, dim: j, side, cut };
    }
  }
  if (!best) return null;
  const { dim, side, cut } = best;
  const next = limits.map((l) => [...l] as [number, number]);
  next[dim][side] = cut;
  return { limits: next, inBox: inBox.filter((i) => (side === 0 ? x[i][dim] >= cut : x[i][dim] <= cut)) };
}

/** Index of the last value below `v` in ascending `sorted`, or -1. */
function lastIndexBelow(sorted: Float64Array, v: number): number {
  let i = sorted.length - 1;
  while (i >= 0 && sorted[i] >= v) i--;
  return i;
}

/** Pastes of a box, each the best single widening that raises density, until none does. */
function pasteSteps(x: readonly (readonly number[])[], y: number[], start: [number, number][], alpha: number, full: [number, number][], totalInterest: number): PrimBox[] {
  const n = x.length;
  const steps: PrimBox[] = [];
  let limits = start.map((l) => [...l] as [number, number]);
  let inBox = indicesIn(x, limits);
  let density = inBox.reduce((s, i) => s + y[i], 0) / inBox.length;
  for (;;) {
    const k = Math.max(1, Math.floor(alpha * inBox.length));
    let best: { density: number; limits: [number, number][]; inBox: number[] } | null = null;
    for (let j = 0; j < limits.length; j++) {
      // Runs outside the box only because of input j, on each side, nearest first.
      const others = limits.map((l, d) => (d === j ? full[d] : l));
      const candidates = indicesIn(x, others).filter((i) => x[i][j] < limits[j][0] || x[i][j] > limits[j][1]);
      for (const side of [0, 1] as const) {
        const outside = candidates.filter((i) => (side === 0 ? x[i][j] < limits[j][0] : x[i][j] > limits[j][1])).map((i) => x[i][j]);
        if (outside.length === 0) continue;
        outside.sort((a, b) => (side === 0 ? b - a : a - b));
        const edge = outside[Math.min(k, outside.length) - 1];
        const next = limits.map((l) => [...l] as [number, number]);
        next[j][side] = edge;
        const widened = indicesIn(x, next);
        const d = widened.reduce((s, i) => s + y[i], 0) / widened.length;
        if (d > density && (!best || d > best.density)) best = { density: d, limits: next, inBox: widened };
      }
    }
    if (!best) return steps;
    limits = best.limits;
    inBox = best.inBox;
    density = best.density;
    steps.push(describe(limits, inBox, y, n, totalInterest, full, 'paste'));
  }
}

/**
 * Pastes a chosen box (`prim` pastes only its last peeled box): widens it at
 * one end of one input at a time by about `pasteAlpha` of its runs while that
 * raises its density. Returns the box after the last paste (the box itself,
 * re-described on the data, when no paste helps).
 *
 * @throws AnalysisInputError for bad data, limits or pasteAlpha
 */
export function pasteBox(data: PrimData, box: Pick<PrimBox, 'limits'> & Partial<Pick<PrimBox, 'step'>>, options: Pick<PrimOptions, 'pasteAlpha'> = {}): PrimBox {
  const fn = 'pasteBox';
  const { x, y } = checkData(fn, data);
  const pasteAlpha = options.pasteAlpha ?? 0.05;
  requireNumberIn(fn, 'pasteAlpha', pasteAlpha, 0, 0.5, { low: true, high: true });
  const full = dataRanges(x);
  const limits = checkLimits(fn, box, full);
  if (indicesIn(x, limits).length === 0) throw new AnalysisInputError(fn, 'box.limits', 'must hold at least one run', 0);
  const totalInterest = y.reduce((s, v) => s + v, 0);
  const steps = pasteSteps(x, y, limits, pasteAlpha, full, totalInterest);
  return steps.length ? steps[steps.length - 1] : describe(limits, indicesIn(x, limits), y, x.length, totalInterest, full, box.step ?? 'start');
}

/**
 * The box on the trajectory with the highest coverage among those with density
 * at least `minDensity` (ties: the smaller mass, i.e. the later box); null if none.
 *
 * @example chooseBox(result, 0.8) // the widest box where at least 80% of runs collapse
 */
export function chooseBox(result: PrimResult, minDensity: number): PrimBox | null {
  requireNumberIn('chooseBox', 'minDensity', minDensity, 0, 1);
  let best: PrimBox | null = null;
  for (const b of result.trajectory) if (b.density >= minDensity && (!best || b.coverage > best.coverage || (b.coverage === best.coverage && b.mass < best.mass))) best = b;
  return best;
}

/** One restriction of a box and whether it matters. */
export interface PrimRestriction {
  dimension: number;
  name: string;
  low: number;
  high: number;
  /** Which ends are restricted (narrower than the data's range). */
  restrictsLow: boolean;
  restrictsHigh: boolean;
  /**
   * Quasi-p-value (Bryant and Lempert 2010): the probability of at least the
   * box's count of cases of interest among its runs if they were drawn at the
   * density of the box with this restriction dropped (one-sided binomial test).
   * Small: the restriction concentrates cases of interest beyond chance.
   * "Quasi" because the box was chosen with the same data.
   */
  quasiP: number;
  /**
   * The same test per end, as EMA Workbench reports it: dropping only the low
   * (or only the high) limit; null when that end is not restricted.
   */
  quasiPLow: number | null;
  quasiPHigh: number | null;
  /** Density of the box with this restriction dropped. */
  densityWithout: number;
}

/** A chosen box: its statistics and its restrictions, each with its quasi-p-value. */
export interface PrimBoxInspection {
  coverage: number;
  density: number;
  mass: number;
  runs: number;
  casesOfInterest: number;
  restrictions: PrimRestriction[];
}

/**
 * What a box restricts and which restrictions matter, for a box from `prim`
 * (or one the user drew, as limits per input).
 *
 * @throws AnalysisInputError if the limits do not match the data's inputs or the box holds no run
 */
export function inspectBox(data: PrimData, box: Pick<PrimBox, 'limits'>): PrimBoxInspection {
  const fn = 'inspectBox';
  const { x, y, names } = checkData(fn, data);
  const full = dataRanges(x);
  const totalInterest = y.reduce((s, v) => s + v, 0);
  const limits = checkLimits(fn, box, full);
  const inBox = indicesIn(x, limits);
  if (inBox.length === 0) throw new AnalysisInputError(fn, 'box.limits', 'must hold at least one run', 0);
  const stats = describe(limits, inBox, y, x.length, totalInterest, full, 'start');
  // The density of the box with input j's limits replaced, and the one-sided binomial test against it.
  const densityWith = (j: number, replaced: [number, number]) => {
    const runs = indicesIn(
      x,
      limits.map((l, d) => (d === j ? replaced : l)),
    );
    return runs.reduce((s, i) => s + y[i], 0) / runs.length;
  };
  const quasiP = (density: number) => binomialUpperTail(stats.casesOfInterest, stats.runs, density);
  const restrictions = stats.restricted.map((j): PrimRestriction => {
    const densityWithout = densityWith(j, full[j]);
    const restrictsLow = limits[j][0] > full[j][0];
    const restrictsHigh = limits[j][1] < full[j][1];
    return {
      dimension: j,
      name: names[j],
      low: limits[j][0],
      high: limits[j][1],
      restrictsLow,
      restrictsHigh,
      quasiP: quasiP(densityWithout),
      quasiPLow: restrictsLow ? quasiP(densityWith(j, [full[j][0], limits[j][1]])) : null,
      quasiPHigh: restrictsHigh ? quasiP(densityWith(j, [limits[j][0], full[j][1]])) : null,
      densityWithout,
    };
  });
  return { coverage: stats.coverage, density: stats.density, mass: stats.mass, runs: stats.runs, casesOfInterest: stats.casesOfInterest, restrictions };
}

/** Checks a box's limits against the data and clips them to its ranges; the box must hold a run. */
function checkLimits(fn: string, box: Pick<PrimBox, 'limits'>, full: [number, number][]): [number, number][] {
  const D = full.length;
  if (!Array.isArray(box?.limits) || box.limits.length !== D) throw new AnalysisInputError(fn, 'box.limits', `must give [low, high] for each of the ${D} inputs`, box?.limits);
  box.limits.forEach(([lo, hi], j) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw new AnalysisInputError(fn, `box.limits[${j}]`, 'must be finite with low <= high', `[${lo}, ${hi}]`);
  });
  const limits = box.limits.map(([lo, hi], j) => [Math.max(lo, full[j][0]), Math.min(hi, full[j][1])] as [number, number]);
  if (limits.some(([lo, hi]) => lo > hi)) throw new AnalysisInputError(fn, 'box.limits', 'must hold at least one run', 0);
  return limits;
}

function describe(limits: [number, number][], inBox: number[], y: number[], n: number, totalInterest: number, full: [number, number][], step: PrimBox['step']): PrimBox {
  const interest = inBox.reduce((s, i) => s + y[i], 0);
  return {
    limits: limits.map((l) => [...l] as [number, number]),
    coverage: interest / totalInterest,
    density: interest / inBox.length,
    mass: inBox.length / n,
    runs: inBox.length,
    casesOfInterest: interest,
    restricted: limits.flatMap((l, j) => (l[0] > full[j][0] || l[1] < full[j][1] ? [j] : [])),
    step,
  };
}

function indicesIn(x: readonly (readonly number[])[], limits: [number, number][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let inside = true;
    for (let j = 0; j < limits.length && inside; j++) inside = x[i][j] >= limits[j][0] && x[i][j] <= limits[j][1];
    if (inside) out.push(i);
  }
  return out;
}

function dataRanges(x: readonly (readonly number[])[]): [number, number][] {
  return x[0].map((_, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of x) {
      lo = Math.min(lo, row[j]);
      hi = Math.max(hi, row[j]);
    }
    return [lo, hi] as [number, number];
  });
}

function checkData(fn: string, data: PrimData): { x: readonly (readonly number[])[]; y: number[]; names: string[] } {
  const { x, y } = data ?? ({} as PrimData);
  if (!Array.isArray(x) || x.length === 0) throw new AnalysisInputError(fn, 'x', 'must be a non-empty array of rows', x);
  const D = Array.isArray(x[0]) ? x[0].length : 0;
  if (D === 0) throw new AnalysisInputError(fn, 'x[0]', 'must have at least one input (dimension >= 1)', D);
  x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== D) throw new AnalysisInputError(fn, `x[${i}]`, `must have ${D} values like x[0]`, row);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new AnalysisInputError(fn, `x[${i}][${j}]`, 'must be a finite number', v);
    });
  });
  if (!y || y.length !== x.length) throw new AnalysisInputError(fn, 'y', `must have one flag per row of x (${x.length})`, y?.length);
  const flags = Array.from(y, (v, i) => {
    if (v === true || v === 1) return 1;
    if (v === false || v === 0) return 0;
    throw new AnalysisInputError(fn, `y[${i}]`, 'must be true/false or 1/0', v);
  });
  if (!flags.includes(1)) throw new AnalysisInputError(fn, 'y', 'must flag at least one case of interest', 0);
  const names = data.names ? [...data.names] : Array.from({ length: D }, (_, j) => `x${j}`);
  if (names.length !== D) throw new AnalysisInputError(fn, 'names', `must have one name per input (${D})`, names.length);
  return { x, y: flags, names };
}
