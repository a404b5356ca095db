import type { Scenario } from '../scenario/schema.ts';
import type { BatchSummary, MonteCarloProgress } from '../montecarlo/types.ts';

/**
 * Messages between the page and the batch worker (batch-worker.ts). A plain
 * message protocol on one port rather than a comlink callback: messages on one
 * port arrive in order, so no progress report can overtake the batch's result.
 */
export interface BatchRequest {
  runs: number;
  masterSeed: number;
  chunkSize?: number;
  sampleSize?: number;
  liveSummary?: boolean;
  /** Chunk workers the batch worker starts; default navigator.hardwareConcurrency. */
  workers?: number;
}

export type ToBatchWorker =
  | { type: 'run'; id: number; scenario: Scenario; request: BatchRequest }
  | { type: 'cancel'; id: number };

export type FromBatchWorker =
  | { type: 'progress'; id: number; progress: MonteCarloProgress }
  | { type: 'done'; id: number; summary: BatchSummary }
  | { type: 'failed'; id: number; name: string; message: string };
