import type { Runner, RunResult } from '../engine/simulate.ts';
import { runSeed } from '../engine/rng.ts';

/**
 * The one loop from run indices to engine runs, for batches (chunk-runner.ts),
 * experiment points (src/experiments/chunk-service.ts) and the case sampler: run i
 * uses the seed "<masterSeed>/<i>", whoever runs it. `visit` gets the runner's
 * result, which the next run overwrites: read what you keep before returning.
 * If a run or its visit throws, the error is rethrown with `runIndex` and `seed`
 * attached (see runFailureOf).
 *
 * @example forEachRun(createRunner(s), 42, 0, 1000, (r, i) => (collapsed[i] = r.summary.collapsed));
 */
export function forEachRun(runner: Runner, masterSeed: number, first: number, count: number, visit: (result: RunResult, runIndex: number, seed: string) => void): void {
  for (let i = first; i < first + count; i++) {
    const seed = runSeed(masterSeed, i);
    try {
      visit(runner.run(seed), i, seed);
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { runIndex: i, seed });
    }
  }
}

/** A run that threw: enough to reproduce it with `simulate(scenario, seed)`. */
export interface RunFailure {
  runIndex: number;
  seed: string;
  message: string;
  stack?: string;
}

/** The failure an error from forEachRun describes (`fallbackRun` when it carries no run, e.g. a bad chunk). */
export function runFailureOf(e: unknown, masterSeed: number, fallbackRun: number): RunFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  const at = err as Error & { runIndex?: number; seed?: string };
  const runIndex = typeof at.runIndex === 'number' ? at.runIndex : fallbackRun;
  return { runIndex, seed: typeof at.seed === 'string' ? at.seed : runSeed(masterSeed, runIndex), message: err.message, stack: err.stack };
}

/**
 * A range of runs worked a few at a time through forEachRun: a worker does it in
 * one go, the in-thread pool in slices with event-loop turns between them. The
 * first run that throws ends the job as `failure`.
 */
export class RunJob {
  private next: number;
  private readonly end: number;
  failure: RunFailure | undefined;

  constructor(
    private readonly runner: Runner,
    private readonly masterSeed: number,
    first: number,
    count: number,
    private readonly visit: (result: RunResult, runIndex: number, seed: string) => void,
  ) {
    this.next = first;
    this.end = first + count;
  }

  get done(): boolean {
    return this.failure !== undefined || this.next >= this.end;
  }

  /** Runs up to `maxRuns` more runs; returns whether the job is finished (or failed). */
  advance(maxRuns: number): boolean {
    if (this.done) return true;
    const count = Math.min(this.end - this.next, maxRuns);
    try {
      forEachRun(this.runner, this.masterSeed, this.next, count, this.visit);
      this.next += count;
    } catch (e) {
      this.failure = runFailureOf(e, this.masterSeed, this.next);
    }
    return this.done;
  }
}
