import type { EventKind, PeriodMetric, SummaryMetric } from '../engine/metrics.ts';
import type { BatchSummary, EventStats, OutcomeStats, PeriodStats } from '../montecarlo/types.ts';
import type { TargetTypeName } from '../scenario/schema.ts';

/**
 * What the report needs from a batch of runs: a subset of the Monte Carlo
 * BatchSummary contract, so the report reads the output of the serial CLI batch
 * today and of the Monte Carlo layer's runMonteCarlo tomorrow without change.
 * Period indices count from 0; times are in periods; aid in kUSD.
 */
export const REPORT_PERIOD_METRICS = ['trueCompliance', 'verifiedCompliance', 'reliefInForce', 'leverage', 'needMet'] as const satisfies readonly PeriodMetric[];
export type ReportPeriodMetric = (typeof REPORT_PERIOD_METRICS)[number];

export type ReportPeriodStats = Pick<PeriodStats, 'mean' | 'q05' | 'q95'>;
export type ReportOutcomeStats = Omit<OutcomeStats, 'histogram'>;
export type ReportEventStats = Pick<EventStats, 'runsWithEvent' | 'meanPerRun' | 'sePerRun'>;

export interface BatchView {
  scenarioName: string;
  runs: number;
  masterSeed: number;
  horizonPeriods: number;
  periodLengthMonths: number;
  periods: Record<ReportPeriodMetric, ReportPeriodStats>;
  outcomes: Record<SummaryMetric, ReportOutcomeStats>;
  events: Record<EventKind, ReportEventStats>;
  targetTypes: Record<TargetTypeName, number>;
}

/** Compile-time proof that a full BatchSummary can be reported: `npm run typecheck` fails if the contracts drift apart. */
export function fromBatchSummary(b: BatchSummary): BatchView {
  return b;
}
