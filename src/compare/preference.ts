import { SUMMARY_METRICS, SUMMARY_METRIC_NAMES, type SummaryMetric } from '../engine/metrics.ts';

/**
 * Which direction of each run-summary metric a designer of relief prefers, and why:
 * read from the metric table (engine/metrics.ts), so a new metric declares it once.
 * `null` where the metric is a trade-off rather than a goal; `binary` marks 0/1
 * outcomes whose mean is a probability.
 */
export interface Preference {
  better: 'higher' | 'lower' | null;
  binary: boolean;
  why: string;
}

export const OUTCOME_PREFERENCES: Record<SummaryMetric, Preference> = Object.fromEntries(
  SUMMARY_METRIC_NAMES.map((m) => [m, { better: SUMMARY_METRICS[m].better, binary: SUMMARY_METRICS[m].binary, why: SUMMARY_METRICS[m].why }]),
) as Record<SummaryMetric, Preference>;
