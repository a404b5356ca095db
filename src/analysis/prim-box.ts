import { AnalysisInputError } from './errors.ts';

/**
 * The data and boxes of PRIM (src/analysis/prim.ts) and the helpers that read
 * them: which runs a box holds, and its coverage, density and mass.
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

/** Checks a box's limits against the data and clips them to its ranges; the box must hold a run. */
export function checkLimits(fn: string, box: Pick<PrimBox, 'limits'>, full: [number, number][]): [number, number][] {
  const D = full.length;
  if (!Array.isArray(box?.limits) || box.limits.length !== D) throw new AnalysisInputError(fn, 'box.limits', `must give [low, high] for each of the ${D} inputs`, box?.limits);
  box.limits.forEach(([lo, hi], j) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw new AnalysisInputError(fn, `box.limits[${j}]`, 'must be finite with low <= high', `[${lo}, ${hi}]`);
  });
  const limits = box.limits.map(([lo, hi], j) => [Math.max(lo, full[j][0]), Math.min(hi, full[j][1])] as [number, number]);
  if (limits.some(([lo, hi]) => lo > hi)) throw new AnalysisInputError(fn, 'box.limits', 'must hold at least one run', 0);
  return limits;
}

/** The statistics of the box with `limits` holding the runs `inBox` (indices into the data). */
export function describeBox(limits: [number, number][], inBox: number[], y: number[], n: number, totalInterest: number, full: [number, number][], step: PrimBox['step']): PrimBox {
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

/** Indices of the runs inside `limits` (inclusive at both ends). */
export function indicesIn(x: readonly (readonly number[])[], limits: [number, number][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let inside = true;
    for (let j = 0; j < limits.length && inside; j++) inside = x[i][j] >= limits[j][0] && x[i][j] <= limits[j][1];
    if (inside) out.push(i);
  }
  return out;
}

/** [min, max] of each input over the data: the unrestricted box. */
export function dataRanges(x: readonly (readonly number[])[]): [number, number][] {
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

/** Checks PRIM's data (rows, flags, names) and reads the flags as 0/1. */
export function checkData(fn: string, data: PrimData): { x: readonly (readonly number[])[]; y: number[]; names: string[] } {
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
