/**
 * The analytic scenarios live in src/validation/ (shared with notebooks/validation.ipynb);
 * re-exported here for the tests that build on them.
 */
export { analyticScenario, complyingScenario, MONTE_CARLO_Z as Z } from '../../src/validation/index.ts';

/** Sample mean and its standard error. */
export function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}
