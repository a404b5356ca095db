import { PERIOD_METRICS, type PeriodMetric } from '../engine/metrics.ts';
import type { DesignResult } from '../compare/compare-designs.ts';
import { formatShare, formatValue } from '../compare/format.ts';
import { periodAxisTitle, periodMetricAxisTitle, periodWord } from './axes.ts';
import { flatTolerance, subjectOf } from './headline.ts';
import { PROBABILITY_OUTCOMES, probabilityRows } from './outcomes.ts';
import { chartBase, PALETTE, provenance, type ChartSize, type ChartSpec } from './spec.ts';

export interface CompareFanRow {
  design: string;
  period: number;
  q25: number;
  q50: number;
  q75: number;
}

export function compareFanRows(designs: readonly DesignResult[], metric: PeriodMetric): CompareFanRow[] {
  return designs.flatMap((d) => {
    const p = d.summary.periods[metric];
    return p.q50.map((q50, period) => ({ design: d.name, period, q25: p.q25[period], q50, q75: p.q75[period] }));
  });
}

/**
 * "Median leverage at month 59: back-loaded highest (62%), front-loaded lowest (20%)";
 * when every design ends at the same value, which design is higher or lower on
 * average over the horizon (the median's time average), since timing is then the
 * difference ("... ends at 0% under every design; over the 60 months it is lowest
 * under front-loaded (average 16%) and highest under back-loaded (average 52%)").
 */
export function compareFanHeadline(designs: readonly DesignResult[], metric: PeriodMetric): string {
  const info = PERIOD_METRICS[metric];
  const s0 = designs[0].summary;
  const word = periodWord(s0.periodLengthMonths);
  const paths = designs.map((d) => {
    const q = d.summary.periods[metric].q50;
    const m = d.summary.periods[metric].mean;
    return { name: d.name, end: q[q.length - 1], meanEnd: m[m.length - 1], average: q.reduce((a, b) => a + b, 0) / q.length, tol: flatTolerance(q, info.isShare) };
  });
  // Medians can agree while the means do not (a minority of runs far off): then the means are said too.
  const byMean = [...paths].sort((a, b) => b.meanEnd - a.meanEnd);
  const meanGap = byMean[0].meanEnd - byMean[byMean.length - 1].meanEnd;
  const meanText = meanGap > Math.max(...paths.map((p) => p.tol)) ? `; means ${byMean[0].name} ${formatValue(byMean[0].meanEnd, info.unit)}, ${byMean[byMean.length - 1].name} ${formatValue(byMean[byMean.length - 1].meanEnd, info.unit)}` : '';
  const byEnd = [...paths].sort((a, b) => b.end - a.end);
  const top = byEnd[0];
  const bottom = byEnd[byEnd.length - 1];
  const fmt = (x: number) => formatValue(x, info.unit);
  if (top.end !== bottom.end) {
    return `Median ${subjectOf(metric)} at ${word} ${s0.horizonPeriods - 1}: ${top.name} highest (${fmt(top.end)}), ${bottom.name} lowest (${fmt(bottom.end)})${meanText}`;
  }
  const byAverage = [...paths].sort((a, b) => a.average - b.average);
  const low = byAverage[0];
  const high = byAverage[byAverage.length - 1];
  const all = `Median ${subjectOf(metric)} ends at ${fmt(top.end)} under every design`;
  if (high.average - low.average <= Math.max(low.tol, high.tol)) return `${all}, on much the same path${meanText}`;
  return `${all}; over the ${s0.horizonPeriods} ${word}s it is lowest under ${low.name} (average ${fmt(low.average)}) and highest under ${high.name} (average ${fmt(high.average)})${meanText}`;
}

function designColour(designs: readonly DesignResult[]) {
  return { domain: designs.map((d) => d.name), range: PALETTE.designs.slice(0, designs.length) };
}

/**
 * Designs side by side on shared axes: each design's median path and its band of
 * the middle 50% of runs, one colour per design.
 */
