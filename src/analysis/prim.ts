import { AnalysisInputError, requireNumberIn } from './errors.ts';
import { checkData, checkLimits, dataRanges, describeBox, indicesIn, type PrimBox, type PrimData } from './prim-box.ts';

export type { PrimBox, PrimData } from './prim-box.ts';

/**
 * Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman
 * and Fisher 1999), as used for scenario discovery by Bryant and Lempert (2010)
 * and EMA Workbench: find boxes (one interval per input) where the cases of
 * interest (runs where the agreement collapsed, say) are concentrated.
 * Inspecting a chosen box: src/analysis/prim-inspect.ts.
 */

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
  const trajectory: PrimBox[] = [describeBox(limits, inBox, y, n, totalInterest, full, 'start')];

  for (;;) {
    const current = trajectory[trajectory.length - 1];
    if (current.density >= 1) break;
    const best = bestPeel(x, y, inBox, limits, peelAlpha, Math.ceil(massMin * n));
    if (!best) break;
    limits = best.limits;
    inBox = best.inBox;
    trajectory.push(describeBox(limits, inBox, y, n, totalInterest, full, 'peel'));
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
    steps.push(describeBox(limits, inBox, y, n, totalInterest, full, 'paste'));
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
  return steps.length ? steps[steps.length - 1] : describeBox(limits, indicesIn(x, limits), y, x.length, totalInterest, full, box.step ?? 'start');
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

