import type { Scenario } from '../scenario/schema.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from './chunk-runner.ts';
import { PoolAbortedError, type ChunkPool } from './pool.ts';

/** What the worker pool reads of a spec: the key that says which chunks belong to it. */
export interface KeyedSpec {
  key: string;
}

/** What an adapter reads of a spec to size a worker's heap (worker-memory.ts): batches' and experiments' specs have it. */
export interface WorkerSpec extends KeyedSpec {
  scenario: Scenario;
  sampleSize: number;
}

/**
 * One worker as the pool sees it, whatever the threads are (worker_threads, Web
 * Workers) and whatever they run (a batch's ChunkService, an experiment's
 * ExperimentChunkService): the adapters wrap a comlink remote in this.
 */
export interface WorkerHandle<Spec extends KeyedSpec = BatchSpec, Chunk = ChunkSpec, Outcome = ChunkOutcome> {
  prepare(batch: Spec): Promise<void>;
  runChunk(chunk: Chunk): Promise<Outcome>;
  /** Called once if the worker dies on its own (crash, uncaught error, exit); not after terminate. */
  onDeath(listener: (error: Error) => void): void;
  /** Stops the worker now; resolves when it is gone. */
  terminate(): Promise<void>;
  /** Whether this worker can take the batch (e.g. its memory limit is large enough); a pool replaces one that cannot. */
  fits?(batch: Spec): boolean;
}

/** What makes a slot's calls fail together when its worker dies. */
interface Guard {
  /** Set once the worker died or was cancelled: calls reject with it. */
  dead?: Error;
  /** Rejecters of calls in flight, so a death rejects them and nothing hangs. */
  pending: Set<(e: Error) => void>;
}

interface Slot<Spec extends KeyedSpec, Chunk, Outcome> extends Guard {
  handle: WorkerHandle<Spec, Chunk, Outcome>;
  load: number;
  preparedKey?: string;
}

/**
 * Runs a call on a slot so that the slot's death rejects it. (Not Promise.race
 * with a never-settling "death" promise: every race would leave a reaction on it
 * that keeps its result, whole chunk results included, alive until the worker dies.)
 */
function guarded<T>(slot: Guard, call: () => Promise<T>): Promise<T> {
  if (slot.dead) return Promise.reject(slot.dead);
  return new Promise<T>((resolve, reject) => {
    slot.pending.add(reject);
    call().then(
      (v) => {
        slot.pending.delete(reject);
        resolve(v);
      },
      (e: unknown) => {
        slot.pending.delete(reject);
        reject(e);
      },
    );
  });
}

function kill(slot: Guard, e: Error): void {
  if (slot.dead) return;
  slot.dead = e;
  for (const reject of slot.pending) reject(e);
  slot.pending.clear();
}

/**
 * A pool of `size` workers made by `spawn` (given the batch they start for),
 * started on first use. Chunks go to the
 * least loaded worker; a worker may hold a second chunk in its message queue so it
 * never waits for the next one. `cancel` terminates every worker (so a chunk stops
 * mid-way, at once) and the next `prepare` starts fresh ones.
 */
export function createWorkerPool<Spec extends KeyedSpec = BatchSpec, Chunk = ChunkSpec, Outcome = ChunkOutcome>(
  size: number,
  spawn: (batch: Spec) => WorkerHandle<Spec, Chunk, Outcome>,
): ChunkPool<Spec, Chunk, Outcome> {
  type S = Slot<Spec, Chunk, Outcome>;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers must be an integer >= 1; got ${size}`);
  let slots: S[] = [];
  let closed = false;
  let batch: Spec | undefined;

  function start(b: Spec): S {
    const handle = spawn(b);
    const slot: S = { handle, load: 0, pending: new Set() };
    handle.onDeath((e) => {
      slots = slots.filter((s) => s !== slot);
      kill(slot, e);
    });
    return slot;
  }

  async function ensure(s: S): Promise<void> {
    const b = batch;
    if (!b) throw new Error('runChunk before prepare');
    if (s.preparedKey === b.key) return;
    await guarded(s, () => s.handle.prepare(b));
    s.preparedKey = b.key;
  }

  async function cancel(): Promise<void> {
    const old = slots;
    slots = [];
    for (const s of old) kill(s, new PoolAbortedError());
    await Promise.all(old.map((s) => s.handle.terminate()));
  }

  return {
    size,
    async prepare(b) {
      if (closed) throw new Error('the pool is closed');
      batch = b;
      const unfit = slots.filter((s) => s.handle.fits && !s.handle.fits(b));
      if (unfit.length > 0) {
        slots = slots.filter((s) => !unfit.includes(s));
        for (const s of unfit) kill(s, new PoolAbortedError());
        await Promise.all(unfit.map((s) => s.handle.terminate()));
      }
      while (slots.length < size) slots.push(start(b));
      await Promise.all(slots.map(ensure));
    },
    async runChunk(chunk) {
      if (closed) throw new Error('the pool is closed');
      if (slots.length === 0) throw new PoolAbortedError();
      const slot = slots.reduce((a, b) => (b.load < a.load ? b : a));
      slot.load++;
      try {
        await ensure(slot);
        return await guarded(slot, () => slot.handle.runChunk(chunk));
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
