/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import { stateBuffers } from '../montecarlo/accumulator.ts';
import { ChunkService, type BatchSpec, type ChunkSpec } from '../montecarlo/chunk-runner.ts';

// A Web Worker of createBrowserPool: runs chunks of a batch, replies through comlink
// with the result's ArrayBuffers transferred (no copy).
const service = new ChunkService();

expose({
  prepare(batch: BatchSpec): void {
    service.prepare(batch);
  },
  runChunk(chunk: ChunkSpec) {
    const outcome = service.runChunk(chunk);
    return outcome.ok ? transfer(outcome, stateBuffers(outcome.state)) : outcome;
  },
});
