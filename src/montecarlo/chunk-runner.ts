import { createRunner, type Runner, type RunnerOptions } from '../engine/simulate.ts';
import type { Scenario } from '../scenario/schema.ts';
import { BatchAccumulator, type AccumulatorState } from './accumulator.ts';
import { batchLayout } from './layout.ts';
import { PlanCache } from '../engine/deterrence/plan-cache.ts';
import { RunJob, type RunFailure } from './run-loop.ts';

/**
 * The worker side of a batch: run a contiguous range of runs ("chunk") and return
 * its accumulator as plain data. Pure (no threads, no clock), so the same code
 * runs in a Node worker, a Web Worker or the calling thread.
 */

/** What every chunk of a batch shares; sent to each worker once. */
export interface BatchSpec {
  /** Identifies the batch, so a chunk never runs against another batch's scenario. */
  key: string;
  scenario: Scenario;
  masterSeed: number;
  sampleSize: number;
}

export interface ChunkSpec {
  key: string;
  /** Position in the batch's chunk plan. */
  index: number;
  first: number;
  count: number;
  /**
   * Runs with a sample priority above this cannot enter the batch's reservoir any
   * more (it already holds enough smaller ones), so the worker need not copy or
   * send them. Only an optimisation: the samples kept are the same without it.
   */
  samplePriorityCutoff?: number;
  /** The arena of an absorbed chunk result, sent back for reuse (transferred, not copied). */
  recycle?: ArrayBuffer;
}

export type { RunFailure } from './run-loop.ts';

export type ChunkOutcome =
  | { ok: true; index: number; state: AccumulatorState }
  | { ok: false; index: number; failure: RunFailure };

/** Builds the engine runner for a scenario (with the service's plan cache); replaceable so tests can inject a failing engine. */
export type RunnerFactory = (scenario: Scenario, options?: RunnerOptions) => Runner;

const defaultRunner: RunnerFactory = (scenario, options) => createRunner(scenario, undefined, options);

/** A chunk that can be advanced a few runs at a time (the in-thread pool yields between slices). */
export class ChunkJob {
  private readonly job: RunJob;

  /** `acc` must be empty; the job fills it. */
  constructor(
    runner: Runner,
    private readonly acc: BatchAccumulator,
    batch: BatchSpec,
    private readonly chunk: ChunkSpec,
  ) {
    acc.samplePriorityCutoff = chunk.samplePriorityCutoff ?? Infinity;
    this.job = new RunJob(runner, batch.masterSeed, chunk.first, chunk.count, (r, i, seed) => acc.addRun(i, seed, r));
  }

  get done(): boolean {
    return this.job.done;
  }

  /** Runs up to `maxRuns` more runs; returns whether the chunk is finished (or failed). */
  advance(maxRuns: number): boolean {
    return this.job.advance(maxRuns);
  }

  outcome(spareArena?: ArrayBuffer): ChunkOutcome {
    const { failure } = this.job;
    if (failure) return { ok: false, index: this.chunk.index, failure };
    if (!this.job.done) throw new Error(`chunk ${this.chunk.index} is not finished`);
    return { ok: true, index: this.chunk.index, state: this.acc.exportState(spareArena) };
  }
}

/** Holds the prepared batch of one worker (or of the calling thread) and runs its chunks. */
export class ChunkService {
  /** The prepared batch, with one accumulator reused by every chunk (chunks here run one at a time). */
  private prepared: { batch: BatchSpec; runner: Runner; acc: BatchAccumulator } | undefined;
  /** Arenas sent back by the batch runner, reused for the next results. */
  private readonly arenas: ArrayBuffer[] = [];
  /**
   * @param plans the target's plans across batches (a batch that changes nothing a plan
   *   reads does not solve it again); services in one thread may share one.
   */
  constructor(
    private readonly makeRunner: RunnerFactory = defaultRunner,
    private readonly plans = new PlanCache(),
  ) {}

  prepare(batch: BatchSpec): void {
    if (this.prepared?.batch.key === batch.key) return;
    const layout = batchLayout(batch.scenario.horizonPeriods);
    this.prepared = { batch, runner: this.makeRunner(batch.scenario, { plans: this.plans.get }), acc: new BatchAccumulator(layout, batch.sampleSize) };
  }

  job(chunk: ChunkSpec): ChunkJob {
    if (chunk.recycle && chunk.recycle.byteLength > 0 && this.arenas.length < 4) this.arenas.push(chunk.recycle);
    const p = this.prepared;
    if (!p || p.batch.key !== chunk.key) throw new Error(`chunk ${chunk.index} belongs to batch ${chunk.key}, which this worker has not prepared`);
    p.acc.clear();
    return new ChunkJob(p.runner, p.acc, p.batch, chunk);
  }

  runChunk(chunk: ChunkSpec): ChunkOutcome {
    const job = this.job(chunk);
    job.advance(Infinity);
    return this.finish(job);
  }

  /** The outcome of a finished job, in a recycled arena when one is at hand. */
  finish(job: ChunkJob): ChunkOutcome {
    return job.outcome(this.arenas.pop());
  }
}
