import { MAX_RUN_INDEX } from './moments.ts';

/**
 * Splitting runs into work: chunks for workers, shards for machines. Neither
 * changes a result (seeds come from run indices, summaries merge canonically);
 * they only decide who does what.
 */

export interface RunSpan {
  first: number;
  count: number;
}

/**
 * Runs per chunk when not given: a power of two near 65536 run-periods (about
 * 0.1 s of baseline engine time). Large enough that exporting and merging a chunk
 * (and the garbage it leaves) is small next to computing it; small enough for
 * smooth progress. Cancellation does not wait for chunks (workers are terminated).
 */
export function defaultChunkSize(horizonPeriods: number): number {
  const target = Math.max(1, Math.floor(65536 / Math.max(1, horizonPeriods)));
  return Math.min(4096, 2 ** Math.floor(Math.log2(target)));
}

/**
 * Chunks of `span`, cut at multiples of `chunkSize` counted from run 0 (not from
 * span.first): with a power-of-two size each full chunk is one node of the
 * canonical merge tree, so it returns one set of moments. Lazy, so a billion
 * runs need no billion objects.
 */
export class ChunkPlan {
  readonly length: number;
  private readonly firstBlock: number;

  constructor(readonly span: RunSpan, readonly chunkSize: number) {
    if (span.count === 0) {
      this.length = 0;
      this.firstBlock = 0;
      return;
    }
    this.firstBlock = Math.floor(span.first / chunkSize);
    this.length = Math.ceil((span.first + span.count) / chunkSize) - this.firstBlock;
  }

  at(i: number): RunSpan & { index: number } {
    if (i < 0 || i >= this.length) throw new RangeError(`chunk ${i} is not in [0, ${this.length})`);
    const end = this.span.first + this.span.count;
    const first = i === 0 ? this.span.first : (this.firstBlock + i) * this.chunkSize;
    const last = Math.min(end, (this.firstBlock + i + 1) * this.chunkSize);
    return { index: i, first, count: last - first };
  }
}

/**
 * Runs of shard `index` (1-based) of `count` over the batch [first, first + runs):
 * contiguous, disjoint, sizes differing by at most one, together the whole batch.
 */
export function shardSpan(index: number, count: number, runs: number, first = 0): RunSpan {
  if (!Number.isInteger(count) || count < 1 || count > runs) throw new RangeError(`shard count must be an integer in [1, ${runs}] (the runs); got ${count}`);
  if (!Number.isInteger(index) || index < 1 || index > count) throw new RangeError(`shard index must be an integer in [1, ${count}]; got ${index}`);
  const a = first + Math.floor(((index - 1) * runs) / count);
  const b = first + Math.floor((index * runs) / count);
  return { first: a, count: b - a };
}

/** Parses "i/N" (as in `--shard 3/8`), 1 <= i <= N. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new RangeError(`shard must look like i/N with 1 <= i <= N (e.g. 3/8); got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new RangeError(`shard ${text}: i must be in [1, N] and N >= 1`);
  return { index, count };
}

export function checkRunIndexLimit(end: number): void {
  if (end > MAX_RUN_INDEX) throw new RangeError(`run indices must stay below 2^45; this batch would reach ${end}`);
}
