/**
 * A problem with an experiment: `field` is where in the experiment file (or which
 * lever path) it lies, e.g. `levers.points[3]: design.verification.detectionProbability`.
 */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** A run of an experiment threw: enough to reproduce it with `simulate(scenario of the point, seed)`. */
export class ExperimentRunError extends Error {
  override name = 'ExperimentRunError';
  constructor(
    readonly point: number,
    readonly runIndex: number,
    readonly seed: string,
    message: string,
  ) {
    super(`point ${point}, run ${runIndex} (seed "${seed}") failed: ${message}`);
  }
}
