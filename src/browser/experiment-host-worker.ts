/// <reference lib="webworker" />
import { runExperiment } from '../experiments/run.ts';
import type { ExperimentPool } from '../experiments/pool.ts';
import { createBrowserExperimentPool } from './pool.ts';
import type { ExperimentRequest } from './experiment-runner.ts';
import { serveHosted } from './hosted.ts';

/**
 * The experiment worker of createBrowserExperimentRunner: runs runExperiment off
 * the page's thread over nested chunk workers, kept between calls while the
 * worker count stays the same.
 */
let pool: ExperimentPool | undefined;
let poolWorkers = 0;
const scope = self as unknown as DedicatedWorkerGlobalScope;

serveHosted(scope, (request: ExperimentRequest, signal, onProgress) => {
  const workers = Math.max(1, request.workers ?? scope.navigator.hardwareConcurrency ?? 1);
  if (!pool || poolWorkers !== workers) {
    void pool?.close();
    pool = createBrowserExperimentPool({ workers });
    poolWorkers = workers;
  }
  return runExperiment(request.experiment, {
    pool,
    signal,
    onProgress,
    ...(request.chunkSize !== undefined ? { chunkSize: request.chunkSize } : {}),
    ...(request.shard ? { shard: request.shard } : {}),
  });
});
