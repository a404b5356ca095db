import { PERIOD_METRICS, type PeriodMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { periodAxisTitle, periodMetricAxisTitle, periodWord } from './axes.ts';
import { formatValue } from '../compare/format.ts';
import { capitalise, flatTolerance, settlePeriod, subjectOf } from './headline.ts';
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

/**
 * What the sample runs show beyond the median: when each run settles at its final
 * value, and the range of final values ("True compliance in 20 sample runs settles
 * between month 4 and month 52; all end at 100%").
 */
export function trajectoryHeadline(summary: BatchSummary, metric: PeriodMetric): string {
  const info = PERIOD_METRICS[metric];
  const word = periodWord(summary.periodLengthMonths);
  const paths = summary.samples.map((s) => s.series[metric]);
  if (paths.length === 0) return `No sample runs of ${subjectOf(metric)} yet`;
  const settles = paths.map((p) => settlePeriod(p, flatTolerance(p, info.isShare))).sort((a, b) => a - b);
  const ends = paths.map((p) => p[p.length - 1]);
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const endText = lo === hi ? `all end at ${formatValue(lo, info.unit)}` : `they end between ${formatValue(lo, info.unit)} and ${formatValue(hi, info.unit)}`;
  const when = settles[0] === settles[settles.length - 1] ? `settles in ${word} ${settles[0]}` : `settles between ${word} ${settles[0]} and ${word} ${settles[settles.length - 1]}`;
  return `${capitalise(subjectOf(metric))} in ${paths.length} sample runs ${when}; ${endText}`;
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
      `${summary.samples.length} runs drawn at random from ${provenance(summary, size.live)}; colour is the target's hidden type`,
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
