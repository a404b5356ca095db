import type { Scenario } from '../scenario/schema.ts';

/** What the page asks of the batch worker (batch-worker.ts): runMonteCarlo's options, with the chunk workers it starts. */
export interface BatchRequest {
  runs: number;
  masterSeed: number;
  chunkSize?: number;
  sampleSize?: number;
  liveSummary?: boolean;
  /** Chunk workers the batch worker starts; default navigator.hardwareConcurrency. */
  workers?: number;
}

/** One call of the batch worker, over the hosted protocol (hosted.ts): one port, so no progress report can overtake the result. */
export interface BatchCall {
  scenario: Scenario;
  request: BatchRequest;
}
