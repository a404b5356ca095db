import type { EventKind } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { periodAxisTitle, periodWord } from './axes.ts';
import { formatNumber } from '../compare/format.ts';
import { chartBase, provenance, titleParams, type ChartSize, type ChartSpec } from './spec.ts';

/** The events whose timing the app shows, with plural labels for rows and sentences. */
export const TIMING_EVENTS = {
  trancheReleased: 'Tranches released',
  violationDetected: 'Violations detected',
  falseAlarm: 'False alarms',
  reimposition: 'Re-impositions',
} as const satisfies Partial<Record<EventKind, string>>;

export type TimingEvent = keyof typeof TIMING_EVENTS;
export const TIMING_EVENT_NAMES = Object.keys(TIMING_EVENTS) as TimingEvent[];

export interface EventRow {
  kind: string;
  period: number;
  periodEnd: number;
  /** Events in this period per 100 runs (count over all runs / runs x 100). */
  per100Runs: number;
}

export function eventRows(summary: BatchSummary, kinds: readonly TimingEvent[] = TIMING_EVENT_NAMES): EventRow[] {
  const runs = Math.max(summary.runs, 1);
  return kinds.flatMap((k) =>
    summary.events[k].countByPeriod.map((count, period) => ({ kind: TIMING_EVENTS[k], period, periodEnd: period + 1, per100Runs: (100 * count) / runs })),
  );
}

/**
 * The periods holding the middle 80% of a kind's events (10th to 90th percentile of
 * event times), or null when there were none.
 */
export function eventWindow(countByPeriod: readonly number[]): [number, number] | null {
  const total = countByPeriod.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let cum = 0;
  let from = -1;
  for (let t = 0; t < countByPeriod.length; t++) {
    cum += countByPeriod[t];
    if (from < 0 && cum >= 0.1 * total) from = t;
    if (cum >= 0.9 * total) return [from, t];
  }
  return [from, countByPeriod.length - 1];
}

export function eventHeadline(summary: BatchSummary): string {
  const word = periodWord(summary.periodLengthMonths);
  const phrase = (k: TimingEvent) => {
    const w = eventWindow(summary.events[k].countByPeriod);
    const noun = TIMING_EVENTS[k].toLowerCase();
    if (!w) return `no ${noun}`;
    return w[0] === w[1] ? `most ${noun} in ${word} ${w[0]}` : `most ${noun} in ${word}s ${w[0]}–${w[1]}`;
  };
  const s = `${phrase('trancheReleased')}; ${phrase('reimposition')}`;
  return `When things happen: ${s}`;
}

/**
 * Event timing across runs: for each kind, events per 100 runs in each period, one
 * row per kind on a shared time axis (each row its own vertical scale, since kinds
 * differ by orders of magnitude).
 */
export function eventTimingSpec(summary: BatchSummary, size: ChartSize = {}): ChartSpec {
  const base = chartBase('', '', size, { width: 520, height: 60 });
  const means = TIMING_EVENT_NAMES.map((k) => `${TIMING_EVENTS[k].toLowerCase()} ${formatNumber(summary.events[k].meanPerRun)}`).join(', ');
  const { width, height, ...top } = base;
  return {
    ...top,
    params: titleParams(eventHeadline(summary), `Mean per run: ${means}. ${provenance(summary, size.live)}`, width),
    datasets: { events: eventRows(summary) as unknown as Record<string, unknown>[] },
    data: { name: 'events', format: { parse: null } },
    facet: { row: { field: 'kind', type: 'nominal', sort: Object.values(TIMING_EVENTS), title: null, header: { labelAngle: 0, labelAlign: 'left', labelOrient: 'top', labelFontSize: 11 } } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width,
      height,
      mark: { type: 'bar', color: '#4a6fa5' },
      encoding: {
        x: { field: 'period', type: 'quantitative', title: periodAxisTitle(summary.periodLengthMonths), scale: { domain: [0, summary.horizonPeriods], nice: false } },
        x2: { field: 'periodEnd' },
        y: { field: 'per100Runs', type: 'quantitative', title: 'per 100 runs', scale: { zero: true }, axis: { tickCount: 3 } },
        y2: { datum: 0 },
        // One field only: every tooltip field is an expression per bar on each streaming update.
        tooltip: { field: 'per100Runs', title: 'events per 100 runs', format: '.2f' },
      },
    },
  } as unknown as ChartSpec;
}
