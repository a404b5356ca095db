import { AnalysisInputError, requireInteger } from './errors.ts';
import { validateFactors, type Factor } from './factors.ts';

/** A factor swept one at a time: its range and the base value the others are held at. */
export interface SweepFactor extends Factor {
  base: number;
}

/**
 * A one-at-a-time design: row 0 is the base point (every factor at its base);
 * then, factor by factor, `levels` points evenly spaced from low to high with
 * the other factors at base. `rows[i]` says which factor row i moves (null for
 * the base) and to what value.
 */
export interface SweepDesign {
  factors: SweepFactor[];
  levels: number;
  points: number[][];
  rows: { factor: number | null; value: number }[];
}

/**
 * Builds a one-at-a-time sweep.
 *
 * @param factors factors with low < high and base in [low, high]
 * @param levels points per factor, low and high included, in [2, 1001] (default 5)
 * @throws AnalysisInputError naming the bad factor field or argument
 * @example sweepDesign([{ name: 'p', low: 0, high: 1, base: 0.5 }], 3).points // [[0.5], [0], [0.5], [1]]
 */
export function sweepDesign(factors: readonly SweepFactor[], levels = 5): SweepDesign {
  const fn = 'sweepDesign';
  validateFactors(fn, factors);
  factors.forEach((f, i) => {
    if (!Number.isFinite(f.base) || f.base < f.low || f.base > f.high) throw new AnalysisInputError(fn, `factors[${i}].base`, `must be a number in [${f.low}, ${f.high}]`, f.base);
  });
  requireInteger(fn, 'levels', levels, 2, 1001);
  const base = factors.map((f) => f.base);
  const points: number[][] = [base.slice()];
  const rows: SweepDesign['rows'] = [{ factor: null, value: NaN }];
  factors.forEach((f, i) => {
    for (let k = 0; k < levels; k++) {
      // The ends are the bounds exactly, not low + (high - low) * 1 with its rounding.
      const value = k === levels - 1 ? f.high : f.low + ((f.high - f.low) * k) / (levels - 1);
      const p = base.slice();
      p[i] = value;
      points.push(p);
      rows.push({ factor: i, value });
    }
  });
  return { factors: factors.map((f) => ({ ...f })), levels, points, rows };
}

/** An outcome at a design point: a number, or an estimate with its interval (a Monte Carlo mean, say). */
export type SweepOutcome = number | { estimate: number; ci?: [number, number] };

/** The outcome at one level of a factor. */
export interface SweepLevel {
  value: number;
  estimate: number;
  ci: [number, number] | null;
  /** estimate - the base estimate. */
  difference: number;
}

/** One bar of a tornado chart. */
export interface TornadoBar {
  factor: string;
  low: SweepLevel;
  high: SweepLevel;
  /** max - min of the estimates over all levels of the factor (>= |high - low| when the response is not monotone). */
  swing: number;
}

/** What `sweepResult` returns. */
export interface SweepResult {
  base: { point: number[]; estimate: number; ci: [number, number] | null };
  /** Line-chart data: every level of every factor, in the design's order. */
  lines: { factor: string; levels: SweepLevel[] }[];
  /** Tornado data, by decreasing swing (ties keep the design's order). */
  tornado: TornadoBar[];
}

/**
 * Line and tornado data from the outcomes of a one-at-a-time design. An input
 * the model ignores gives exactly the base outcome at every level, so its
 * differences and swing are exactly zero. Differences of Monte Carlo estimates
 * are most precise on common random numbers (the same seeds at every point);
 * their intervals need the paired runs and are not derived here.
 *
 * @param outputs one outcome per design point, in the design's order
 * @throws AnalysisInputError if outputs has the wrong length or a non-finite estimate
 */
export function sweepResult(design: SweepDesign, outputs: readonly SweepOutcome[]): SweepResult {
  const fn = 'sweepResult';
  if (!Array.isArray(outputs) || outputs.length !== design.points.length) throw new AnalysisInputError(fn, 'outputs', `must have one outcome per design point (${design.points.length})`, outputs?.length);
  const read = outputs.map((o, i) => {
    const estimate = typeof o === 'number' ? o : o?.estimate;
    if (!Number.isFinite(estimate)) throw new AnalysisInputError(fn, `outputs[${i}]`, 'must be a finite number or { estimate, ci }', estimate);
    return { estimate, ci: typeof o === 'number' || !o.ci ? null : ([o.ci[0], o.ci[1]] as [number, number]) };
  });
  const base = read[0];
  const lines = design.factors.map((f, i) => ({
    factor: f.name,
    levels: design.rows.flatMap((r, k) => (r.factor === i ? [{ value: r.value, estimate: read[k].estimate, ci: read[k].ci, difference: read[k].estimate - base.estimate }] : [])),
  }));
  const tornado = lines
    .map((l, i) => {
      const estimates = l.levels.map((v) => v.estimate);
      return { i, bar: { factor: l.factor, low: l.levels[0], high: l.levels[l.levels.length - 1], swing: Math.max(...estimates) - Math.min(...estimates) } };
    })
    .sort((a, b) => b.bar.swing - a.bar.swing || a.i - b.i)
    .map((e) => e.bar);
  return { base: { point: design.points[0].slice(), estimate: base.estimate, ci: base.ci }, lines, tornado };
}

/**
 * One-at-a-time sweep of a model given as a function of a point (factors' units, in order).
 *
 * @example sweepAnalysis(factors, (x) => collapseProbability(x), 5).tornado[0].factor
 */
export function sweepAnalysis(factors: readonly SweepFactor[], model: (point: number[]) => SweepOutcome, levels = 5): SweepResult {
  const design = sweepDesign(factors, levels);
  return sweepResult(design, design.points.map((p) => model(p)));
}