export function compareFanSpec(designs: readonly DesignResult[], metric: PeriodMetric, size: ChartSize = {}): ChartSpec {
  const info = PERIOD_METRICS[metric];
  const s0 = designs[0].summary;
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: periodMetricAxisTitle(metric), ...(info.isShare ? { scale: { domain: [0, 1] }, axis: { format: '.0%' } } : {}) });
  const colour = { field: 'design', type: 'nominal' as const, title: 'Design', scale: designColour(designs), legend: { orient: 'top' as const, direction: 'horizontal' as const, symbolOpacity: 1 } };
  return {
    ...chartBase(compareFanHeadline(designs, metric), `Lines: medians; bands: middle 50% of runs. Each design: ${provenance(s0)} (common random numbers)`, size, { width: 520, height: 220 }),
    datasets: { compareFan: compareFanRows(designs, metric) as unknown as Record<string, unknown>[] },
    data: { name: 'compareFan', format: { parse: null } },
    encoding: {
      x: { field: 'period', type: 'quantitative', title: periodAxisTitle(s0.periodLengthMonths), scale: { domain: [0, s0.horizonPeriods - 1], nice: false } },
      color: colour,
    },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { y: y('q25'), y2: { field: 'q75' } } },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          y: y('q50'),
          // Dashes too, so designs with the same median path stay distinguishable where lines overlap
          // (and in a black-and-white memo). Same field, title and legend as the colour, so Vega-Lite
          // merges the two into one legend (legend: null here conflicted with the colour's legend).
          strokeDash: { field: 'design', type: 'nominal', title: 'Design', sort: designs.map((d) => d.name), legend: colour.legend },
          tooltip: [
            { field: 'design' },
            { field: 'period', title: periodWord(s0.periodLengthMonths) },
            { field: 'q50', title: 'median', format: info.isShare ? '.1%' : ',.3~f' },
          ],
        },
      },
    ],
  } as unknown as ChartSpec;
}

export interface CompareProbabilityRow {
  design: string;
  outcome: string;
  probability: number;
  lo: number;
  hi: number;
  label: string;
}

export function compareProbabilityRows(designs: readonly DesignResult[]): CompareProbabilityRow[] {
  return designs.flatMap((d) => probabilityRows(d.summary, PROBABILITY_OUTCOMES).map((r) => ({ design: d.name, ...r })));
}

export function compareProbabilityHeadline(designs: readonly DesignResult[]): string {
  const byCollapse = [...designs].sort((a, b) => a.summary.outcomes.collapsed.mean - b.summary.outcomes.collapsed.mean);
  const lo = byCollapse[0];
  const hi = byCollapse[byCollapse.length - 1];
  return `Collapse risk ranges from ${formatShare(lo.summary.outcomes.collapsed.mean)} (${lo.name}) to ${formatShare(hi.summary.outcomes.collapsed.mean)} (${hi.name})`;
}

/** Collapse and full-relief probabilities per design, with 95% CIs, on one shared axis. */
export function compareProbabilitySpec(designs: readonly DesignResult[], size: ChartSize = {}): ChartSpec {
  const colour = { field: 'design', type: 'nominal' as const, title: 'Design', scale: designColour(designs), legend: { orient: 'top' as const, direction: 'horizontal' as const, symbolOpacity: 1 } };
  return {
    ...chartBase(compareProbabilityHeadline(designs), `Dots: share of runs; bars: 95% CI (Wilson). ${provenance(designs[0].summary)} per design`, size, { width: 520, height: 40 * designs.length + 40 }),
    datasets: { compareProbabilities: compareProbabilityRows(designs) as unknown as Record<string, unknown>[] },
    data: { name: 'compareProbabilities', format: { parse: null } },
    encoding: {
      y: { field: 'outcome', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
      yOffset: { field: 'design', type: 'nominal', sort: designs.map((d) => d.name) },
      color: colour,
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'Share of runs (%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { x: { field: 'probability', type: 'quantitative' }, tooltip: [{ field: 'design' }, { field: 'outcome' }, { field: 'label', title: 'share of runs (95% CI)' }] } },
      // Each dot's value, beside it (left of it in the right half, so it stays inside the chart).
      ...(['left', 'right'] as const).map((align) => ({
        transform: [{ filter: align === 'left' ? 'datum.probability <= 0.5' : 'datum.probability > 0.5' }],
        mark: { type: 'text', fontSize: 10, align, dx: align === 'left' ? 6 : -6, color: '#1d2530' },
        encoding: { x: { field: 'probability', type: 'quantitative' }, text: { field: 'probability', format: '.1%' } },
      })),
    ],
  } as unknown as ChartSpec;
}
