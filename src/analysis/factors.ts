import { AnalysisInputError } from './errors.ts';

/**
 * An input the analysis varies: a lever of the design or an uncertainty of the
 * world, with its range. The experiments layer maps `name` to a lever path
 * (e.g. `design.verification.detectionProbability`); here it is only a label.
 */
export interface Factor {
  name: string;
  low: number;
  high: number;
}

/**
 * Checks a list of factors: at least one, names non-empty and distinct, bounds
 * finite with low < high (an empty range has nothing to vary).
 *
 * @throws AnalysisInputError naming the factor and the field, e.g.
 *   `sobolDesign: factors[1].high must be a finite number greater than low = 0.5 (got 0.5)`
 */
export function validateFactors(fn: string, factors: readonly Factor[]): void {
  if (!Array.isArray(factors) || factors.length === 0) throw new AnalysisInputError(fn, 'factors', 'must be a non-empty array of { name, low, high }', factors);
  const seen = new Set<string>();
  factors.forEach((f, i) => {
    if (typeof f?.name !== 'string' || f.name === '') throw new AnalysisInputError(fn, `factors[${i}].name`, 'must be a non-empty string', f?.name);
    if (seen.has(f.name)) throw new AnalysisInputError(fn, `factors[${i}].name`, 'must be unique among the factors', f.name);
    seen.add(f.name);
    if (!Number.isFinite(f.low)) throw new AnalysisInputError(fn, `factors[${i}].low`, 'must be a finite number', f.low);
    if (!Number.isFinite(f.high) || !(f.high > f.low)) {
      throw new AnalysisInputError(fn, `factors[${i}].high`, `must be a finite number greater than low = ${f.low} (an empty or reversed range has nothing to vary)`, f.high);
    }
  });
}

/**
 * Maps points of the unit cube onto the factors' ranges: x -> low + x (high - low).
 * Returns new rows; the input is not changed.
 *
 * @example scaleToFactors([[0.5, 0]], [{ name: 'p', low: 0, high: 1 }, { name: 'k', low: 10, high: 20 }]) // [[0.5, 10]]
 */
export function scaleToFactors(unitPoints: readonly (readonly number[])[], factors: readonly Factor[]): number[][] {
  return unitPoints.map((u) => u.map((x, j) => factors[j].low + x * (factors[j].high - factors[j].low)));
}

/** A point as a record keyed by factor name, the form the experiments layer takes as overrides. */
export function pointAsRecord(point: readonly number[], factors: readonly Factor[]): Record<string, number> {
  const r: Record<string, number> = {};
  factors.forEach((f, j) => (r[f.name] = point[j]));
  return r;
}
