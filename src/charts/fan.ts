import { PERIOD_METRICS, type PeriodMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { periodAxisTitle, periodMetricAxisTitle, periodWord } from './axes.ts';
import { describeEndSpread, describePath, subjectOf } from './headline.ts';
import { chartBase, PALETTE, provenance, type ChartSize, type ChartSpec } from './spec.ts';

/** The metrics drawn as fan charts, in the order the app shows them (leverage beside compliance). */
export const FAN_METRICS = ['trueCompliance', 'leverage', 'sanctionsInForce', 'needMet', 'belief'] as const satisfies readonly PeriodMetric[];

/** One row per period: the quantile bands of a metric, as drawn. */
export interface FanRow {
  period: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
  mean: number;
}

export function fanRows(summary: BatchSummary, metric: PeriodMetric): FanRow[] {
  const p = summary.periods[metric];
  return p.q50.map((_, t) => ({ period: t, q05: p.q05[t], q25: p.q25[t], q50: p.q50[t], q75: p.q75[t], q95: p.q95[t], mean: p.mean[t] }));
}

export function fanHeadline(summary: BatchSummary, metric: PeriodMetric): string {
  const p = summary.periods[metric];
  const word = periodWord(summary.periodLengthMonths);
  const last = p.q50.length - 1;
  return `Median ${subjectOf(metric)} ${describePath(p.q50, metric, word)}; ${describeEndSpread(p.q25[last], p.q75[last], metric)}`;
}

/**
 * Fan chart: the median path with bands holding the middle 50% and 90% of runs in
 * each period. Bands are pointwise quantiles, not the envelope of whole runs; the
 * spaghetti chart shows whole runs.
 *
 * @example fanChartSpec(summary, 'trueCompliance') // -> Vega-Lite spec, data in datasets.fan
 */
export function fanChartSpec(summary: BatchSummary, metric: PeriodMetric, size: ChartSize = {}): ChartSpec {
  const info = PERIOD_METRICS[metric];
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: periodMetricAxisTitle(metric),
    ...(info.isShare ? { scale: { domain: [0, 1] }, axis: { format: '.0%' } } : {}),
  });
  const band = (name: string) => ({ datum: name, type: 'nominal' as const });
  return {
    ...chartBase(fanHeadline(summary, metric), `${provenance(summary)}; shaded bands hold 50% and 90% of runs each ${periodWord(summary.periodLengthMonths)}`, size, { width: 520, height: 220 }),
    datasets: { fan: fanRows(summary, metric) as unknown as Record<string, unknown>[] },
    data: { name: 'fan', format: { parse: null } },
    encoding: {
      x: { field: 'period', type: 'quantitative', title: periodAxisTitle(summary.periodLengthMonths), scale: { domain: [0, summary.horizonPeriods - 1], nice: false } },
      color: {
        scale: { domain: ['90% of runs', '50% of runs', 'median'], range: [PALETTE.band90, PALETTE.band50, PALETTE.median] },
        legend: { title: null, orient: 'top', direction: 'horizontal' },
      },
    },
    layer: [
      { mark: { type: 'area' }, encoding: { y: y('q05'), y2: { field: 'q95' }, color: band('90% of runs') } },
      { mark: { type: 'area' }, encoding: { y: y('q25'), y2: { field: 'q75' }, color: band('50% of runs') } },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          y: y('q50'),
          color: band('median'),
          tooltip: [
            { field: 'period', title: periodWord(summary.periodLengthMonths) },
            { field: 'q50', title: 'median', format: info.isShare ? '.1%' : ',.3~f' },
            { field: 'q25', title: '25th percentile', format: info.isShare ? '.1%' : ',.3~f' },
            { field: 'q75', title: '75th percentile', format: info.isShare ? '.1%' : ',.3~f' },
          ],
        },
      },
    ],
  } as unknown as ChartSpec;
}
