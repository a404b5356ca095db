import { createBrowserBatchRunner } from '../../../src/browser/index.ts';
import { createInThreadPool, runMonteCarlo } from '../../../src/index.ts';
import type { BatchSummary, MonteCarloProgress, Scenario } from '../../../src/index.ts';
import { hooks } from '../test-hooks.ts';
import type { EngineSpan } from './batch-timing.ts';
import type { WebBatchRequest } from './batch-protocol.ts';
import { takeBatchWorker } from './early-worker.ts';
import type { RunBatch } from './run-controller.ts';

/**
 * A preview runs in two stages: its first PREVIEW_FIRST_STAGE runs, drawn as soon as
 * they are in (a first chart in a fraction of the whole preview's time; a moving lever
 * followed), then the whole preview, which is the same batch as ever (runMonteCarlo
 * of all its runs: the final charts are exactly what they were without stages). The
 * first stage's runs are run twice, which costs an eighth of a 2,000-run preview; a
 * mergeable partial of the rest would avoid that but costs more to encode and merge
 * than it saves (bench/web-trace.ts). A preview stopped between its stages (a newer
 * edit supersedes it) never starts the second; one stopped during it keeps the first.
 */
export const PREVIEW_FIRST_STAGE = 256;
/** Chunks of the first stage: one per worker on two cores, so both start at once. */
const FIRST_STAGE_CHUNK = 128;
/**
 * Chunks of the whole preview: four per worker on two cores (the default, 1,024 at 60
 * periods, is one each), so a worker slowed by the machine's other work hands chunks to
 * the other instead of holding the preview back, and a superseded preview's workers
 * finish a quarter of their share, not all of it. The bytes are the same for any chunk
 * size (test/montecarlo/determinism.test.ts).
 */
const PREVIEW_CHUNK = 256;

/**
 * One batch worker for the page's lifetime (batch-worker.ts: the browser adapter's,
 * plus warm cancels for previews): it runs the chunk workers (one per core), merges
 * their results and builds the live summaries, so the page's thread only draws.
 * Batches from the workspace and the comparison queue there: each starts when the
 * one before has settled. Callers cancel what they no longer need (a cancelled batch
 * settles within a few ms; a preview's workers finish the chunk they are on).
 */
// `?pool=page` runs everything in the page thread instead: for bench/web.ts, which measures what the workers
// save. A test hook: only the e2e build (__E2E__) reads it; the shipped app always uses the workers.
const inPage = __E2E__ && new URLSearchParams(location.search).get('pool') === 'page';
const runner = inPage ? undefined : createBrowserBatchRunner({ createWorker });
const pagePool = __E2E__ && inPage ? createInThreadPool() : undefined;
let pageQueue: Promise<unknown> = Promise.resolve();

function createWorker(): Worker {
  const worker = takeBatchWorker();
  // The engine's share of each batch, for the benchmark (e2e build only; the worker sends it only there).
  if (__E2E__) worker.addEventListener('message', (e: MessageEvent<{ type: string; span?: EngineSpan }>) => void (e.data.type === 'engine-span' && hooks.engineSpans.push(e.data.span!)));
  return worker;
}

type Hooks = { signal: AbortSignal; onProgress?: (p: MonteCarloProgress) => void };

function runOne(scenario: Scenario, request: WebBatchRequest, o: Hooks): Promise<BatchSummary> {
  // `!__E2E__` first: in the shipped build the page-thread branch is dead code, so the engine stays out of the page's bundle.
  if (!__E2E__ || runner) return runner!.run(scenario, request, o);
  const { keepWorkers: _k, workers: _w, ...options } = request;
  const run = pageQueue.then(() => runMonteCarlo(scenario, { ...options, pool: pagePool, signal: o.signal, onProgress: o.onProgress }));
  pageQueue = run.catch(() => undefined);
  return run;
}

/** The first stage shown as the preview so far: its runs of the whole preview's, partial (as a live summary says). */
function asFirstStage(first: BatchSummary, runs: number): BatchSummary {
  return { ...first, runsRequested: runs, runRange: { first: 0, count: runs }, partial: true };
}

export const runBatchInWorkers: RunBatch = async (scenario, o) => {
  const base = { runs: o.runs, masterSeed: o.masterSeed };
  if (o.kind !== 'preview' || o.runs <= PREVIEW_FIRST_STAGE) return runOne(scenario, { ...base, liveSummary: o.live ?? true, keepWorkers: o.kind === 'preview' }, o);
  const first = await runOne(scenario, { ...base, runs: PREVIEW_FIRST_STAGE, chunkSize: FIRST_STAGE_CHUNK, keepWorkers: true }, { signal: o.signal });
  const shown = asFirstStage(first, o.runs);
  // The caller may supersede the preview in this call (a lever moved meanwhile): then the signal is aborted below.
  if (first.runs > 0) o.onProgress({ runsDone: first.runs, runsRequested: o.runs, summary: shown });
  // While a lever moves, the second stage waits for it to stop: started and then superseded, it would leave
  // a whole chunk per worker to finish before the next preview's first stage could start.
  if (!o.signal.aborted && o.secondStageGate) await o.secondStageGate(o.signal);
  if (o.signal.aborted) return shown;
  const whole = await runOne(scenario, { ...base, chunkSize: PREVIEW_CHUNK, keepWorkers: true, liveSummary: false }, {
    signal: o.signal,
    onProgress: (p) => o.onProgress({ runsDone: Math.max(first.runs, p.runsDone), runsRequested: o.runs }),
  });
  // Stopped during the second stage with fewer runs than the first: the first stage is the better partial result.
  return whole.partial && whole.runs < first.runs ? shown : whole;
};

/** Starts the batch worker at once, so it loads while the page builds its panels (the first preview starts sooner). */
export function warmWorkers(): void {
  runner?.warm();
}
