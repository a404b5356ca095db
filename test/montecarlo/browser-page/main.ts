// Test page: exposes a batch run on window so the browser test can drive Web Workers from Playwright.
import { createBrowserPool, runMonteCarlo } from '../../../src/browser/index.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';

declare global {
  interface Window {
    runBatch(scenario: Scenario, runs: number, masterSeed: number, workers: number, chunkSize: number): Promise<string>;
    cancelBatch(scenario: Scenario, workers: number): Promise<{ runs: number; partial: boolean; atAbort: number }>;
    ready: boolean;
  }
}

window.runBatch = async (scenario, runs, masterSeed, workers, chunkSize) => {
  const pool = createBrowserPool({ workers });
  try {
    return JSON.stringify(await runMonteCarlo(scenario, { runs, masterSeed, chunkSize, pool }));
  } finally {
    await pool.close();
  }
};

window.cancelBatch = async (scenario, workers) => {
  const pool = createBrowserPool({ workers });
  const ctl = new AbortController();
  let atAbort = -1;
  try {
    const s = await runMonteCarlo(scenario, {
      runs: 1_000_000,
      masterSeed: 1,
      chunkSize: 64,
      pool,
      signal: ctl.signal,
      onProgress: (p) => {
        if (atAbort < 0 && p.runsDone >= 256) {
          atAbort = p.runsDone;
          ctl.abort();
        }
      },
    });
    return { runs: s.runs, partial: s.partial, atAbort };
  } finally {
    await pool.close();
  }
};

window.ready = true;
