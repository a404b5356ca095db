import { PoolAbortedError, type ChunkPool } from './pool.ts';

/**
 * The one scheduler of chunks over a pool, for batches (run.ts) and experiments
 * (src/experiments/run.ts): hand chunks out within a window, take their outcomes,
 * stop on abort or on the first failure, report progress on a timer. What the
 * outcomes mean (an accumulator state, a point's records) is the caller's.
 */

/** How a schedule ended. */
export type Ending = { kind: 'done' } | { kind: 'aborted' } | { kind: 'failed'; error: unknown };

export interface Schedule<Spec, Chunk, Outcome> {
  pool: ChunkPool<Spec, Chunk, Outcome>;
  /** Given to every worker before the first chunk. */
  spec: Spec;
  /** Chunks in the plan, positions 0 .. chunks - 1. */
  chunks: number;
  /** Chunks handed out and not yet taken, at most, per worker: enough that no worker idles, few enough to bound memory. */
  chunksPerWorker: number;
  /** The chunk at plan position k, built when it is handed out (so it may read what has been taken so far). */
  chunkAt(k: number): Chunk;
  /**
   * 'arrival': outcomes are taken as they come (the batch's merge is canonical, so
   * arrival order cannot change a bit); 'plan': in plan order (an experiment
   * assembles and writes a point at a time). Either way one at a time.
   */
  order: 'arrival' | 'plan';
  /** The error an outcome reports (a run that threw), checked on arrival; undefined for a good outcome. */
  failureOf(outcome: Outcome, k: number): unknown;
  /** Takes a good outcome; may be async (the schedule waits, and ends after it when stopped). Throwing fails the schedule. */
  take(outcome: Outcome, k: number): void | Promise<void>;
  /** The error to fail with when the pool rejects chunk k (a dead worker); default the rejection itself. */
  rejected?(error: unknown, k: number): unknown;
  signal?: AbortSignal;
  /** Called every `tickMs` while the schedule runs (progress reports); throwing fails the schedule. */
  tick?(): void;
  tickMs?: number;
}

/**
 * Runs a schedule to its end and says how it ended. An already aborted signal or
 * an empty plan ends it before the pool is prepared. After an abort or a failure,
 * a take in progress finishes first (so an experiment never writes half a point),
 * then the pool is cancelled, so no worker outlives the call. The pool is not closed.
 *
 * @example
 *   const end = await runSchedule({ pool, spec, chunks: plan.length, chunksPerWorker: 2, order: 'arrival',
 *     chunkAt: (k) => plan.at(k), failureOf: (o) => (o.ok ? undefined : new Error(o.failure.message)), take: (o) => acc.absorbState(o.state) });
 */
export async function runSchedule<Spec, Chunk, Outcome>(s: Schedule<Spec, Chunk, Outcome>): Promise<Ending> {
  if (s.signal?.aborted) return { kind: 'aborted' };
  if (s.chunks === 0) return { kind: 'done' };
  let ending: Ending | undefined;
  let wake!: () => void;
  const ended = new Promise<void>((resolve) => (wake = resolve));
  const end = (e: Ending) => {
    if (ending) return;
    ending = e;
    wake();
  };
  const onAbort = () => end({ kind: 'aborted' });
  s.signal?.addEventListener('abort', onAbort, { once: true });
  const ticker = s.tick
    ? setInterval(() => {
        try {
          s.tick!();
        } catch (error) {
          end({ kind: 'failed', error: error ?? new Error('the progress callback threw') });
        }
      }, s.tickMs ?? 100)
    : undefined;

  const maxOut = s.pool.size * s.chunksPerWorker;
  const arrived = new Map<number, Outcome>();
  let next = 0;
  let taken = 0;
  let taking = false;
  let idle: Promise<void> = Promise.resolve();

  const pump = () => {
    while (!ending && next < s.chunks && next - taken < maxOut) {
      const k = next++;
      s.pool.runChunk(s.chunkAt(k)).then(
        (outcome) => {
          if (ending) return;
          const failure = s.failureOf(outcome, k);
          if (failure !== undefined) return end({ kind: 'failed', error: failure });
          arrived.set(k, outcome);
          void drain();
        },
        (error) => {
          if (!ending && !(error instanceof PoolAbortedError)) end({ kind: 'failed', error: s.rejected ? s.rejected(error, k) : error });
        },
      );
    }
    if (!ending && taken === s.chunks) end({ kind: 'done' });
  };

  const nextToTake = (): number | undefined => {
    if (s.order === 'plan') return arrived.has(taken) ? taken : undefined;
    return arrived.keys().next().value;
  };

  const drain = async () => {
    if (taking) return;
    taking = true;
    let settle!: () => void;
    idle = new Promise((resolve) => (settle = resolve));
    try {
      for (let k = nextToTake(); !ending && k !== undefined; k = nextToTake()) {
        const outcome = arrived.get(k)!;
        arrived.delete(k);
        const pending = s.take(outcome, k);
        if (pending) await pending;
        taken++;
        pump();
      }
    } catch (error) {
      end({ kind: 'failed', error });
    } finally {
      taking = false;
      settle();
    }
  };

  try {
    await Promise.race([s.pool.prepare(s.spec), ended]);
    pump();
    await ended;
  } catch (error) {
    end({ kind: 'failed', error });
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    s.signal?.removeEventListener('abort', onAbort);
  }
  await idle;
  // Anything still running is of no use now: stop it before returning.
  if (ending!.kind !== 'done') await s.pool.cancel();
  return ending!;
}
