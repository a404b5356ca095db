import { createBrowserPool } from '../../../src/browser/index.ts';
import { createInThreadPool, runMonteCarlo } from '../../../src/montecarlo/index.ts';
import type { RunBatch } from './run-controller.ts';

/**
 * One pool of Web Workers (one per core) for the page's lifetime. A pool runs one
 * batch at a time (it holds that batch's scenario), so batches from the workspace
 * and the comparison queue here: each starts when the one before has settled.
 * Callers cancel what they no longer need (a cancelled batch settles within a few
 * ms: its workers are terminated, and the next batch starts fresh ones).
 */
// `?pool=page` runs chunks in the page thread instead: for bench/web.ts, which measures what the workers save.
const pool = new URLSearchParams(location.search).get('pool') === 'page' ? createInThreadPool() : createBrowserPool();
let queue: Promise<unknown> = Promise.resolve();

export const runBatchInWorkers: RunBatch = (scenario, o) => {
  const run = queue.then(() =>
    runMonteCarlo(scenario, {
      runs: o.runs,
      masterSeed: o.masterSeed,
      signal: o.signal,
      onProgress: o.onProgress,
      pool,
      liveSummary: true,
    }),
  );
  queue = run.catch(() => undefined);
  return run;
};
