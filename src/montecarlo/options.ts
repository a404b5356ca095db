import type { Scenario } from '../scenario/schema.ts';
import { defaultChunkSize } from './chunks.ts';
import { MonteCarloOptionError } from './errors.ts';
import { MAX_RUN_INDEX } from './moments.ts';
import type { MonteCarloPool } from './pool.ts';
import type { MonteCarloOptions } from './types.ts';

export const DEFAULT_SAMPLE_SIZE = 20;
export const MAX_SAMPLE_SIZE = 1000;
export const MAX_CHUNK_SIZE = 2 ** 20;

/** Options with defaults filled in and every value checked. */
export interface CheckedOptions {
  runs: number;
  masterSeed: number;
  firstRun: number;
  chunkSize: number;
  sampleSize: number;
  shard: { index: number; count: number } | undefined;
  pool: MonteCarloPool | undefined;
  workers: number;
  onProgress: MonteCarloOptions['onProgress'];
  signal: AbortSignal | undefined;
  timings: boolean;
  clock: (() => number) | undefined;
  liveSummary: boolean;
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MonteCarloOptionError(`options.${name} must be an integer in [${min}, ${max}]; got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

export function checkOptions(scenario: Scenario, o: MonteCarloOptions): CheckedOptions {
  if (o === null || typeof o !== 'object') throw new MonteCarloOptionError('options must be an object with at least runs and masterSeed');
  const runs = integer('runs', o.runs, 1, MAX_RUN_INDEX);
  if (typeof o.masterSeed !== 'number' || !Number.isSafeInteger(o.masterSeed)) {
    throw new MonteCarloOptionError(`options.masterSeed must be an integer in [${Number.MIN_SAFE_INTEGER}, ${Number.MAX_SAFE_INTEGER}]; got ${JSON.stringify(o.masterSeed)}`);
  }
  const firstRun = integer('firstRun', o.firstRun ?? 0, 0, MAX_RUN_INDEX - runs);
  const chunkSize = integer('chunkSize', o.chunkSize ?? defaultChunkSize(scenario.horizonPeriods), 1, MAX_CHUNK_SIZE);
  const sampleSize = integer('sampleSize', o.sampleSize ?? DEFAULT_SAMPLE_SIZE, 0, MAX_SAMPLE_SIZE);
  let shard: CheckedOptions['shard'];
  if (o.shard !== undefined) {
    const count = integer('shard.count', o.shard.count, 1, runs);
    shard = { index: integer('shard.index', o.shard.index, 1, count), count };
  }
  const workers = integer('workers', o.workers ?? o.pool?.size ?? 1, 0, 1024);
  if (!o.pool && workers > 1) {
    throw new MonteCarloOptionError(
      `options.workers = ${workers} needs options.pool: use runMonteCarlo from src/node (worker_threads) or pass createBrowserPool(...) / createNodePool(...); only workers 0 or 1 run in the calling thread`,
    );
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new MonteCarloOptionError('options.onProgress must be a function');
  if (o.clock !== undefined && typeof o.clock !== 'function') throw new MonteCarloOptionError('options.clock must be a function returning milliseconds');
  if (o.timings && !o.clock) throw new MonteCarloOptionError('options.timings needs options.clock (a monotonic millisecond clock, e.g. performance.now from perf_hooks): the core reads no clock of its own');
  return {
    runs,
    masterSeed: o.masterSeed,
    firstRun,
    chunkSize,
    sampleSize,
    shard,
    pool: o.pool,
    workers,
    onProgress: o.onProgress,
    signal: o.signal,
    timings: o.timings ?? false,
    clock: o.clock,
    liveSummary: o.liveSummary ?? false,
  };
}
