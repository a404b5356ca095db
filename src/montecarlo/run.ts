import type { Scenario } from '../scenario/schema.ts';
import { BatchAccumulator } from './accumulator.ts';
import type { BatchSpec, ChunkOutcome, ChunkSpec } from './chunk-runner.ts';
import { ChunkPlan, checkRunIndexLimit, shardSpan, type RunSpan } from './chunks.ts';
import { MonteCarloRunError, MonteCarloWorkerError } from './errors.ts';
import { finalizeSummary, type BatchMeta } from './finalize.ts';
import { batchLayout } from './layout.ts';
import { checkOptions, type CheckedOptions } from './options.ts';
import { toPartial, type BatchPartial } from './partial.ts';
import { createInThreadPool, type MonteCarloPool } from './pool.ts';
import { runSchedule } from './schedule.ts';
import { runSeed, scenarioFingerprint } from './seeds.ts';
import type { BatchSummary, MonteCarloOptions } from './types.ts';
import { RELIEF_LAB_VERSION } from './version.ts';

/** Progress is reported this often (ms) while the calling thread is free; the contract is at most 250. */
const PROGRESS_INTERVAL_MS = 100;
/** A live summary goes with every this many progress reports (about 500 ms). */
const LIVE_SUMMARY_EVERY = 5;
/** Chunks queued per worker, so a worker never idles between chunks. */
const CHUNKS_PER_WORKER = 2;

/**
 * Runs a Monte Carlo batch and returns its summary. See index.ts for the contract
 * (determinism, progress, cancellation, failures).
 */
export async function runMonteCarlo(scenario: Scenario, options: MonteCarloOptions): Promise<BatchSummary> {
  const r = await runBatch(scenario, options);
  return finalizeSummary(r.acc, r.meta);
}

/** Like runMonteCarlo, but returns the mergeable partial (for `--shard i/N`, or to merge with more runs later). */
export async function runMonteCarloPartial(scenario: Scenario, options: MonteCarloOptions): Promise<BatchPartial> {
  const r = await runBatch(scenario, options);
  return toPartial(r.acc, r.meta, [[r.span.first, r.span.count]]);
}

interface BatchRun {
  acc: BatchAccumulator;
  meta: BatchMeta;
  span: RunSpan;
}

async function runBatch(scenario: Scenario, options: MonteCarloOptions): Promise<BatchRun> {
  const o = checkOptions(scenario, options);
  const span = o.shard ? shardSpan(o.shard.index, o.shard.count, o.runs, o.firstRun) : { first: o.firstRun, count: o.runs };
  checkRunIndexLimit(o.firstRun + o.runs);
  const layout = batchLayout(scenario.horizonPeriods);
  const acc = new BatchAccumulator(layout, o.sampleSize);
  const scenarioHash = scenarioFingerprint(scenario);
  const meta: BatchMeta = {
    scenarioName: scenario.metadata.name,
    scenarioHash,
    masterSeed: o.masterSeed,
    runsRequested: o.runs,
    runRange: { ...span },
    horizonPeriods: scenario.horizonPeriods,
    periodLengthMonths: scenario.metadata.periodLengthMonths,
    version: RELIEF_LAB_VERSION,
  };
  const plan = new ChunkPlan(span, o.chunkSize);
  const pool = o.pool ?? createInThreadPool();
  const started = o.clock?.();
  try {
    await execute(pool, plan, acc, o, meta, `${scenarioHash}:${o.masterSeed}:${o.sampleSize}`, scenario);
  } finally {
    if (!o.pool) await pool.close();
  }
  if (o.timings && o.clock && started !== undefined) {
    const elapsedMs = o.clock() - started;
    meta.timings = { elapsedMs, runsPerSecond: elapsedMs > 0 ? (acc.runs * 1000) / elapsedMs : 0, workers: pool.size, chunkSize: o.chunkSize, chunks: plan.length };
  }
  return { acc, meta, span };
}

/**
 * Hands chunks to the pool (at most CHUNKS_PER_WORKER per worker at a time) and
 * absorbs results as they come, in any order: the accumulator's merge is
 * canonical, so arrival order cannot change a bit. Ends when every chunk is in,
 * on abort (workers are terminated at once, finished chunks kept) or on the first
 * failure (workers terminated, the error says which run and seed).
 */
async function execute(pool: MonteCarloPool, plan: ChunkPlan, acc: BatchAccumulator, o: CheckedOptions, meta: BatchMeta, key: string, scenario: Scenario): Promise<void> {
  let ticks = 0;
  /** Reports progress; a callback that throws fails the batch. */
  const progress = (final: boolean): void => {
    if (!o.onProgress) return;
    const live = o.liveSummary && (final || ++ticks % LIVE_SUMMARY_EVERY === 0);
    o.onProgress({ runsDone: acc.runs, runsRequested: plan.span.count, ...(live ? { summary: finalizeSummary(acc, meta) } : {}) });
  };
  const maxInFlight = pool.size * CHUNKS_PER_WORKER;
  const arenas: ArrayBuffer[] = [];
  const ending = await runSchedule<BatchSpec, ChunkSpec, ChunkOutcome>({
    pool,
    spec: { key, scenario, masterSeed: o.masterSeed, sampleSize: o.sampleSize },
    chunks: plan.length,
    chunksPerWorker: CHUNKS_PER_WORKER,
    order: 'arrival',
    chunkAt(k) {
      const c = plan.at(k);
      const cutoff = acc.reservoir.cutoff();
      const recycle = arenas.pop();
      return {
        key,
        index: c.index,
        first: c.first,
        count: c.count,
        ...(cutoff !== undefined ? { samplePriorityCutoff: cutoff } : {}),
        ...(recycle ? { recycle } : {}),
      };
    },
    failureOf: (outcome) => (outcome.ok ? undefined : new MonteCarloRunError(outcome.failure)),
    take(outcome) {
      if (!outcome.ok) return;
      acc.absorbState(outcome.state);
      // absorbState copied what it keeps; the arena goes back to a worker with the next chunk.
      if (outcome.state.arena && arenas.length < maxInFlight) arenas.push(outcome.state.arena);
    },
    rejected(error, k) {
      const c = plan.at(k);
      return new MonteCarloWorkerError(c.first, c.count, runSeed(o.masterSeed, c.first), error);
    },
    signal: o.signal,
    tick: () => progress(false),
    tickMs: PROGRESS_INTERVAL_MS,
  });
  if (ending.kind === 'failed') throw ending.error;
  progress(true);
}
