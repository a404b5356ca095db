import { createInThreadPool, runMonteCarlo } from '../../../src/montecarlo/index.ts';
import type { RunBatch } from './run-controller.ts';

// TEMPORARY (dev only, until src/browser's pool lands): runs chunks in the page thread.
const pool = createInThreadPool();

export const runBatchInWorkers: RunBatch = (scenario, o) =>
  runMonteCarlo(scenario, { runs: o.runs, masterSeed: o.masterSeed, signal: o.signal, onProgress: o.onProgress, pool, liveSummary: true });
