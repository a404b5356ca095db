import type { RunFailure } from './chunk-runner.ts';

/** A bad option: names the field, the allowed range and what was given. */
export class MonteCarloOptionError extends RangeError {
  override name = 'MonteCarloOptionError';
}

/**
 * A run threw: the batch fails with what reproduces it, `simulate(scenario, seed)`
 * (seed = runSeed(masterSeed, runIndex)).
 */
export class MonteCarloRunError extends Error {
  override name = 'MonteCarloRunError';
  readonly runIndex: number;
  readonly seed: string;
  /** Stack of the original error, inside the worker. */
  readonly workerStack: string | undefined;

  constructor(failure: RunFailure) {
    super(`run ${failure.runIndex} (seed "${failure.seed}") failed: ${failure.message}. Reproduce with simulate(scenario, "${failure.seed}").`);
    this.runIndex = failure.runIndex;
    this.seed = failure.seed;
    this.workerStack = failure.stack;
  }
}

/** A worker died (crashed, ran out of memory, could not start) while it held these runs. */
export class MonteCarloWorkerError extends Error {
  override name = 'MonteCarloWorkerError';
  constructor(
    readonly firstRun: number,
    readonly runCount: number,
    readonly firstSeed: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`a worker failed while running runs [${firstRun}, ${firstRun + runCount}) (first seed "${firstSeed}"): ${why}`, { cause });
  }
}
