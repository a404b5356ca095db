/**
 * Which run a worker thread is executing, kept in shared memory: the worker
 * writes the run's seed before each run, and when the thread dies (a crash, out
 * of memory, process.exit in native code) the pool reads it there, since a dead
 * thread can send no message. The error then names the run and its seed, as a
 * run that throws does, instead of only the chunk's range.
 */

/** Seeds are "<masterSeed>/<runIndex>": at most 16 + 1 + 16 characters. */
const MAX_SEED_CHARS = 40;

/** The pool's side: the buffer to give the worker, and what it last wrote. */
export class CurrentRunCell {
  readonly buffer = new SharedArrayBuffer(4 + MAX_SEED_CHARS);

  /** The run being executed, or undefined between runs' chunks. */
  read(): { runIndex: number; seed: string } | undefined {
    const length = Atomics.load(new Int32Array(this.buffer, 0, 1), 0);
    if (length <= 0 || length > MAX_SEED_CHARS) return undefined;
    const seed = String.fromCharCode(...new Uint8Array(this.buffer, 4, length));
    const runIndex = Number(seed.slice(seed.lastIndexOf('/') + 1));
    return Number.isSafeInteger(runIndex) ? { runIndex, seed } : undefined;
  }
}

/** The worker's side: records a seed before its run; `clear` after a chunk. */
export class CurrentRunWriter {
  private readonly length: Int32Array;
  private readonly chars: Uint8Array;

  constructor(buffer: SharedArrayBuffer) {
    this.length = new Int32Array(buffer, 0, 1);
    this.chars = new Uint8Array(buffer, 4, MAX_SEED_CHARS);
  }

  record(seed: string): void {
    const n = Math.min(seed.length, MAX_SEED_CHARS);
    for (let i = 0; i < n; i++) this.chars[i] = seed.charCodeAt(i);
    // Stored last, so a reader never sees a length with half-written characters.
    Atomics.store(this.length, 0, n);
  }

  clear(): void {
    Atomics.store(this.length, 0, 0);
  }
}

/** A worker's death, with the run it was executing: MonteCarloWorkerError reads `runIndex` and `seed`. */
export class WorkerDiedError extends Error {
  override name = 'WorkerDiedError';
  constructor(
    cause: Error,
    readonly runIndex: number,
    readonly seed: string,
  ) {
    super(cause.message, { cause });
  }
}
