import type { SummaryMetric } from '../engine/metrics.ts';
import { createRunner, type Runner, type RunnerOptions } from '../engine/simulate.ts';
import { PlanCache } from '../engine/deterrence/plan-cache.ts';
import { RunJob, runFailureOf, type RunFailure } from '../montecarlo/run-loop.ts';
import { applyLevers, type Lever, type LeverValue } from '../scenario/levers.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runRecordLayout, writeRunRecord, type RunRecordLayout } from './columns.ts';

/**
 * The worker side of an experiment: run a range of runs of one point and return
 * one record per run (realised draws and outcomes) as a Float64Array. Pure (no
 * threads, no clock), so the same code runs in a Node worker, a Web Worker or the
 * calling thread.
 *
 * The spec carries `scenario`, `masterSeed` and `sampleSize` like a batch's, so the
 * batch layer's worker pool (src/montecarlo/worker-pool.ts) carries it unchanged.
 */
export interface ExperimentSpec {
  key: string;
  /** The base scenario. */
  scenario: Scenario;
  masterSeed: number;
  /** No trajectories are kept; present so the worker pool can size a worker's heap. */
  sampleSize: 0;
  levers: Lever[];
  /** The points this call runs (a shard's, and point 0), and their values (null: keep the base). */
  pointIds: number[];
  pointValues: (LeverValue | null)[][];
  outcomes: SummaryMetric[];
  /** Whole scenarios of the points (aligned with pointIds), instead of levers on the base. */
  pointScenarios?: Scenario[];
}

export interface PointChunkSpec {
  key: string;
  /** Position in the experiment's chunk plan. */
  index: number;
  point: number;
  first: number;
  count: number;
}

export type PointChunkOutcome =
  | { ok: true; index: number; point: number; first: number; count: number; records: Float64Array }
  | { ok: false; index: number; failure: RunFailure & { point: number } };

/** The scenario of one point: the base with the point's levers set (validated). */
export function pointScenario(spec: Pick<ExperimentSpec, 'scenario' | 'levers'>, values: readonly (LeverValue | null)[]): Scenario {
  const levers: Lever[] = [];
  const set: LeverValue[] = [];
  values.forEach((v, k) => {
    if (v === null) return;
    levers.push(spec.levers[k]);
    set.push(v);
  });
  return levers.length === 0 ? spec.scenario : applyLevers(spec.scenario, levers, set);
}

/** Holds the prepared experiment of one worker and runs its chunks, reusing the runner while the point stays the same. */
export class ExperimentChunkService {
  private spec: ExperimentSpec | undefined;
  private layout: RunRecordLayout | undefined;
  private rowOf = new Map<number, number>();
  private current: { point: number; runner: Runner } | undefined;
  /** The target's plans across points and experiments: a point whose levers change nothing a plan reads does not solve it again. */
  private readonly plans = new PlanCache();

  constructor(private readonly makeRunner: (scenario: Scenario, options?: RunnerOptions) => Runner = (scenario, options) => createRunner(scenario, undefined, options)) {}

  prepare(spec: ExperimentSpec): void {
    if (this.spec?.key === spec.key) return;
    this.spec = spec;
    this.layout = runRecordLayout(spec.scenario, spec.outcomes);
    this.rowOf = new Map(spec.pointIds.map((p, i) => [p, i]));
    this.current = undefined;
  }

  /** A chunk to work a few runs at a time (the in-thread pool yields between slices). */
  job(chunk: PointChunkSpec): PointChunkJob {
    const spec = this.spec;
    const layout = this.layout!;
    if (!spec || spec.key !== chunk.key) throw new Error(`chunk ${chunk.index} belongs to experiment ${chunk.key}, which this worker has not prepared`);
    const row = this.rowOf.get(chunk.point);
    if (row === undefined) throw new Error(`chunk ${chunk.index}: point ${chunk.point} is not in this experiment's spec`);
    if (this.current?.point !== chunk.point) {
      try {
        this.current = { point: chunk.point, runner: this.makeRunner(spec.pointScenarios?.[row] ?? pointScenario(spec, spec.pointValues[row]), { plans: this.plans.get }) };
      } catch (e) {
        return new PointChunkJob(chunk, layout, undefined, spec.masterSeed, e);
      }
    }
    return new PointChunkJob(chunk, layout, this.current.runner, spec.masterSeed);
  }

  runChunk(chunk: PointChunkSpec): PointChunkOutcome {
    const job = this.job(chunk);
    job.advance(Infinity);
    return job.outcome();
  }
}

/** The runs of one chunk of a point, written as records (realised draws, then outcomes) as they run. */
export class PointChunkJob {
  private readonly records: Float64Array;
  private readonly job: RunJob | undefined;
  private readonly failure: RunFailure | undefined;

  constructor(
    private readonly chunk: PointChunkSpec,
    layout: RunRecordLayout,
    runner: Runner | undefined,
    masterSeed: number,
    /** Why the point's runner could not be built (then the chunk fails at its first run). */
    cannotStart?: unknown,
  ) {
    this.records = new Float64Array(chunk.count * layout.width);
    const { records } = this;
    if (runner && cannotStart === undefined) this.job = new RunJob(runner, masterSeed, chunk.first, chunk.count, (r, i) => writeRunRecord(r, layout, records, (i - chunk.first) * layout.width));
    else this.failure = runFailureOf(cannotStart, masterSeed, chunk.first);
  }

  /** Runs up to `maxRuns` more runs; returns whether the chunk is finished (or failed). */
  advance(maxRuns: number): boolean {
    return this.job ? this.job.advance(maxRuns) : true;
  }

  outcome(): PointChunkOutcome {
    const { chunk } = this;
    const failure = this.failure ?? this.job!.failure;
    if (failure) return { ok: false, index: chunk.index, failure: { ...failure, point: chunk.point } };
    if (!this.job!.done) throw new Error(`chunk ${chunk.index} is not finished`);
    return { ok: true, index: chunk.index, point: chunk.point, first: chunk.first, count: chunk.count, records: this.records };
  }
}
