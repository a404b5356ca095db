export { FAN_METRICS, fanChartSpec, fanHeadline, fanRows, type FanRow } from './fan.ts';
export { trajectoriesSpec, trajectoryRows, trajectoryHeadline, type TrajectoryRow } from './spaghetti.ts';
export { TIMING_EVENTS, TIMING_EVENT_NAMES, eventTimingSpec, eventRows, eventWindow, eventHeadline, type EventRow } from './events.ts';
export { PROBABILITY_OUTCOMES, outcomeProbabilitySpec, outcomeHistogramSpec, probabilityRows, histogramRows, histogramHeadline } from './outcomes.ts';
export { compareFanSpec, compareFanRows, compareFanHeadline, compareProbabilitySpec, compareProbabilityRows } from './compare.ts';
export { periodAxisTitle, periodMetricAxisTitle, summaryMetricAxisTitle } from './axes.ts';
export { VEGA_LITE_SCHEMA, type ChartSpec, type ChartSize } from './spec.ts';
export { tornadoSpec, sweepLinesSpec, sobolIndicesSpec, morrisSpec, primTradeoffSpec, primBoxSpec, breakPointsSpec, type AnalysisChartLabels } from './analysis.ts';
