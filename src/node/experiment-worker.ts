import { parentPort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ExperimentChunkService, type ExperimentSpec, type PointChunkSpec } from '../experiments/chunk-service.ts';

/**
 * The entry of an experiment's worker thread: an ExperimentChunkService behind
 * comlink, with the same method names as the batch workers' (prepare, runChunk),
 * so the batch layer's worker pool carries it. Records go back transferred.
 */
if (!parentPort) throw new Error('experiment-worker must run in a worker thread');
const service = new ExperimentChunkService();
expose(
  {
    prepare(spec: ExperimentSpec): void {
      service.prepare(spec);
    },
    runChunk(chunk: PointChunkSpec) {
      const outcome = service.runChunk(chunk);
      return outcome.ok ? transfer(outcome, [outcome.records.buffer]) : outcome;
    },
  },
  nodeEndpoint(parentPort as never),
);
