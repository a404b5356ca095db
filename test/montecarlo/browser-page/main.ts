// Test page: exposes a batch run on window so the browser test can drive Web Workers from Playwright.
import { createBrowserBatchRunner, createBrowserExperimentPool, createBrowserExperimentRunner, createBrowserPool, runMonteCarlo } from '../../../src/browser/index.ts';
import { experimentJson, experimentSchema, finalizeExperiment, prepareExperiment, runExperiment } from '../../../src/experiments/index.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';

declare global {
  interface Window {
    runBatch(scenario: Scenario, runs: number, masterSeed: number, workers: number, chunkSize: number): Promise<string>;
    cancelBatch(scenario: Scenario, workers: number): Promise<{ runs: number; partial: boolean; atAbort: number }>;
    batchWorker(scenario: Scenario, runs: number, masterSeed: number, workers: number, chunkSize: number): Promise<{ json: string; progressAfterResult: number; progressReports: number }>;
    batchWorkerCancel(scenario: Scenario): Promise<{ runs: number; partial: boolean; atAbort: number; lastReported: number }>;
    batchWorkerError(scenario: Scenario): Promise<string>;
    experimentInPage(file: unknown, base: Scenario, workers: number, chunkSize: number): Promise<string>;
    experimentInWorker(file: unknown, base: Scenario, workers: number, chunkSize: number): Promise<{ json: string; progressReports: number }>;
    experimentCancel(file: unknown, base: Scenario): Promise<{ points: number; pointCount: number; atAbort: number }>;
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

// The batch worker (merging off the page thread), driven as the web app drives it.
const runner = createBrowserBatchRunner();

window.batchWorker = async (scenario, runs, masterSeed, workers, chunkSize) => {
  let settled = false;
  let progressAfterResult = 0;
  let progressReports = 0;
  const summary = await runner.run(scenario, { runs, masterSeed, workers, chunkSize, liveSummary: true }, {
    onProgress: () => {
      progressReports++;
      if (settled) progressAfterResult++;
    },
  });
  settled = true;
  // Anything still in flight would arrive within a few turns of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { json: JSON.stringify(summary), progressAfterResult, progressReports };
};

window.batchWorkerCancel = async (scenario) => {
  const ctl = new AbortController();
  let atAbort = -1;
  let lastReported = -1;
  const s = await runner.run(scenario, { runs: 1_000_000, masterSeed: 1, workers: 2, chunkSize: 64 }, {
    signal: ctl.signal,
    onProgress: (p) => {
      lastReported = p.runsDone;
      if (atAbort < 0 && p.runsDone >= 256) {
        atAbort = p.runsDone;
        ctl.abort();
      }
    },
  });
  return { runs: s.runs, partial: s.partial, atAbort, lastReported };
};

window.batchWorkerError = async (scenario) => {
  try {
    await runner.run(scenario, { runs: -5, masterSeed: 1, workers: 2 });
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

// Experiments: runExperiment on the page over Web Workers, and in the experiment worker as the web app's comparison runs it.
window.experimentInPage = async (file, base, workers, chunkSize) => {
  const pool = createBrowserExperimentPool({ workers });
  try {
    const r = await runExperiment(prepareExperiment(experimentSchema.parse(file), base), { pool, chunkSize });
    return experimentJson(finalizeExperiment(r.header, r.points));
  } finally {
    await pool.close();
  }
};

const experiments = createBrowserExperimentRunner();

window.experimentInWorker = async (file, base, workers, chunkSize) => {
  let progressReports = 0;
  const r = await experiments.run({ experiment: prepareExperiment(experimentSchema.parse(file), base), workers, chunkSize }, { onProgress: () => progressReports++ });
  return { json: experimentJson(finalizeExperiment(r.header, r.points)), progressReports };
};

window.experimentCancel = async (file, base) => {
  const ctl = new AbortController();
  let atAbort = -1;
  const e = prepareExperiment(experimentSchema.parse(file), base);
  const r = await experiments.run({ experiment: e, workers: 2, chunkSize: 16 }, {
    signal: ctl.signal,
    onProgress: (p) => {
      if (atAbort < 0 && p.pointsDone >= 1) {
        atAbort = p.pointsDone;
        ctl.abort();
      }
    },
  });
  return { points: r.points.length, pointCount: r.header.pointCount, atAbort };
};

window.ready = true;
