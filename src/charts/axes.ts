import { PERIOD_METRICS, SUMMARY_METRICS, type MetricInfo, type PeriodMetric, type SummaryMetric } from '../engine/metrics.ts';

const phrase = (info: MetricInfo): string | undefined => info.axisPhrase;

/**
 * Axis titles that say units. A bare "share" is ambiguous on a chart (share of
 * what?), so a share metric's axis names the whole it is a share of (its
 * `axisPhrase` in engine/metrics.ts); the rest say their unit.
 */
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
  return `${info.label} (${info.isShare ? (phrase(info) ?? 'share, %') : UNIT_TEXT[info.unit]})`;
}

export function summaryMetricAxisTitle(metric: SummaryMetric, periodWord = 'periods'): string {
  const info = SUMMARY_METRICS[metric];
  if (info.isShare) return `${info.label} (${phrase(info) ?? 'share, %'})`;
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
