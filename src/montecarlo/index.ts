/**
 * Monte Carlo batches: many runs of one scenario, summarised in memory that does
 * not grow with the number of runs, bit-identical however the work is split.
 *
 * ## API
 *
 *   runMonteCarlo(scenario, options): Promise<BatchSummary>
 *   runMonteCarloPartial(scenario, options): Promise<BatchPartial>   // a shard's mergeable partial
 *   mergePartials(parts, names?): BatchPartial                       // associative, exact
 *   summarizePartial(partial): BatchSummary                          // == the unsharded summary
 *   parseBatchPartial(text, name): BatchPartial / parseBatchSummary(text): BatchSummary
 *   shardSpan(i, N, runs) / parseShard("i/N")                        // which runs shard i computes
 *   createInThreadPool(), MonteCarloPool                             // src/node: createNodePool; src/browser: createBrowserPool
 *   runSchedule, ChunkPool, createInThreadChunkPool, forEachRun      // the scheduler, pools and run loop batches and experiments share
 *
 * options (MonteCarloOptions): runs, masterSeed, workers (0/1: calling thread;
 * more: pass `pool`, or use src/node's runMonteCarlo), chunkSize, firstRun,
 * sampleSize (default 20), shard {index 1..N, count N}, signal, onProgress,
 * liveSummary, timings + clock.
 *
 * ## Contract
 *
 * - Run i uses seed runSeed(masterSeed, i), fixed before work is split. The
 *   summary's JSON bytes are the same for any workers, chunkSize or sharding
 *   (moments merge over a canonical tree, everything else is exact counts).
 * - Progress: onProgress({ runsDone, runsRequested, summary? }) at least every
 *   250 ms while running (every 100 ms when the thread is free) and once at the
 *   end. runsDone counts runs already merged, i.e. those a cancel keeps.
 * - Cancel: abort `signal`; workers are terminated at once (the calling-thread
 *   pool stops after its current slice, a few ms) and the call resolves with the
 *   runs finished so far, `partial: true`.
 * - Failure: a run that throws rejects with MonteCarloRunError { runIndex, seed }
 *   (reproduce with simulate(scenario, seed)); a dead worker with
 *   MonteCarloWorkerError naming its runs. Other workers are terminated first.
 * - No wall-clock fields unless `timings: true` (with `clock`).
 *
 * @example
 *   // one machine (src/node fills in the worker pool and the clock):
 *   import { runMonteCarlo } from '../node/index.ts';
 *   const ctl = new AbortController();
 *   const summary = await runMonteCarlo(scenario, {
 *     runs: 100_000, masterSeed: 42, workers: 4, signal: ctl.signal,
 *     onProgress: ({ runsDone, runsRequested }) => bar.update(runsDone / runsRequested),
 *   });
 *
 *   // many machines: shard i of N writes a partial, one merge makes the summary
 *   const part = await runMonteCarloPartial(scenario, { runs: 1_000_000, masterSeed: 42, shard: parseShard('3/8') });
 *   writeFileSync('part-3.json', JSON.stringify(part));
 *   const summary = summarizePartial(mergePartials(files.map((f) => parseBatchPartial(readFileSync(f, 'utf8'), f)), files));
 */
export { runMonteCarlo, runMonteCarloPartial } from './run.ts';
export { mergePartials, summarizePartial, parseBatchPartial, parseBatchSummary, type BatchPartial } from './partial.ts';
export { shardSpan, parseShard, defaultChunkSize, ChunkPlan, type RunSpan } from './chunks.ts';
export { createInThreadPool, createInThreadChunkPool, PoolAbortedError, yieldToEventLoop, type MonteCarloPool, type ChunkPool, type SlicedChunk, type SlicedChunkService } from './pool.ts';
export { runSchedule, type Schedule, type Ending } from './schedule.ts';
export { forEachRun, RunJob, runFailureOf } from './run-loop.ts';
export { DENSE_FIELDS, STRUCTURED_FIELDS, stateFieldsMarkdown, type DenseField, type DenseFieldName } from './state-fields.ts';
export { createWorkerPool, type WorkerHandle, type KeyedSpec, type WorkerSpec } from './worker-pool.ts';
export { ChunkService, type BatchSpec, type ChunkSpec, type ChunkOutcome, type RunFailure, type RunnerFactory } from './chunk-runner.ts';
export { MonteCarloOptionError, MonteCarloRunError, MonteCarloWorkerError } from './errors.ts';
export { runSeed, samplePriority } from './seeds.ts';
export { RESOLUTION, QUANTILES } from './finalize.ts';
export { RELIEF_LAB_VERSION } from './version.ts';
export type { BatchSummary, PeriodStats, EventStats, OutcomeStats, SampleTrajectory, MonteCarloOptions, MonteCarloProgress, QuantileResolution } from './types.ts';
