import { auditDesign, AuditInputError, type AuditReport } from '../../audit/index.ts';
import type { BatchSummary } from '../../montecarlo/types.ts';
import { SUMMARY_METRIC_NAMES } from '../../engine/metrics.ts';
import { resolveLever } from '../../scenario/levers.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { evaluateScenarios, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';
import { libraryShocks, stressStudy, type StressResult, type StressShock } from './stress-study.ts';
import { sweepStudy, type SweepStudyResult } from './sweep-study.ts';

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
  const { runBatch, alternative, ...run } = options;
  const batch = await runBatch(base);
  const audit = options.audit === false || options.signal?.aborted ? null : await runMemoAudit(base, options.audit?.runs ?? 200, options);
  const stress = await stressStudy(base, options.shocks ?? libraryShocks(base, options.stressAtPeriod ?? Math.floor(base.horizonPeriods / 4)), { ...run, parts: undefined });
  const ranges = options.sweepRanges ?? memoSweepRanges(base);
  const sweep = Object.keys(ranges).length > 0 && !options.signal?.aborted ? await sweepStudy(base, ranges, { ...run, outcome: 'collapsed', levels: options.sweepLevels ?? 3 }) : null;
  const comparison = alternative && !options.signal?.aborted ? { alternative, evaluation: await evaluateScenarios('memo comparison', [base, alternative], [...SUMMARY_METRIC_NAMES], run) } : null;
  const complete = !batch.partial && stress.complete && (sweep?.evaluation.complete ?? Object.keys(ranges).length === 0) && (alternative ? comparison?.evaluation.complete === true : true) && (audit !== null || options.audit === false);
  return { batch, stress, sweep, audit, comparison, complete };
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
