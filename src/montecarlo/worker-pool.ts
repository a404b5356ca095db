import type { BatchSpec, ChunkOutcome, ChunkSpec } from './chunk-runner.ts';
import { PoolAbortedError, type MonteCarloPool } from './pool.ts';

/**
 * One worker as the pool sees it, whatever the threads are (worker_threads, Web
 * Workers): the adapters wrap a comlink remote in this.
 */
export interface WorkerHandle {
  prepare(batch: BatchSpec): Promise<void>;
  runChunk(chunk: ChunkSpec): Promise<ChunkOutcome>;
  /** Called once if the worker dies on its own (crash, uncaught error, exit); not after terminate. */
  onDeath(listener: (error: Error) => void): void;
  /** Stops the worker now; resolves when it is gone. */
  terminate(): Promise<void>;
}

interface Slot {
  handle: WorkerHandle;
  load: number;
  /** Rejects when the worker dies or the pool is cancelled; every call races it so nothing hangs. */
  gone: Promise<never>;
  kill: (e: Error) => void;
  preparedKey?: string;
}

/**
 * A pool of `size` workers made by `spawn`, started on first use. Chunks go to the
 * least loaded worker; a worker may hold a second chunk in its message queue so it
 * never waits for the next one. `cancel` terminates every worker (so a chunk stops
 * mid-way, at once) and the next `prepare` starts fresh ones.
 */
export function createWorkerPool(size: number, spawn: () => WorkerHandle): MonteCarloPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers must be an integer >= 1; got ${size}`);
  let slots: Slot[] = [];
  let closed = false;
  let batch: BatchSpec | undefined;

  function start(): Slot {
    const handle = spawn();
    let kill!: (e: Error) => void;
    const gone = new Promise<never>((_, reject) => (kill = reject));
    gone.catch(() => undefined);
    const slot: Slot = { handle, load: 0, gone, kill };
    handle.onDeath((e) => {
      slots = slots.filter((s) => s !== slot);
      kill(e);
    });
    return slot;
  }

  async function ensure(s: Slot): Promise<void> {
    if (!batch) throw new Error('runChunk before prepare');
    if (s.preparedKey === batch.key) return;
    const key = batch.key;
    await Promise.race([s.handle.prepare(batch), s.gone]);
    s.preparedKey = key;
  }

  async function cancel(): Promise<void> {
    const old = slots;
    slots = [];
    for (const s of old) s.kill(new PoolAbortedError());
    await Promise.all(old.map((s) => s.handle.terminate()));
  }

  return {
    size,
    async prepare(b) {
      if (closed) throw new Error('the pool is closed');
      batch = b;
      while (slots.length < size) slots.push(start());
      await Promise.all(slots.map(ensure));
    },
    async runChunk(chunk) {
      if (closed) throw new Error('the pool is closed');
      if (slots.length === 0) throw new PoolAbortedError();
      const slot = slots.reduce((a, b) => (b.load < a.load ? b : a));
      slot.load++;
      try {
        await ensure(slot);
        return await Promise.race([slot.handle.runChunk(chunk), slot.gone]);
      } finally {
        slot.load--;
      }
    },
    cancel,
    async close() {
      closed = true;
      await cancel();
    },
  };
}
