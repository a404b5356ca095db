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

/**
 * A worker died (crashed, ran out of memory, could not start) while it held these
 * runs. When the pool knows which run was executing (the cause carries `runIndex`
 * and `seed`, as the Node pool's does), the message names it with its seed, like
 * a run that throws, so `simulate(scenario, seed)` reproduces it.
 */
export class MonteCarloWorkerError extends Error {
  override name = 'MonteCarloWorkerError';
  /** The run executing when the worker died, when known. */
  readonly runIndex: number | undefined;
  readonly seed: string | undefined;

  constructor(
    readonly firstRun: number,
    readonly runCount: number,
    readonly firstSeed: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const run = executingRun(cause);
    const range = `runs [${firstRun}, ${firstRun + runCount})`;
    // A worker may hold a second chunk in its queue; the range is the chunk this error ended.
    const within = run && run.runIndex >= firstRun && run.runIndex < firstRun + runCount ? `, one of ${range}` : '';
    super(
      run
        ? `a worker died during run ${run.runIndex} (seed "${run.seed}"${within}): ${why}. Reproduce with simulate(scenario, "${run.seed}").`
        : `a worker failed while running ${range} (first seed "${firstSeed}"): ${why}`,
      { cause },
    );
    this.runIndex = run?.runIndex;
    this.seed = run?.seed;
  }
}

/** The run a dead worker's error names, when it names one. */
function executingRun(cause: unknown): { runIndex: number; seed: string } | undefined {
  const c = cause as { runIndex?: unknown; seed?: unknown } | null;
  if (!c || typeof c.runIndex !== 'number' || typeof c.seed !== 'string') return undefined;
  return { runIndex: c.runIndex, seed: c.seed };
}
