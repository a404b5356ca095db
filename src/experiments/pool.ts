import { createInThreadChunkPool, type ChunkPool } from '../montecarlo/pool.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Runner } from '../engine/simulate.ts';
import { ExperimentChunkService, type ExperimentSpec, type PointChunkOutcome, type PointChunkSpec } from './chunk-service.ts';

/**
 * Where the chunks of an experiment run: the batch layer's pool contract
 * (ChunkPool: size, prepare, runChunk, cancel, close) with the experiment's spec
 * and chunks. Adapters: the batch layer's worker pool (createWorkerPool) over
 * workers that expose an ExperimentChunkService (src/node/experiment-worker.ts,
 * src/browser/experiment-worker.ts), and createInThreadExperimentPool in the
 * calling thread.
 */
export type ExperimentPool = ChunkPool<ExperimentSpec, PointChunkSpec, PointChunkOutcome>;

/**
 * A pool of one in the calling thread: the batch layer's in-thread pool
 * (slices, event-loop turns between them, so progress and an AbortSignal are
 * served) driving an ExperimentChunkService.
 */
export function createInThreadExperimentPool(options: { makeRunner?: (scenario: Scenario) => Runner } = {}): ExperimentPool {
  const service = new ExperimentChunkService(options.makeRunner);
  return createInThreadChunkPool<ExperimentSpec, PointChunkSpec, PointChunkOutcome>({
    prepare: (spec) => service.prepare(spec),
    job: (chunk) => service.job(chunk),
  });
}
