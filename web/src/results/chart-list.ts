import { eventTimingSpec } from '../../../src/index.ts';
import { fanChartSpec, type ReferenceResult } from '../../../src/index.ts';
import { outcomeHistogramSpec, outcomeProbabilitySpec } from '../../../src/index.ts';
import { trajectoriesSpec } from '../../../src/index.ts';
import type { ChartSpec } from '../../../src/index.ts';
import type { BatchSummary } from '../../../src/index.ts';
import type { Scenario } from '../../../src/index.ts';

export type HistoricalOutcome = NonNullable<Scenario['metadata']['historicalOutcome']>;

/** What a chart is drawn with besides the summary. */
export interface ChartContext {
  /** Plot width in px. */
  width: number;
  /** Plot widths that fit in one row: 2 on a wide screen, 1 on a phone. */
  columns: number;
  /** The batch is still running (the summary covers the runs so far). */
  live: boolean;
  /** The result before the latest edits, drawn beside this one. */
  reference?: ReferenceResult;
  /** What history did, when the scenario is a historical case. */
  history?: HistoricalOutcome;
  /** "month" or "period", for history labels. */
  periodWord: string;
}

export interface ChartDef {
  id: string;
  group: string;
  /** Redrawn only with the final summary: a costly chart whose streaming updates say little (the sample reservoir changes as runs arrive). */
  finalOnly?: boolean;
  build(summary: BatchSummary, c: ChartContext): ChartSpec;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The result charts in reading order; compliance and leverage side by side. History is marked where the case records it. */
export const RESULT_CHARTS: ChartDef[] = [
  {
    id: 'fan-trueCompliance',
    group: 'Over time',
    build: (s, c) =>
      fanChartSpec(s, 'trueCompliance', {
        width: c.width,
        live: c.live,
        reference: c.reference,
        history: c.history?.finalCompliance !== undefined ? { period: s.horizonPeriods - 1, value: c.history.finalCompliance, label: `history: compliance ${pct(c.history.finalCompliance)} at the end` } : undefined,
      }),
  },
  { id: 'fan-leverage', group: 'Over time', build: (s, c) => fanChartSpec(s, 'leverage', { width: c.width, live: c.live, reference: c.reference }) },
  { id: 'fan-sanctionsInForce', group: 'Over time', build: (s, c) => fanChartSpec(s, 'sanctionsInForce', { width: c.width, live: c.live, reference: c.reference }) },
  { id: 'fan-needMet', group: 'Over time', build: (s, c) => fanChartSpec(s, 'needMet', { width: c.width, live: c.live, reference: c.reference }) },
  { id: 'fan-belief', group: 'Over time', build: (s, c) => fanChartSpec(s, 'belief', { width: c.width, live: c.live, reference: c.reference }) },
  { id: 'trajectories-trueCompliance', group: 'Over time', finalOnly: true, build: (s, c) => trajectoriesSpec(s, 'trueCompliance', { width: c.width, live: c.live }) },
  {
    id: 'outcome-probabilities',
    group: 'Outcomes',
    build: (s, c) =>
      outcomeProbabilitySpec(s, {
        width: Math.max(140, c.width - 160),
        live: c.live,
        reference: c.reference,
        history: c.history ? { collapsed: c.history.collapsed, fullRelief: c.history.fullReliefPeriod !== undefined } : undefined,
      }),
  },
  {
    id: 'time-to-full-relief',
    group: 'Outcomes',
    build: (s, c) =>
      outcomeHistogramSpec(s, 'timeToFullReliefPeriods', {
        width: c.width,
        live: c.live,
        history: c.history?.fullReliefPeriod !== undefined ? { value: c.history.fullReliefPeriod, label: `history: full relief in ${c.periodWord} ${c.history.fullReliefPeriod}` } : undefined,
      }),
  },
  { id: 'event-timing', group: 'Events', build: (s, c) => eventTimingSpec(s, { width: c.width * c.columns + (c.columns - 1) * 60, live: c.live }) },
];
