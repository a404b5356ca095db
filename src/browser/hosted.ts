/**
 * A long call (an experiment) run in a worker of its own, off the page's thread:
 * the page sends a request and gets progress reports and the result over the
 * worker's one port, in order, so no report can overtake the result. The host
 * worker runs one call at a time; a call while one is going is a caller bug and
 * fails at once. The page side queues calls, so that never happens.
 */

export type ToHost<Request> = { type: 'run'; id: number; request: Request } | { type: 'cancel'; id: number };

export type FromHost<Progress, Result> =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'done'; id: number; result: Result }
  | { type: 'failed'; id: number; name: string; message: string };

export interface HostedRunner<Request, Progress, Result> {
  /** Runs one call in the host worker; calls queue. Aborting `signal` asks the worker to stop (the call settles with what it returns then). */
  run(request: Request, options?: { signal?: AbortSignal; onProgress?: (p: Progress) => void }): Promise<Result>;
  /** Starts the host worker now rather than on the first call. */
  warm(): void;
  close(): void;
}

/**
 * The page side: starts the host worker from `make` on first use; if it dies, the
 * calls in flight fail with the reason and the next call starts a new one.
 */
export function hostedRunner<Request, Progress, Result>(make: () => Worker, what: string): HostedRunner<Request, Progress, Result> {
  let worker: Worker | undefined;
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void }>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = make();
    w.addEventListener('message', (ev: MessageEvent<FromHost<Progress, Result>>) => {
      const m = ev.data;
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.progress);
      else {
        pending.delete(m.id);
        if (m.type === 'done') p.resolve(m.result);
        else p.reject(Object.assign(new Error(m.message), { name: m.name }));
      }
    });
    w.addEventListener('error', (ev) => {
      ev.preventDefault();
      failAll(new Error(`the ${what} worker failed: ${ev.message || 'could not load or crashed'}`));
    });
    w.addEventListener('messageerror', () => failAll(new Error(`the ${what} worker sent a message that could not be read`)));
    worker = w;
    return w;
  };

  function runNow(request: Request, o: { signal?: AbortSignal; onProgress?: (p: Progress) => void }): Promise<Result> {
    const id = ++seq;
    const w = ensureWorker();
    return new Promise<Result>((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress: o.onProgress });
      w.postMessage({ type: 'run', id, request } satisfies ToHost<Request>);
      const cancel = () => worker?.postMessage({ type: 'cancel', id } satisfies ToHost<Request>);
      if (o.signal?.aborted) cancel();
      else o.signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  return {
    run(request, o = {}) {
      const result = queue.then(() => runNow(request, o));
      queue = result.catch(() => undefined);
      return result;
    },
    warm() {
      ensureWorker();
    },
    close() {
      failAll(new Error(`the ${what} runner was closed`));
    },
  };
}

/** The worker side: serves calls of `run` on this worker's port, one at a time. */
export function serveHosted<Request, Progress, Result>(
  scope: DedicatedWorkerGlobalScope,
  run: (request: Request, signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<Result>,
): void {
  let active: { id: number; abort: AbortController } | undefined;
  const send = (m: FromHost<Progress, Result>) => scope.postMessage(m);
  scope.addEventListener('message', (ev: MessageEvent<ToHost<Request>>) => {
    const m = ev.data;
    if (m.type === 'cancel') {
      if (active?.id === m.id) active.abort.abort();
      return;
    }
    if (active) {
      send({ type: 'failed', id: m.id, name: 'Error', message: `call ${m.id} requested while call ${active.id} is running` });
      return;
    }
    const me = { id: m.id, abort: new AbortController() };
    active = me;
    // Through a promise, so a call that throws at once (bad options) fails the call instead of leaving it active.
    Promise.resolve()
      .then(() => run(m.request, me.abort.signal, (progress) => send({ type: 'progress', id: me.id, progress })))
      .then(
        (result) => send({ type: 'done', id: me.id, result }),
        (e: unknown) => send({ type: 'failed', id: me.id, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        if (active === me) active = undefined;
      });
  });
}
