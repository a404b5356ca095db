import { PERIOD_METRICS, type PeriodMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { periodAxisTitle, periodMetricAxisTitle } from './axes.ts';
import { formatValue } from '../compare/format.ts';
import { capitalise, subjectOf } from './headline.ts';
import { chartBase, PALETTE, provenance, type ChartSize, type ChartSpec } from './spec.ts';

export interface TrajectoryRow {
  run: number;
  targetType: string;
  period: number;
  value: number;
}

export function trajectoryRows(summary: BatchSummary, metric: PeriodMetric): TrajectoryRow[] {
  return summary.samples.flatMap((s) => s.series[metric].map((value, period) => ({ run: s.runIndex, targetType: s.targetType, period, value })));
}

/** "True compliance in sample runs ends on average at 95% for sincere targets (6), ...". */
export function trajectoryHeadline(summary: BatchSummary, metric: PeriodMetric): string {
  const unit = PERIOD_METRICS[metric].unit;
  const byType = TARGET_TYPES.map((type) => {
    const ends = summary.samples.filter((s) => s.targetType === type).map((s) => s.series[metric][s.series[metric].length - 1]);
    return { type, ends };
  }).filter((g) => g.ends.length > 0);
  if (byType.length === 0) return `No sample runs of ${subjectOf(metric)} yet`;
  const parts = byType.map((g) => {
    const mean = g.ends.reduce((a, b) => a + b, 0) / g.ends.length;
    return `${formatValue(mean, unit)} for ${g.type} targets (${g.ends.length})`;
  });
  return `${capitalise(subjectOf(metric))} in sample runs ends on average at ${parts.join(', ')}`;
}

/**
 * Spaghetti chart: whole trajectories of a few runs (the batch's seeded reservoir),
 * coloured by the target's hidden type, so a reader sees the paths behind the bands.
 * No tooltip: with ~1,200 points it would cost an expression per point on every
 * streaming update, for little a reader can use.
 */
export function trajectoriesSpec(summary: BatchSummary, metric: PeriodMetric, size: ChartSize = {}): ChartSpec {
  const info = PERIOD_METRICS[metric];
  const types = [...TARGET_TYPES];
  return {
    ...chartBase(
      trajectoryHeadline(summary, metric),
      `${summary.samples.length} runs drawn at random from ${provenance(summary)}; colour is the target's hidden type`,
      size,
      { width: 520, height: 220 },
    ),
    datasets: { trajectories: trajectoryRows(summary, metric) as unknown as Record<string, unknown>[] },
    data: { name: 'trajectories', format: { parse: null } },
    mark: { type: 'line', strokeWidth: 1.2, opacity: 0.7, interpolate: 'step-after' },
    encoding: {
      x: { field: 'period', type: 'quantitative', title: periodAxisTitle(summary.periodLengthMonths), scale: { domain: [0, summary.horizonPeriods - 1], nice: false } },
      y: { field: 'value', type: 'quantitative', title: periodMetricAxisTitle(metric), ...(info.isShare ? { scale: { domain: [0, 1] }, axis: { format: '.0%' } } : {}) },
      detail: { field: 'run', type: 'nominal' },
      color: {
        field: 'targetType',
        type: 'nominal',
        title: 'Target type',
        scale: { domain: types, range: types.map((t) => PALETTE.targetTypes[t]) },
        legend: { orient: 'top', direction: 'horizontal' },
      },
    },
  } as unknown as ChartSpec;
}
