import {
  EVENT_KIND_NAMES,
  PERIOD_METRIC_NAMES,
  PERIOD_METRICS,
  SUMMARY_METRIC_NAMES,
  SUMMARY_METRICS,
  type EventKind,
  type PeriodMetric,
  type SummaryMetric,
} from '../engine/metrics.ts';

/**
 * Where each number of a run lands in the flat arrays of the accumulators. It
 * depends only on the horizon and the metric lists, so every worker, shard and
 * merge agrees on it without sending it around.
 *
 * Entries: period metric m at period t is entry m * H + t (PERIOD_METRIC_NAMES
 * order); summary metric s is entry P * H + s. Share-valued entries also go to the
 * fixed-bin histograms, the others to the value sketches, each in its own
 * compact numbering (shareSlot / sketchSlot, -1 when not there).
 */
export interface BatchLayout {
  readonly horizon: number;
  readonly periodMetrics: readonly PeriodMetric[];
  readonly summaryMetrics: readonly SummaryMetric[];
  readonly eventKinds: readonly EventKind[];
  /** P * H: entries of per-period metrics. */
  readonly periodEntries: number;
  /** periodEntries + number of summary metrics. */
  readonly entries: number;
  /** For each period metric: its slot among share metrics, or -1. */
  readonly periodShareSlot: Int32Array;
  /** For each period metric: its slot among non-share metrics, or -1. */
  readonly periodSketchSlot: Int32Array;
  readonly summaryShareSlot: Int32Array;
  readonly summarySketchSlot: Int32Array;
  /** Histogram entries: share period metrics x H, then share summary metrics. */
  readonly shareEntries: number;
  readonly sketchEntries: number;
  readonly sharePeriodMetricCount: number;
  readonly sketchPeriodMetricCount: number;
}

export function batchLayout(horizon: number): BatchLayout {
  const H = horizon;
  const periodShareSlot = new Int32Array(PERIOD_METRIC_NAMES.length).fill(-1);
  const periodSketchSlot = new Int32Array(PERIOD_METRIC_NAMES.length).fill(-1);
  let shares = 0;
  let sketches = 0;
  PERIOD_METRIC_NAMES.forEach((m, i) => {
    if (PERIOD_METRICS[m].isShare) periodShareSlot[i] = shares++;
    else periodSketchSlot[i] = sketches++;
  });
  const sharePeriodMetricCount = shares;
  const sketchPeriodMetricCount = sketches;
  const summaryShareSlot = new Int32Array(SUMMARY_METRIC_NAMES.length).fill(-1);
  const summarySketchSlot = new Int32Array(SUMMARY_METRIC_NAMES.length).fill(-1);
  let shareSummaries = 0;
  let sketchSummaries = 0;
  SUMMARY_METRIC_NAMES.forEach((m, i) => {
    if (SUMMARY_METRICS[m].isShare) summaryShareSlot[i] = sharePeriodMetricCount * H + shareSummaries++;
    else summarySketchSlot[i] = sketchPeriodMetricCount * H + sketchSummaries++;
  });
  return {
    horizon: H,
    periodMetrics: PERIOD_METRIC_NAMES,
    summaryMetrics: SUMMARY_METRIC_NAMES,
    eventKinds: EVENT_KIND_NAMES,
    periodEntries: PERIOD_METRIC_NAMES.length * H,
    entries: PERIOD_METRIC_NAMES.length * H + SUMMARY_METRIC_NAMES.length,
    periodShareSlot,
    periodSketchSlot,
    summaryShareSlot,
    summarySketchSlot,
    shareEntries: sharePeriodMetricCount * H + shareSummaries,
    sketchEntries: sketchPeriodMetricCount * H + sketchSummaries,
    sharePeriodMetricCount,
    sketchPeriodMetricCount,
  };
}
