/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import { stateBuffers } from '../montecarlo/accumulator.ts';
import { ChunkService, type BatchSpec, type ChunkSpec } from '../montecarlo/chunk-runner.ts';
import { PlanStore, type PlanPartId, type SolvedPlanPart } from './plan-store.ts';

// A Web Worker of createBrowserPool: runs chunks of a batch, replies through comlink
// with the result's ArrayBuffers transferred (no copy). Its runners take the target's
// plan from the worker's plan store, which the pool fills (plan-exchange.ts).
const store = new PlanStore();
const service = new ChunkService(store.runnerFactory);
/** The batch last prepared: plan calls for another one (a newer batch came meanwhile) do nothing. */
let preparedKey: string | undefined;

expose({
  prepare(batch: BatchSpec): void {
    service.prepare(batch);
    preparedKey = batch.key;
  },
  /** Prepares the batch and says what its design's plan has and what the last design used. */
  preparePlan(batch: BatchSpec) {
    service.prepare(batch);
    preparedKey = batch.key;
    return store.describe();
  },
  solvePlanParts(key: string, ids: PlanPartId[]): SolvedPlanPart[] {
    return key === preparedKey ? store.solve(ids) : [];
  },
  installPlanParts(key: string, parts: SolvedPlanPart[]): void {
    if (key === preparedKey) store.install(parts);
  },
  runChunk(chunk: ChunkSpec) {
    const outcome = service.runChunk(chunk);
    return outcome.ok ? transfer(outcome, stateBuffers(outcome.state)) : outcome;
  },
});
