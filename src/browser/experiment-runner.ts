import type { Experiment } from '../experiments/experiment.ts';
import type { ExperimentPartial, ExperimentProgress } from '../experiments/run.ts';
import { hostedRunner, type HostedRunner } from './hosted.ts';

/** What the page asks of the experiment worker: runExperiment's input, with the chunk workers it starts. */
export interface ExperimentRequest {
  experiment: Experiment;
  /** Chunk workers; default navigator.hardwareConcurrency. */
  workers?: number;
  chunkSize?: number;
  shard?: { index: number; count: number };
}

export type BrowserExperimentRunner = HostedRunner<ExperimentRequest, ExperimentProgress, ExperimentPartial>;

/**
 * Experiments for a page that must stay responsive: runExperiment runs in an
 * experiment worker (experiment-host-worker.ts), which starts the chunk workers
 * (createBrowserExperimentPool) and merges, summarises and pairs the points; the
 * page gets progress and the partial (per-point summaries, paired differences).
 * Cancelling returns the points finished. Same bits as Node for any worker count.
 *
 * @example
 *   const runner = createBrowserExperimentRunner();
 *   const partial = await runner.run({ experiment, workers: 4 }, { signal, onProgress });
 */
export function createBrowserExperimentRunner(options: { createWorker?: () => Worker } = {}): BrowserExperimentRunner {
  const make = options.createWorker ?? (() => new Worker(new URL('./experiment-host-worker.ts', import.meta.url), { type: 'module' }));
  return hostedRunner(make, 'experiment');
}
