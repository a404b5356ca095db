import { parentPort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { stateBuffers } from '../montecarlo/accumulator.ts';
import { ChunkService, type BatchSpec, type ChunkSpec, type RunnerFactory } from '../montecarlo/chunk-runner.ts';

/**
 * Exposes a ChunkService on this worker thread through comlink. Chunk results go
 * back as transferred ArrayBuffers (no copy). `makeRunner` lets a test worker
 * swap the engine (e.g. one that throws at a given run) without any test hook in
 * the user-facing code.
 */
export function exposeChunkService(makeRunner?: RunnerFactory): void {
  if (!parentPort) throw new Error('pool-worker must run in a worker thread');
  const service = new ChunkService(makeRunner);
  expose(
    {
      prepare(batch: BatchSpec): void {
        service.prepare(batch);
      },
      runChunk(chunk: ChunkSpec) {
        const outcome = service.runChunk(chunk);
        return outcome.ok ? transfer(outcome, stateBuffers(outcome.state)) : outcome;
      },
    },
    nodeEndpoint(parentPort as never),
  );
}

export type ChunkServiceApi = {
  prepare(batch: BatchSpec): void;
  runChunk(chunk: ChunkSpec): ReturnType<ChunkService['runChunk']>;
};
