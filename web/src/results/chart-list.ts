import { eventTimingSpec } from '../../../src/charts/events.ts';
import { fanChartSpec } from '../../../src/charts/fan.ts';
import { outcomeHistogramSpec, outcomeProbabilitySpec } from '../../../src/charts/outcomes.ts';
import { trajectoriesSpec } from '../../../src/charts/spaghetti.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';
import type { BatchSummary } from '../../../src/montecarlo/types.ts';

export interface ChartDef {
  id: string;
  group: string;
  /** Redrawn only with the final summary: a costly chart whose streaming updates say little (the sample reservoir changes as runs arrive). */
  finalOnly?: boolean;
  build(summary: BatchSummary, width: number): ChartSpec;
}

/** The result charts in reading order; compliance and leverage side by side. */
export const RESULT_CHARTS: ChartDef[] = [
  { id: 'fan-trueCompliance', group: 'Over time', build: (s, width) => fanChartSpec(s, 'trueCompliance', { width }) },
  { id: 'fan-leverage', group: 'Over time', build: (s, width) => fanChartSpec(s, 'leverage', { width }) },
  { id: 'fan-sanctionsInForce', group: 'Over time', build: (s, width) => fanChartSpec(s, 'sanctionsInForce', { width }) },
  { id: 'fan-needMet', group: 'Over time', build: (s, width) => fanChartSpec(s, 'needMet', { width }) },
  { id: 'fan-belief', group: 'Over time', build: (s, width) => fanChartSpec(s, 'belief', { width }) },
  { id: 'trajectories-trueCompliance', group: 'Over time', finalOnly: true, build: (s, width) => trajectoriesSpec(s, 'trueCompliance', { width }) },
  { id: 'outcome-probabilities', group: 'Outcomes', build: (s, width) => outcomeProbabilitySpec(s, { width: width - 160 }) },
  { id: 'time-to-full-relief', group: 'Outcomes', build: (s, width) => outcomeHistogramSpec(s, 'timeToFullReliefPeriods', { width }) },
  { id: 'event-timing', group: 'Events', build: (s, width) => eventTimingSpec(s, { width: width * 2 + 60 }) },
];
