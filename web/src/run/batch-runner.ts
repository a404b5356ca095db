import { createBrowserBatchRunner } from '../../../src/browser/index.ts';
import { createInThreadPool, runMonteCarlo } from '../../../src/index.ts';
import type { RunBatch } from './run-controller.ts';

/**
 * One batch worker for the page's lifetime (src/browser/batch-runner.ts): it runs
 * the chunk workers (one per core), merges their results and builds the live
 * summaries, so the page's thread only draws. Batches from the workspace and the
 * comparison queue there: each starts when the one before has settled. Callers
 * cancel what they no longer need (a cancelled batch settles within a few ms).
 */
// `?pool=page` runs everything in the page thread instead: for bench/web.ts, which measures what the workers
// save. A test hook: only the e2e build (__E2E__) reads it; the shipped app always uses the workers.
const inPage = __E2E__ && new URLSearchParams(location.search).get('pool') === 'page';
const runner = inPage ? undefined : createBrowserBatchRunner();
const pagePool = __E2E__ && inPage ? createInThreadPool() : undefined;
let pageQueue: Promise<unknown> = Promise.resolve();

export const runBatchInWorkers: RunBatch = (scenario, o) => {
  const liveSummary = o.live ?? true;
  // `!__E2E__` first: in the shipped build the page-thread branch is dead code, so the engine stays out of the page's bundle.
  if (!__E2E__ || runner) return runner!.run(scenario, { runs: o.runs, masterSeed: o.masterSeed, liveSummary }, { signal: o.signal, onProgress: o.onProgress });
  const run = pageQueue.then(() => runMonteCarlo(scenario, { runs: o.runs, masterSeed: o.masterSeed, signal: o.signal, onProgress: o.onProgress, pool: pagePool, liveSummary }));
  pageQueue = run.catch(() => undefined);
  return run;
};

/** Starts the batch worker at once, so it loads while the page builds its panels (the first preview starts sooner). */
export function warmWorkers(): void {
  runner?.warm();
}
