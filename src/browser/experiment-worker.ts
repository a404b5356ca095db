/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import { ExperimentChunkService, type ExperimentSpec, type PointChunkSpec } from '../experiments/chunk-service.ts';

// A Web Worker of createBrowserExperimentPool: runs chunks of experiment points (the
// same ExperimentChunkService as Node's experiment-worker.ts), replies through comlink
// with each chunk's records transferred (no copy).
const service = new ExperimentChunkService();

expose({
  prepare(spec: ExperimentSpec): void {
    service.prepare(spec);
  },
  runChunk(chunk: PointChunkSpec) {
    const outcome = service.runChunk(chunk);
    return outcome.ok ? transfer(outcome, [outcome.records.buffer]) : outcome;
  },
});
