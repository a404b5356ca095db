import { parentPort, workerData } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { stateBuffers } from '../montecarlo/accumulator.ts';
import { ChunkService, type BatchSpec, type ChunkSpec, type RunnerFactory } from '../montecarlo/chunk-runner.ts';
import { createRunner, type Runner } from '../engine/simulate.ts';
import { CurrentRunWriter } from './pool-current-run.ts';

/**
 * Exposes a ChunkService on this worker thread through comlink. Chunk results go
 * back as transferred ArrayBuffers (no copy). `makeRunner` lets a test worker
 * swap the engine (e.g. one that throws at a given run) without any test hook in
 * the user-facing code.
 */
export function exposeChunkService(makeRunner: RunnerFactory = (scenario, options) => createRunner(scenario, undefined, options)): void {
  if (!parentPort) throw new Error('pool-worker must run in a worker thread');
  const buffer = (workerData as { currentRun?: unknown } | null)?.currentRun;
  const current = buffer instanceof SharedArrayBuffer ? new CurrentRunWriter(buffer) : undefined;
  const service = new ChunkService(current ? (scenario, options) => recording(makeRunner(scenario, options), current) : makeRunner);
  expose(
    {
      prepare(batch: BatchSpec): void {
        service.prepare(batch);
      },
      runChunk(chunk: ChunkSpec) {
        const outcome = service.runChunk(chunk);
        current?.clear();
        return outcome.ok ? transfer(outcome, stateBuffers(outcome.state)) : outcome;
      },
    },
    nodeEndpoint(parentPort as never),
  );
}

/** The runner, recording each run's seed first, so the pool can name the run if this thread dies in it. */
function recording(runner: Runner, current: CurrentRunWriter): Runner {
  return {
    compiled: runner.compiled,
    run(seed, options) {
      current.record(seed);
      return runner.run(seed, options);
    },
  };
}
