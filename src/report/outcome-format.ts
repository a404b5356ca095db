import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import { fixed, money, monthOfPeriod, NA, percent } from './format.ts';

/** Outcomes that are a period index (counted from 0); the report shows them as the month they end in. */
export const TIME_INDEX_OUTCOMES: readonly SummaryMetric[] = ['timeToFullReliefPeriods', 'collapsePeriod'];

/** Row label for an outcome, with the unit the values are shown in. */
export function outcomeLabel(m: SummaryMetric): string {
  const info = SUMMARY_METRICS[m];
  if (TIME_INDEX_OUTCOMES.includes(m)) return `${info.label} (month)`;
  if (info.unit === 'periods') return `${info.label} (periods)`;
  return info.label;
}

/** One outcome value in the unit a reader expects: shares as %, aid in USD, period indices as months. */
export function formatOutcome(m: SummaryMetric, v: number, periodLengthMonths: number): string {
  if (!Number.isFinite(v)) return NA;
  const info = SUMMARY_METRICS[m];
  if (TIME_INDEX_OUTCOMES.includes(m)) return fixed(monthOfPeriod(v, periodLengthMonths), 1);
  switch (info.unit) {
    case 'share':
      return percent(v, 1);
    case 'kUSD':
      return money(v);
    case 'periods':
    case 'utility':
      return fixed(v, 1);
    default:
      return fixed(v, 2);
  }
}
