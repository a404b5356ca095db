/**
 * Browser side of the Monte Carlo layer: the core API with a Web Worker pool and
 * performance.now filled in. See src/montecarlo/index.ts for the contract.
 *
 *   const pool = createBrowserPool();            // keep one for the page's lifetime
 *   const summary = await runMonteCarlo(scenario, { runs, masterSeed, pool, signal, onProgress, liveSummary: true });
 *
 * Without `pool`, runMonteCarlo makes one of navigator.hardwareConcurrency
 * workers for the call and closes it when the call ends. Here the page's thread
 * merges the chunks; a page that must stay responsive during long batches uses
 * createBrowserBatchRunner, which does that in a worker too.
 */
import type { Scenario } from '../scenario/schema.ts';
import { runMonteCarlo as runInCore, type BatchSummary, type MonteCarloOptions } from '../montecarlo/index.ts';
import { createBrowserPool } from './pool.ts';

export { createBrowserPool, createBrowserExperimentPool, type BrowserPoolOptions } from './pool.ts';
export { createBrowserExperimentRunner, type BrowserExperimentRunner, type ExperimentRequest } from './experiment-runner.ts';
export { createBrowserBatchRunner, type BrowserBatchRunner, type BrowserBatchRunnerOptions } from './batch-runner.ts';
export type { BatchRequest } from './batch-protocol.ts';

export async function runMonteCarlo(scenario: Scenario, options: MonteCarloOptions): Promise<BatchSummary> {
  const clock = options.clock ?? (() => performance.now());
  if (options.pool || (options.workers !== undefined && options.workers <= 1)) return runInCore(scenario, { ...options, clock });
  const pool = createBrowserPool({ workers: options.workers });
  try {
    return await runInCore(scenario, { ...options, pool, clock });
  } finally {
    await pool.close();
  }
}
