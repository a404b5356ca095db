import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { periodWord, summaryMetricAxisTitle } from './axes.ts';
import { formatShare, formatValue, isNumber } from '../compare/format.ts';
import { chartBase, PALETTE, provenance, type ChartSize, type ChartSpec } from './spec.ts';
import type { ReferenceResult } from './fan.ts';

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

export interface ProbabilityOptions extends ChartSize {
  /** The result before the latest edits: drawn as hollow dots. */
  reference?: ReferenceResult;
  /** What history did: 1 or 0 per outcome (it collapsed or not; full relief came or not). */
  history?: Partial<Record<(typeof PROBABILITY_OUTCOMES)[number], boolean>>;
}

/**
 * Probabilities of the 0/1 outcomes (collapse, full relief) with their 95% CIs, each
 * dot labelled with its value (left of the dot when it sits in the right half, so the
 * label stays inside the chart). A reference adds hollow dots; history adds a red
 * diamond at 0% or 100%.
 */
export function outcomeProbabilitySpec(summary: BatchSummary, size: ProbabilityOptions = {}): ChartSpec {
  const ref = size.reference;
  const history = size.history ?? {};
  const historyRows = PROBABILITY_OUTCOMES.filter((m) => history[m] !== undefined).map((m) => ({ outcome: OUTCOME_NOUN[m], probability: history[m] ? 1 : 0, label: `history: ${history[m] ? 'yes' : 'no'}` }));
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: 'Share of runs (%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  const notes = [ref ? `hollow dots: before (${ref.label}, ${provenance(ref.summary)})` : '', historyRows.length ? 'red diamonds: what history did' : ''].filter(Boolean).join('; ');
  return {
    ...chartBase(probabilityHeadline(summary), `Dots: share of runs; bars: 95% confidence interval (Wilson)${notes ? `; ${notes}` : ''}. ${provenance(summary, size.live)}`, size, { width: 520, height: 90 }),
    datasets: {
      probabilities: probabilityRows(summary) as unknown as Record<string, unknown>[],
      ...(ref ? { reference: probabilityRows(ref.summary) as unknown as Record<string, unknown>[] } : {}),
      ...(historyRows.length ? { history: historyRows } : {}),
    },
    data: { name: 'probabilities', format: { parse: null } },
    encoding: {
      y: { field: 'outcome', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2, color: '#555' }, encoding: { x: x('lo'), x2: { field: 'hi' } } },
      ...(ref ? [{ data: { name: 'reference', format: { parse: null } }, mark: { type: 'point', filled: false, size: 80, strokeWidth: 2, color: PALETTE.reference }, encoding: { x: x('probability'), tooltip: [{ field: 'outcome' }, { field: 'label', title: 'before' }] } }] : []),
      { mark: { type: 'point', filled: true, size: 80, color: '#08519c' }, encoding: { x: x('probability'), tooltip: [{ field: 'outcome' }, { field: 'label', title: 'share of runs (95% CI)' }] } },
      ...(historyRows.length ? [{ data: { name: 'history', format: { parse: null } }, mark: { type: 'point', shape: 'diamond', filled: true, size: 110, color: PALETTE.history, yOffset: 9 }, encoding: { x: x('probability'), tooltip: [{ field: 'outcome' }, { field: 'label' }] } }] : []),
      // Value labels: right of the dot in the left half, left of it in the right half, so they stay inside the chart.
      { transform: [{ filter: 'datum.probability <= 0.5' }], mark: { type: 'text', align: 'left', dx: 6, dy: -11, fontSize: 11 }, encoding: { x: x('probability'), text: { field: 'label' } } },
      { transform: [{ filter: 'datum.probability > 0.5' }], mark: { type: 'text', align: 'right', dx: -6, dy: -11, fontSize: 11 }, encoding: { x: x('probability'), text: { field: 'label' } } },
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

export interface HistogramOptions extends ChartSize {
  /** What history did on this metric (e.g. the period full relief came), drawn as a red rule. */
  history?: { value: number; label: string };
}

/**
 * Distribution of one run-summary metric across runs, as the batch's histogram.
 * Bars are shares of all runs, so runs where the metric is undefined (never reached)
 * are the gap to 100%, said in the subtitle. When every run has the same value (one
 * bin) the axis is widened around it and ticks are whole numbers, so it reads as one
 * bar at one value rather than a smear of repeated tick labels.
 */
export function outcomeHistogramSpec(summary: BatchSummary, metric: SummaryMetric, size: HistogramOptions = {}): ChartSpec {
  const o = summary.outcomes[metric];
  const info = SUMMARY_METRICS[metric];
  const rows = histogramRows(summary, metric);
  const missing = o.nUndefined > 0 ? `; ${formatShare(o.nUndefined / Math.max(summary.runs, 1))} of runs never reach it and are not drawn` : '';
  const meanText = isNumber(o.mean) ? `mean ${info.unit === 'periods' ? o.mean.toFixed(1) : formatValue(o.mean, info.unit)} (95% CI ${o.ci95.map((x) => (info.unit === 'periods' ? x.toFixed(1) : formatValue(x, info.unit))).join('–')})` : 'no defined values';
  const wholeNumbers = info.unit === 'periods' || info.unit === 'count';
  const occupied = rows.filter((r) => r.runs > 0);
  const lo = occupied.length ? occupied[0].start : 0;
  const hi = occupied.length ? occupied[occupied.length - 1].end : 1;
  // One occupied bin (every run the same) or none: an explicit domain around it.
  const domain = o.n === 0 ? (info.unit === 'periods' ? [0, summary.horizonPeriods] : [0, 1]) : occupied.length === 1 ? (wholeNumbers ? [lo - 2.5, hi + 2.5] : [lo - (hi - lo || 1), hi + (hi - lo || 1)]) : undefined;
  const history = size.history;
  const histText = history ? `; red line: ${history.label}` : '';
  return {
    ...chartBase(histogramHeadline(summary, metric), `${capitaliseFirst(meanText)}${missing}${histText}. ${provenance(summary, size.live)}`, size, { width: 520, height: 180 }),
    datasets: { histogram: rows as unknown as Record<string, unknown>[], ...(history ? { history: [{ value: history.value, label: history.label }] } : {}) },
    data: { name: 'histogram', format: { parse: null } },
    layer: [
      {
        mark: { type: 'bar', color: '#4a6fa5', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'start',
            type: 'quantitative',
            title: summaryMetricAxisTitle(metric, `${periodWord(summary.periodLengthMonths)}s`),
            bin: { binned: true },
            ...(domain ? { scale: { domain, nice: false } } : {}),
            axis: { ...(info.isShare ? { format: '.0%' } : wholeNumbers ? { format: 'd', tickMinStep: 1 } : {}) },
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
      },
      ...(history
        ? [
            {
              data: { name: 'history', format: { parse: null } },
              layer: [
                { mark: { type: 'rule', color: PALETTE.history, strokeWidth: 2 }, encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'label', title: 'history' }] } },
                { mark: { type: 'text', align: 'left', dx: 4, baseline: 'top', y: 2, fontSize: 11, fontWeight: 'bold', color: PALETTE.history }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { value: 'history' } } },
              ],
            },
          ]
        : []),
    ],
  } as unknown as ChartSpec;
}

function capitaliseFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
