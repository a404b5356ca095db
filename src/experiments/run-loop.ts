import type { Runner, RunResult } from '../engine/simulate.ts';
import { runSeed } from '../engine/rng.ts';

/**
 * The one loop from run indices to engine runs: run i of a point (or of a batch)
 * uses the seed "<masterSeed>/<i>", whoever runs it. `visit` gets the runner's
 * result, which the next run overwrites: read what you keep before returning.
 * If a run throws, the error is rethrown with `runIndex` and `seed` attached.
 *
 * @example forEachRun(createRunner(s), 42, 0, 1000, (r, i) => (collapsed[i] = r.summary.collapsed));
 */
export function forEachRun(runner: Runner, masterSeed: number, first: number, count: number, visit: (result: RunResult, runIndex: number) => void): void {
  for (let i = first; i < first + count; i++) {
    const seed = runSeed(masterSeed, i);
    let result: RunResult;
    try {
      result = runner.run(seed);
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { runIndex: i, seed });
    }
    visit(result, i);
  }
}
