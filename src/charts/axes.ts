import { PERIOD_METRICS, SUMMARY_METRICS, type PeriodMetric, type SummaryMetric } from '../engine/metrics.ts';

/**
 * Axis titles that say units. A bare "share" is ambiguous on a chart (share of
 * what?), so the metrics drawn most often get a phrase naming the whole they are a
 * share of; the rest fall back to the unit from metrics.ts.
 */
const SHARE_OF: Partial<Record<PeriodMetric | SummaryMetric, string>> = {
  trueCompliance: '% of required benchmark levels',
  reportedCompliance: '% of required benchmark levels',
  verifiedCompliance: '% of required benchmark levels',
  finalCompliance: '% of required benchmark levels',
  sanctionsInForce: '% of the full package',
  reliefInForce: '% of the full package',
  cohesion: '% of coalition weight',
  evasion: '% of remaining pressure',
  leverage: '% of full package, united coalition',
  finalLeverage: '% of full package, united coalition',
  belief: 'probability target is sincere, %',
  needMet: '% of humanitarian need',
  meanNeedMet: '% of humanitarian need',
  hardlinerInfluence: '% weight in government',
  leakage: '% of aid sent',
  collapsed: '% of runs',
  fullRelief: '% of runs',
};

const UNIT_TEXT: Record<string, string> = {
  'kUSD per period': 'thousand USD per period',
  kUSD: 'thousand USD',
  periods: 'periods',
  count: 'count per run',
  utility: 'utility units',
  'leverage per compliance': 'leverage lost per unit of compliance gained',
};

export function periodMetricAxisTitle(metric: PeriodMetric): string {
  const info = PERIOD_METRICS[metric];
  return `${info.label} (${info.isShare ? (SHARE_OF[metric] ?? 'share, %') : UNIT_TEXT[info.unit]})`;
}

export function summaryMetricAxisTitle(metric: SummaryMetric, periodWord = 'periods'): string {
  const info = SUMMARY_METRICS[metric];
  if (info.isShare) return `${info.label} (${SHARE_OF[metric] ?? 'share, %'})`;
  return `${info.label} (${info.unit === 'periods' ? periodWord : UNIT_TEXT[info.unit]})`;
}

/** The time axis: "Month" when a period is one month, else the period length. */
export function periodAxisTitle(periodLengthMonths: number): string {
  if (periodLengthMonths === 1) return 'Months since the deal took effect';
  return `Periods since the deal took effect (1 period = ${periodLengthMonths} months)`;
}

/** "month" or "period", for headlines. */
export function periodWord(periodLengthMonths: number): string {
  return periodLengthMonths === 1 ? 'month' : 'period';
}
