import type { Scenario } from '../scenario/schema.ts';
import type { BatchSummary, MonteCarloProgress } from '../montecarlo/types.ts';
import type { BatchCall, BatchRequest } from './batch-protocol.ts';
import { hostedRunner } from './hosted.ts';

export interface BrowserBatchRunner {
  /**
   * Runs one batch in the batch worker: the same runMonteCarlo, pool and summaries
   * as anywhere else, so the result is byte for byte the same. Aborting `signal`
   * returns the partial summary, marked partial. Batches queue: one runs at a time.
   */
  run(scenario: Scenario, request: BatchRequest, options?: { signal?: AbortSignal; onProgress?: (p: MonteCarloProgress) => void }): Promise<BatchSummary>;
  /** Starts the batch worker now (it loads its bundle while the page is still starting), not on the first run. */
  warm(): void;
  close(): void;
}

export interface BrowserBatchRunnerOptions {
  /** Makes the batch worker; default the bundled ./batch-worker.ts as an ES module worker. */
  createWorker?: () => Worker;
}

/**
 * Monte Carlo for a page that must stay responsive: merging chunk results and
 * building live summaries happen in a batch worker (batch-worker.ts), which
 * starts the chunk workers itself; the page thread only receives summaries.
 * The worker starts on first use; if it dies, the batch fails with the reason and
 * the next batch starts a new one (hosted.ts, shared with the experiment runner).
 */
export function createBrowserBatchRunner(options: BrowserBatchRunnerOptions = {}): BrowserBatchRunner {
  const make = options.createWorker ?? (() => new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' }));
  const hosted = hostedRunner<BatchCall, MonteCarloProgress, BatchSummary>(make, 'batch');
  return {
    run: (scenario, request, o) => hosted.run({ scenario, request }, o),
    warm: () => hosted.warm(),
    close: () => hosted.close(),
  };
}
