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

/** A result to draw beside this one: the design before the latest edits ("before"). */
export interface ReferenceResult {
  label: string;
  summary: BatchSummary;
}

/** What history did, marked on the chart of a case: a value at a period. */
export interface HistoryMark {
  period: number;
  value: number;
  label: string;
}

export interface FanOptions extends ChartSize {
  reference?: ReferenceResult;
  history?: HistoryMark;
}

/**
 * Fan chart: the median path with bands holding the middle 50% and 90% of runs in
 * each period. Bands are pointwise quantiles, not the envelope of whole runs; the
 * spaghetti chart shows whole runs. A `reference` adds its median as a dashed line
 * (before and after an edit); a `history` mark adds what history did.
 *
 * @example fanChartSpec(summary, 'trueCompliance') // -> Vega-Lite spec, data in datasets.fan
 */
export function fanChartSpec(summary: BatchSummary, metric: PeriodMetric, size: FanOptions = {}): ChartSpec {
  const info = PERIOD_METRICS[metric];
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: periodMetricAxisTitle(metric),
    ...(info.isShare ? { scale: { domain: [0, 1] }, axis: { format: '.0%' } } : {}),
  });
  const band = (name: string) => ({ datum: name, type: 'nominal' as const });
  const word = periodWord(summary.periodLengthMonths);
  const ref = size.reference;
  const refName = ref ? 'median before (dashed)' : '';
  const hist = size.history;
  const domain = ['90% of runs', '50% of runs', 'median (outlined white line)', ...(ref ? [refName] : []), ...(hist ? ['history'] : [])];
  const range = [PALETTE.band90, PALETTE.band50, PALETTE.medianCasing, ...(ref ? [PALETTE.reference] : []), ...(hist ? [PALETTE.history] : [])];
  const fmt = info.isShare ? '.1%' : ',.3~f';
  const refText = ref ? `; dashed: the median before, ${ref.label} (${provenance(ref.summary)})` : '';
  const histText = hist ? `; red diamond: ${hist.label}` : '';
  return {
    ...chartBase(fanHeadline(summary, metric), `${provenance(summary, size.live)}; shaded bands hold 50% and 90% of runs each ${word}${refText}${histText}`, size, { width: 520, height: 220 }),
    datasets: {
      fan: fanRows(summary, metric) as unknown as Record<string, unknown>[],
      ...(ref ? { reference: ref.summary.periods[metric].q50.map((q50, period) => ({ period, q50 })) } : {}),
      ...(hist ? { history: [{ period: hist.period, value: hist.value, label: hist.label }] } : {}),
    },
    data: { name: 'fan', format: { parse: null } },
    encoding: {
      x: { field: 'period', type: 'quantitative', title: periodAxisTitle(summary.periodLengthMonths), scale: { domain: [0, summary.horizonPeriods - 1], nice: false } },
      color: {
        scale: { domain, range },
        // Dark outlines, so every swatch (the white median's too) stands out from the white page.
        legend: { title: null, orient: 'top', direction: 'horizontal', symbolStrokeColor: PALETTE.medianCasing, symbolStrokeWidth: 1, symbolOpacity: 1, labelLimit: 180 },
      },
    },
    layer: [
      { mark: { type: 'area' }, encoding: { y: y('q05'), y2: { field: 'q95' }, color: band('90% of runs') } },
      { mark: { type: 'area' }, encoding: { y: y('q25'), y2: { field: 'q75' }, color: band('50% of runs') } },
      ...(ref ? [{ data: { name: 'reference', format: { parse: null } }, mark: { type: 'line', strokeWidth: 2, strokeDash: [5, 3] }, encoding: { y: y('q50'), color: band(refName) } }] : []),
      // The casing under the white median line: it shows on white where the bands are empty, and is the legend's swatch.
      { mark: { type: 'line', strokeWidth: 4.5 }, encoding: { y: y('q50'), color: band('median (outlined white line)') } },
      {
        mark: { type: 'line', strokeWidth: 2, color: PALETTE.median },
        encoding: {
          y: y('q50'),
          tooltip: [
            { field: 'period', title: word },
            { field: 'q50', title: 'median', format: fmt },
            { field: 'q25', title: '25th percentile', format: fmt },
            { field: 'q75', title: '75th percentile', format: fmt },
          ],
        },
      },
      ...(hist
        ? [
            {
              data: { name: 'history', format: { parse: null } },
              layer: [
                { mark: { type: 'point', shape: 'diamond', filled: true, size: 120, stroke: 'white', strokeWidth: 1 }, encoding: { y: y('value'), color: band('history'), tooltip: [{ field: 'label', title: 'history' }] } },
                { mark: { type: 'text', align: 'right', dx: -8, dy: -10, fontSize: 11, fontWeight: 'bold', color: PALETTE.history }, encoding: { y: y('value'), text: { value: 'history' } } },
              ],
            },
          ]
        : []),
    ],
  } as unknown as ChartSpec;
}
