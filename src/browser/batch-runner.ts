import type { Scenario } from '../scenario/schema.ts';
import type { BatchSummary, MonteCarloProgress } from '../montecarlo/types.ts';
import type { BatchRequest, FromBatchWorker, ToBatchWorker } from './batch-protocol.ts';

export interface BrowserBatchRunner {
  /**
   * Runs one batch in the batch worker: the same runMonteCarlo, pool and summaries
   * as anywhere else, so the result is byte for byte the same. Aborting `signal`
   * returns the partial summary, marked partial. Batches queue: one runs at a time.
   */
  run(scenario: Scenario, request: BatchRequest, options?: { signal?: AbortSignal; onProgress?: (p: MonteCarloProgress) => void }): Promise<BatchSummary>;
  /** Starts the batch worker now (it loads its bundle while the page is still starting), not on the first run. */
  warm(): void;
  close(): void;
}

export interface BrowserBatchRunnerOptions {
  /** Makes the batch worker; default the bundled ./batch-worker.ts as an ES module worker. */
  createWorker?: () => Worker;
}

/**
 * Monte Carlo for a page that must stay responsive: merging chunk results and
 * building live summaries happen in a batch worker (batch-worker.ts), which
 * starts the chunk workers itself; the page thread only receives summaries.
 * The worker starts on first use; if it dies, the batch fails with the reason and
 * the next batch starts a new one.
 */
export function createBrowserBatchRunner(options: BrowserBatchRunnerOptions = {}): BrowserBatchRunner {
  const make = options.createWorker ?? (() => new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' }));
  let worker: Worker | undefined;
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, { resolve: (s: BatchSummary) => void; reject: (e: Error) => void; onProgress?: (p: MonteCarloProgress) => void }>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = make();
    w.addEventListener('message', (ev: MessageEvent<FromBatchWorker>) => {
      const m = ev.data;
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.progress);
      else {
        pending.delete(m.id);
        if (m.type === 'done') p.resolve(m.summary);
        else p.reject(Object.assign(new Error(m.message), { name: m.name }));
      }
    });
    w.addEventListener('error', (ev) => {
      ev.preventDefault();
      failAll(new Error(`the batch worker failed: ${ev.message || 'could not load or crashed'}`));
    });
    w.addEventListener('messageerror', () => failAll(new Error('the batch worker sent a message that could not be read')));
    worker = w;
    return w;
  };

  function runNow(scenario: Scenario, request: BatchRequest, o: { signal?: AbortSignal; onProgress?: (p: MonteCarloProgress) => void }): Promise<BatchSummary> {
    const id = ++seq;
    const w = ensureWorker();
    return new Promise<BatchSummary>((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress: o.onProgress });
      w.postMessage({ type: 'run', id, scenario, request } satisfies ToBatchWorker);
      const cancel = () => worker?.postMessage({ type: 'cancel', id } satisfies ToBatchWorker);
      if (o.signal?.aborted) cancel();
      else o.signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  return {
    run(scenario, request, o = {}) {
      const result = queue.then(() => runNow(scenario, request, o));
      queue = result.catch(() => undefined);
      return result;
    },
    warm() {
      ensureWorker();
    },
    close() {
      failAll(new Error('the batch runner was closed'));
    },
  };
}
