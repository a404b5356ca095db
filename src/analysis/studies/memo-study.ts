import { auditDesign, AuditInputError, type AuditReport } from '../../audit/index.ts';
import { mergePartials, summarizePartial, type BatchPartial } from '../../montecarlo/partial.ts';
import { scenarioFingerprint } from '../../montecarlo/seeds.ts';
import type { BatchSummary } from '../../montecarlo/types.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';
import { SUMMARY_METRIC_NAMES } from '../../engine/metrics.ts';
import { resolveLever } from '../../scenario/levers.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { evaluateScenarios, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';
import { libraryShocks, stressStudy, type StressResult, type StressShock } from './stress-study.ts';
import { StudyError } from './errors.ts';
import { checkMemoShard, collectMemoParts, MEMO_PARTIAL_FORMAT, studyShard, type MemoPartial, type MemoUnits } from './memo-shards.ts';
import { sweepStudy, sweepStudyDesign, type SweepStudyResult } from './sweep-study.ts';

/**
 * The studies behind a memo (src/analysis/studies/memo.ts): a batch of the design
 * for its fan charts and headline outcomes, the stress break points of the shock
 * library, a one-at-a-time sweep of its key levers (the top sensitivities), the
 * design audit (src/audit: where cheating pays, the weak tranche, the fixes
 * re-checked by simulation) and, with an alternative, the paired differences on
 * common random numbers.
 */

/** Levers a memo sweeps when the caller names none: what the outcome most often turns on. */
export const MEMO_LEVERS = [
  'design.verification.detectionProbability',
  'design.verification.falseAlarmProbability',
  'design.verification.access',
  'design.consequences.disputeWindowPeriods',
  'coalition.collapseCohesion',
  'target.typePrior.hardliner',
  'target.discountFactor',
] as const;

/**
 * Ranges around the scenario's values for the memo's sweep: +-0.2 for a share,
 * +-half (at least 1) for a whole number, clipped to the field's range; fields
 * the scenario lacks are left out.
 */
export function memoSweepRanges(base: Scenario, paths: readonly string[] = MEMO_LEVERS): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const path of paths) {
    let lever;
    try {
      lever = resolveLever(base, path);
    } catch {
      continue;
    }
    const b = lever.base;
    if (typeof b !== 'number') continue;
    const span = lever.kind === 'integer' ? Math.max(1, Math.round(b / 2)) : lever.unit === 'share' || (lever.max ?? Infinity) - (lever.min ?? -Infinity) <= 1 ? 0.2 : Math.abs(b) / 2 || 1;
    const low = Math.max(lever.min ?? -Infinity, b - span);
    const high = Math.min(lever.max ?? Infinity, b + span);
    if (low < high) out[path] = [+low.toFixed(6), +high.toFixed(6)];
  }
  return out;
}

export interface MemoStudyOptions extends StudyRunOptions {
  /** The batch for the fan charts (the adapter's: worker threads, Web Workers). */
  runBatch: (scenario: Scenario) => Promise<BatchSummary>;
  /** A named alternative design, compared on common random numbers. */
  alternative?: Scenario;
  /** Period of the stress shocks (default a quarter of the horizon). */
  stressAtPeriod?: number;
  shocks?: StressShock[];
  /** Lever ranges of the sweep (default memoSweepRanges). */
  sweepRanges?: Record<string, [number, number]>;
  /** Points per lever in the sweep (default 3: low, base-side middle, high). */
  sweepLevels?: number;
  /**
   * The design audit's runs (compliant-path runs, and best-response runs per fix
   * re-checked; default 200, as `relief-lab audit`), or false to leave the audit out.
   * By default it runs in the calling thread (src/audit is synchronous), fixes included.
   */
  audit?: { runs?: number } | false;
  /**
   * Where the audit runs: by default `memoAudit` in this thread. The web app passes a
   * Web Worker's, so that the page stays responsive and Cancel can stop the audit; a
   * runner that rejects because of the signal leaves the memo partial, without an audit.
   */
  runAudit?: (base: Scenario, options: { runs: number; masterSeed: number }) => Promise<MemoAudit>;
  /** Runs of the batch: needed to shard the memo or combine its shards (its share per shard, and the memo's fingerprint). */
  batchRuns?: number;
  /**
   * The partials of every shard of this same memo (memoShard): the batch, the stress
   * test, the sweep and the comparison run nothing and are combined from them,
   * exactly as unsharded; the audit runs here (it does not shard).
   */
  memoParts?: readonly MemoPartial[];
}

