/**
 * The batch worker, started by the page's first script (web/src/start-workers.ts)
 * before the main bundle is evaluated: the worker's bundle, and the chunk workers it
 * starts, load while the page's own code (the schema, the form) is still being
 * evaluated, instead of after it. The batch runner takes it on its first batch.
 */
let early: Worker | undefined;

/** Starts the batch worker now, once (idempotent until it is taken). */
export function startBatchWorker(): void {
  early ??= new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' });
}

/** The worker started early, if not taken yet, else a new one (after the first died). */
export function takeBatchWorker(): Worker {
  const worker = early ?? new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' });
  early = undefined;
  return worker;
}
