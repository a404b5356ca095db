import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { periodWord, summaryMetricAxisTitle } from './axes.ts';
import { formatShare, formatValue, isNumber } from '../compare/format.ts';
import { chartBase, provenance, type ChartSize, type ChartSpec } from './spec.ts';

/** Run outcomes that are 0 or 1 per run: their mean is a probability. */
export const PROBABILITY_OUTCOMES = ['collapsed', 'fullRelief'] as const satisfies readonly SummaryMetric[];

const OUTCOME_NOUN: Record<(typeof PROBABILITY_OUTCOMES)[number], string> = {
  collapsed: 'The arrangement collapses',
  fullRelief: 'Full relief is reached',
};

export interface ProbabilityRow {
  outcome: string;
  probability: number;
  lo: number;
  hi: number;
  label: string;
}

export function probabilityRows(summary: BatchSummary, outcomes: readonly (typeof PROBABILITY_OUTCOMES)[number][] = PROBABILITY_OUTCOMES): ProbabilityRow[] {
  return outcomes.map((m) => {
    const o = summary.outcomes[m];
    return { outcome: OUTCOME_NOUN[m], probability: o.mean, lo: o.ci95[0], hi: o.ci95[1], label: `${formatShare(o.mean)} (${formatShare(o.ci95[0])}–${formatShare(o.ci95[1])})` };
  });
}

export function probabilityHeadline(summary: BatchSummary): string {
  const c = summary.outcomes.collapsed;
  const f = summary.outcomes.fullRelief;
  return `The arrangement collapses in ${formatShare(c.mean)} of runs (95% CI ${formatShare(c.ci95[0])}–${formatShare(c.ci95[1])}); full relief comes in ${formatShare(f.mean)}`;
}

/** Probabilities of the 0/1 outcomes (collapse, full relief) with their 95% CIs. */
export function outcomeProbabilitySpec(summary: BatchSummary, size: ChartSize = {}): ChartSpec {
  return {
    ...chartBase(probabilityHeadline(summary), `Dots: share of runs; bars: 95% confidence interval (Wilson). ${provenance(summary)}`, size, { width: 520, height: 90 }),
    datasets: { probabilities: probabilityRows(summary) as unknown as Record<string, unknown>[] },
    data: { name: 'probabilities', format: { parse: null } },
    encoding: {
      y: { field: 'outcome', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2, color: '#555' }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'Share of runs (%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 80, color: '#08519c' }, encoding: { x: { field: 'probability', type: 'quantitative' }, tooltip: [{ field: 'outcome' }, { field: 'label', title: 'share of runs (95% CI)' }] } },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -10, fontSize: 11 }, encoding: { x: { field: 'probability', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as unknown as ChartSpec;
}

export interface HistogramRow {
  start: number;
  end: number;
  runs: number;
  /** Share of all runs (including those where the metric is undefined). */
  shareOfRuns: number;
}

export function histogramRows(summary: BatchSummary, metric: SummaryMetric): HistogramRow[] {
  const h = summary.outcomes[metric].histogram;
  const runs = Math.max(summary.runs, 1);
  return h.counts.map((count, i) => ({ start: h.edges[i], end: h.edges[i + 1], runs: count, shareOfRuns: count / runs }));
}

export function histogramHeadline(summary: BatchSummary, metric: SummaryMetric): string {
  const o = summary.outcomes[metric];
  const info = SUMMARY_METRICS[metric];
  const word = periodWord(summary.periodLengthMonths);
  const defined = o.n / Math.max(summary.runs, 1);
  if (metric === 'timeToFullReliefPeriods') {
    if (o.n === 0) return `Full relief never comes in these ${summary.runs.toLocaleString('en-US')} runs`;
    const spread = Math.round(o.q25) === Math.round(o.q75) ? '' : ` (middle half ${Math.round(o.q25)}–${Math.round(o.q75)})`;
    return `Full relief comes in ${formatShare(defined)} of runs; when it comes, the median wait is ${Math.round(o.q50)} ${word}s${spread}`;
  }
  if (o.n === 0) return `${info.label}: undefined in every run`;
  const fmt = (x: number) => (info.unit === 'periods' ? `${Math.round(x)} ${word}s` : formatValue(x, info.unit));
  const undefinedNote = o.nUndefined > 0 ? ` (defined in ${formatShare(defined)} of runs)` : '';
  return `${info.label}: median ${fmt(o.q50)}, middle half ${fmt(o.q25)} to ${fmt(o.q75)}${undefinedNote}`;
}

/**
 * Distribution of one run-summary metric across runs, as the batch's histogram.
 * Bars are shares of all runs, so runs where the metric is undefined (never reached)
 * are the gap to 100%, said in the subtitle.
 */
export function outcomeHistogramSpec(summary: BatchSummary, metric: SummaryMetric, size: ChartSize = {}): ChartSpec {
  const o = summary.outcomes[metric];
  const info = SUMMARY_METRICS[metric];
  const missing = o.nUndefined > 0 ? `; ${formatShare(o.nUndefined / Math.max(summary.runs, 1))} of runs never reach it and are not drawn` : '';
  const meanText = isNumber(o.mean) ? `mean ${info.unit === 'periods' ? o.mean.toFixed(1) : formatValue(o.mean, info.unit)} (95% CI ${o.ci95.map((x) => (info.unit === 'periods' ? x.toFixed(1) : formatValue(x, info.unit))).join('–')})` : 'no defined values';
  return {
    ...chartBase(histogramHeadline(summary, metric), `${capitaliseFirst(meanText)}${missing}. ${provenance(summary)}`, size, { width: 520, height: 180 }),
    datasets: { histogram: histogramRows(summary, metric) as unknown as Record<string, unknown>[] },
    data: { name: 'histogram', format: { parse: null } },
    mark: { type: 'bar', color: '#4a6fa5', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: {
        field: 'start',
        type: 'quantitative',
        title: summaryMetricAxisTitle(metric, `${periodWord(summary.periodLengthMonths)}s`),
        bin: { binned: true },
        // With no defined values there are no bins: keep a sensible empty axis.
        ...(o.n === 0 ? { scale: { domain: info.unit === 'periods' ? [0, summary.horizonPeriods] : [0, 1] } } : {}),
        ...(info.isShare ? { axis: { format: '.0%' } } : {}),
      },
      x2: { field: 'end' },
      y: { field: 'shareOfRuns', type: 'quantitative', title: 'Share of all runs (%)', axis: { format: '.0%' }, ...(o.n === 0 ? { scale: { domain: [0, 1] } } : {}) },
      tooltip: [
        { field: 'start', title: 'from' },
        { field: 'end', title: 'to' },
        { field: 'runs', title: 'runs' },
        { field: 'shareOfRuns', title: 'share of all runs', format: '.1%' },
      ],
    },
  } as unknown as ChartSpec;
}

function capitaliseFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