/** The memo's audit: the report, or why there is none. */
export type MemoAudit = { report: AuditReport } | { unavailable: string };

export interface MemoStudies {
  batch: BatchSummary;
  stress: StressResult;
  sweep: SweepStudyResult | null;
  /** Null when left out (audit: false) or cancelled before it ran. */
  audit: MemoAudit | null;
  comparison: { alternative: Scenario; evaluation: PointsEvaluation } | null;
  complete: boolean;
}

/**
 * Runs every study of a memo, one after the other, on the caller's pool; stops
 * at a cancel with what ran (`complete: false`).
 */
export async function memoStudies(base: Scenario, options: MemoStudyOptions): Promise<MemoStudies> {
  const { runBatch, alternative, memoParts, shard: _shard, parts: _parts, ...run } = options;
  const plan = memoPlan(base, options);
  const parts = memoParts ? collectMemoParts(memoParts, plan) : null;
  const batch = parts ? combinedBatch(parts.batch) : await runBatch(base);
  const audit = options.audit === false || options.signal?.aborted ? null : await runMemoAudit(base, options.audit?.runs ?? 200, options);
  const stress = await stressStudy(base, plan.shocks, { ...run, ...(parts ? { parts: parts.stress } : {}) });
  const ranges = plan.ranges;
  const sweep = plan.units.sweep > 0 && !options.signal?.aborted ? await sweepStudy(base, ranges, { ...run, ...(parts ? { parts: parts.sweep } : {}), outcome: 'collapsed', levels: plan.sweepLevels }) : null;
  const comparison = alternative && !options.signal?.aborted ? { alternative, evaluation: await evaluateScenarios('memo comparison', [base, alternative], [...SUMMARY_METRIC_NAMES], { ...run, ...(parts ? { parts: parts.comparison } : {}) }) } : null;
  const complete = !batch.partial && stress.complete && (sweep?.evaluation.complete ?? Object.keys(ranges).length === 0) && (alternative ? comparison?.evaluation.complete === true : true) && (audit !== null || options.audit === false);
  return { batch, stress, sweep, audit, comparison, complete };
}

/** What a memo studies, fixed before any run: the same for every shard of it, and for their combination. */
interface MemoPlan {
  shocks: StressShock[];
  ranges: Record<string, [number, number]>;
  sweepLevels: number;
  /** Fingerprint of the memo's arguments; shards of another memo refuse to combine. */
  hash: string;
  units: MemoUnits;
}

function memoPlan(base: Scenario, options: MemoStudyOptions): MemoPlan {
  const shocks = options.shocks ?? libraryShocks(base, options.stressAtPeriod ?? Math.floor(base.horizonPeriods / 4));
  const ranges = options.sweepRanges ?? memoSweepRanges(base);
  const sweepLevels = options.sweepLevels ?? 3;
  const sweepPoints = Object.keys(ranges).length > 0 ? sweepStudyDesign(base, ranges, sweepLevels).design.points.length : 0;
  const batchRuns = options.batchRuns ?? 0;
  const hash = scenarioFingerprint({
    scenario: scenarioFingerprint(base),
    alternative: options.alternative ? scenarioFingerprint(options.alternative) : null,
    runsPerPoint: options.runsPerPoint,
    masterSeed: options.masterSeed ?? 1,
    batchRuns,
    shocks,
    ranges,
    sweepLevels,
  });
  return { shocks, ranges, sweepLevels, hash, units: { batch: batchRuns, stress: shocks.length, sweep: sweepPoints, comparison: options.alternative ? 2 : 0 } };
}

/** The batch of a memo from its shards' batch partials: one summary, marked partial when runs are missing. */
function combinedBatch(parts: readonly BatchPartial[]): BatchSummary {
  let summary: BatchSummary;
  try {
    summary = summarizePartial(mergePartials(parts, parts.map((_, i) => `the batch of shard ${i + 1}`)));
  } catch (e) {
    throw new StudyError('--parts', (e as Error).message);
  }
  return summary.runs < summary.runsRequested ? { ...summary, partial: true } : summary;
}

export interface MemoShardOptions extends MemoStudyOptions {
  shard: { index: number; count: number };
  batchRuns: number;
  /** Runs share `shard` of the memo's batch of `batchRuns` runs (the adapter's: worker threads). */
  runBatchPartial: (scenario: Scenario, shard: { index: number; count: number }) => Promise<BatchPartial>;
}

/**
 * Shard i of N of a memo (src/analysis/studies/memo-shards.ts): shard i of its
 * batch, stress test, sweep and comparison, each as that study's own partial, for a
 * cluster job to write; combine them with memoStudies({ memoParts }). A cancel
 * stops the study running and leaves the later ones with nothing run
 * (`complete: false`); what finished is kept.
 *
 * @throws StudyError for a shard out of range (N above the batch's runs)
 */
export async function memoShard(base: Scenario, options: MemoShardOptions): Promise<MemoPartial> {
  const { runBatch: _runBatch, runBatchPartial, alternative, memoParts: _memoParts, shard, parts: _parts, ...run } = options;
  const plan = memoPlan(base, options);
  checkMemoShard(shard, plan.units);
  const batch = await runBatchPartial(base, studyShard(shard, plan.units.batch)!);
  const share = (k: keyof MemoUnits) => studyShard(shard, plan.units[k]);
  const s = share('stress');
  const stress = s ? (await stressStudy(base, plan.shocks, { ...run, shard: s })).partial! : null;
  const w = share('sweep');
  const sweep = w ? (await sweepStudy(base, plan.ranges, { ...run, shard: w, outcome: 'collapsed', levels: plan.sweepLevels })).evaluation.partial : null;
  const c = share('comparison');
  const comparison = c && alternative ? (await evaluateScenarios('memo comparison', [base, alternative], [...SUMMARY_METRIC_NAMES], { ...run, shard: c })).partial : null;
  const runsOf = (ranges: readonly (readonly [number, number])[]) => ranges.reduce((a, [, n]) => a + n, 0);
  const complete =
    runsOf(batch.completed) === runsOf(batch.assigned) &&
    (stress?.complete ?? true) &&
    [sweep, comparison].every((p) => p === null || p.points.length === p.pointRange.count);
  return { format: MEMO_PARTIAL_FORMAT, version: RELIEF_LAB_VERSION, studyHash: plan.hash, shard: { ...shard }, complete, batch, stress, sweep, comparison };
}

/** The memo's audit on the caller's runner; null when a cancel stopped it. */
async function runMemoAudit(base: Scenario, runs: number, options: MemoStudyOptions): Promise<MemoAudit | null> {
  const request = { runs, masterSeed: options.masterSeed ?? 1 };
  if (!options.runAudit) return memoAudit(base, request.runs, request.masterSeed);
  try {
    return await options.runAudit(base, request);
  } catch (e) {
    if (options.signal?.aborted) return null;
    throw e;
  }
}

/** The audit with its fixes; a design the audit cannot read (no decision of the target) says so instead. */
export function memoAudit(base: Scenario, runs: number, masterSeed: number): MemoAudit {
  try {
    return { report: auditDesign(base, { runs, masterSeed, fixes: true }) };
  } catch (e) {
    if (e instanceof AuditInputError && e.field === 'scenario') return { unavailable: e.message.replace(/^scenario: /, '') };
    throw e;
  }
}
