import { HISTORICAL_ENDINGS, type HistoricalEnding, type Scenario } from '../scenario/schema.ts';
import { normalInterval, quantileInterpolated, wilsonInterval } from '../stats/index.ts';
import { placeInSample, readPlacement, type Placement, type PlacementReading } from './placement.ts';
import type { CaseSample } from './sample.ts';

export type HistoricalOutcome = NonNullable<Scenario['metadata']['historicalOutcome']>;

/** 5%, 50% and 95% quantiles (linear interpolation, R type 7: src/stats quantileInterpolated). */
export interface Quantiles {
  q05: number;
  q50: number;
  q95: number;
}

export interface MeanWithSe {
  /** Runs where the value is defined. */
  n: number;
  mean: number;
  se: number;
  ci95: [number, number];
}

/**
 * How a historical timing reads. Among all runs ("never" after every period) history
 * can sit in a tail; or, when a block of runs never saw the event, it can sit between
 * the runs where the event happened and those where it never did, inside the central
 * 90% overall yet later (or earlier) than nearly every run where it happened.
 */
export type TimingReading = PlacementReading | 'later than the runs where it happened' | 'earlier than the runs where it happened';

/** Where history's timing of an event falls among the runs ("never" after every period). */
export interface TimingComparison {
  /** Historical period, or null: it never happened within the horizon. */
  historical: number | null;
  /** Among all runs, "never" counted as later than every period. */
  placement: Placement;
  /** Among the runs where the event happened; null if history or every run never saw it. */
  conditional: Placement | null;
  reading: TimingReading;
  /** Share of runs in which the event happened within the horizon. */
  occurredShare: number;
  /** Quantiles among the runs where it happened; null if it never did. */
  quantiles: Quantiles | null;
}

export interface LevelComparison {
  /** Historical value, or null when the scenario gives none. */
  historical: number | null;
  placement: Placement | null;
  reading: PlacementReading | null;
  quantiles: Quantiles;
  mean: MeanWithSe;
}

/** How the runs ended, against history's ending. */
export interface EndingComparison {
  /** History's ending, or null when the scenario gives none. */
  historical: HistoricalEnding | null;
  /** Share of runs with each ending, with a Wilson 95% interval. */
  shares: { ending: HistoricalEnding; share: number; ci95: [number, number] }[];
  /** Share of runs that ended as history did (null without a historical ending). */
  historicalShare: number | null;
  /** Period of the last cut in relief (history's endingPeriod), among all runs; "never" when relief never fell. Null unless history gives one. */
  lastCut: TimingComparison | null;
}

export interface HistoryComparison {
  runs: number;
  ending: EndingComparison;
  reliefAtEnd: LevelComparison;
  collapse: { probability: number; ci95: [number, number]; historicalCollapsed: boolean };
  collapsePeriod: TimingComparison;
  timeToFullRelief: TimingComparison;
  finalCompliance: LevelComparison;
  humanitarian: { meanNeedMet: MeanWithSe; divertedShare: MeanWithSe; undeliveredShare: MeanWithSe };
  /** Simulated diverted share against the sources' figure (historical leakage). */
  diverted: LevelComparison;
  /** Each tranche history gives a release period for, in design order ("never" after every period). */
  releases: { tranche: string; name: string; timing: TimingComparison }[];
}

/**
 * Problems that make a historical outcome unusable for comparison: a collapse without a
 * period (or a period without a collapse), periods beyond the horizon. Empty when fine.
 */
export function historicalOutcomeProblems(scenario: Scenario): string[] {
  const h = scenario.metadata.historicalOutcome;
  if (!h) return ['metadata.historicalOutcome: is missing; a case needs what history did'];
  const problems: string[] = [];
  const H = scenario.horizonPeriods;
  if (h.collapsed && h.collapsePeriod === undefined) problems.push('metadata.historicalOutcome.collapsePeriod: is missing although collapsed is true');
  if (!h.collapsed && h.collapsePeriod !== undefined) problems.push('metadata.historicalOutcome.collapsePeriod: is given although collapsed is false');
  for (const key of ['collapsePeriod', 'fullReliefPeriod'] as const) {
    const p = h[key];
    if (p !== undefined && p >= H) problems.push(`metadata.historicalOutcome.${key}: ${p} is not in [0, ${H - 1}] (the horizon)`);
  }
  return problems;
}

/**
 * Compares a case's simulated sample with its historical outcome. A missing
 * `fullReliefPeriod` means full relief never came within the horizon; a missing
 * `finalCompliance` means the sources give no reading (no placement).
 *
 * @throws Error listing the problems of historicalOutcomeProblems, if any.
 */
export function compareWithHistory(scenario: Scenario, sample: CaseSample): HistoryComparison {
  const problems = historicalOutcomeProblems(scenario);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const h = scenario.metadata.historicalOutcome!;
  let collapses = 0;
  for (let i = 0; i < sample.runs; i++) collapses += sample.collapsed[i];
  return {
    runs: sample.runs,
    ending: compareEnding(sample, h),
    reliefAtEnd: compareLevel(sample.finalRelief, h.reliefInForceAtEnd ?? null),
    collapse: { probability: collapses / sample.runs, ci95: wilsonInterval(collapses, sample.runs), historicalCollapsed: h.collapsed },
    collapsePeriod: compareTiming(sample.collapsePeriod, h.collapsed ? h.collapsePeriod! : null),
    timeToFullRelief: compareTiming(sample.timeToFullReliefPeriods, h.fullReliefPeriod ?? null),
    finalCompliance: compareLevel(sample.finalCompliance, h.finalCompliance ?? null),
    humanitarian: {
      meanNeedMet: meanWithSe(sample.meanNeedMet),
      divertedShare: meanWithSe(sample.divertedShare),
      undeliveredShare: meanWithSe(sample.undeliveredShare),
    },
    diverted: compareLevel(sample.divertedShare, h.divertedShare ?? null),
    releases: scenario.design.tranches.flatMap((t, k) =>
      h.releasePeriods?.[t.id] === undefined ? [] : [{ tranche: t.id, name: t.name || t.id, timing: compareTiming(sample.releasePeriod.subarray(k * sample.runs, (k + 1) * sample.runs), h.releasePeriods[t.id]) }],
    ),
  };
}

function compareEnding(sample: CaseSample, h: HistoricalOutcome): EndingComparison {
  const counts = new Array<number>(HISTORICAL_ENDINGS.length).fill(0);
  for (let i = 0; i < sample.runs; i++) counts[sample.ending[i]]++;
  const historical = h.ending ?? null;
  return {
    historical,
    shares: HISTORICAL_ENDINGS.map((ending, i) => ({ ending, share: counts[i] / sample.runs, ci95: wilsonInterval(counts[i], sample.runs) })),
    historicalShare: historical === null ? null : counts[HISTORICAL_ENDINGS.indexOf(historical)] / sample.runs,
    lastCut: h.endingPeriod === undefined ? null : compareTiming(sample.lastCutPeriod, h.endingPeriod),
  };
}

function compareTiming(values: Float64Array, historical: number | null): TimingComparison {
  const placement = placeInSample(values, historical ?? NaN);
  const occurred = sortedDefined(values);
  const conditional = historical !== null && occurred.length > 0 ? placeInSample(occurred, historical) : null;
  return {
    historical,
    placement,
    conditional,
    reading: readTiming(placement, conditional),
    occurredShare: occurred.length / values.length,
    quantiles: occurred.length > 0 ? quantiles(occurred) : null,
  };
}

/** The overall placement decides first; the conditional one only inside the central 90%. */
export function readTiming(placement: Placement, conditional: Placement | null): TimingReading {
  const overall = readPlacement(placement);
  if (overall !== 'central 90%' || conditional === null) return overall;
  const within = readPlacement(conditional);
  if (within === 'upper tail') return 'later than the runs where it happened';
  if (within === 'lower tail') return 'earlier than the runs where it happened';
  return overall;
}

function compareLevel(values: Float64Array, historical: number | null): LevelComparison {
  const placement = historical === null ? null : placeInSample(values, historical);
  return {
    historical,
    placement,
    reading: placement ? readPlacement(placement) : null,
    quantiles: quantiles(sortedDefined(values)),
    mean: meanWithSe(values),
  };
}

function sortedDefined(values: Float64Array): number[] {
  return Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
}

function quantiles(sorted: number[]): Quantiles {
  return { q05: quantileInterpolated(sorted, 0.05), q50: quantileInterpolated(sorted, 0.5), q95: quantileInterpolated(sorted, 0.95) };
}

/** Mean of the defined values with its standard error and a normal 95% interval. */
export function meanWithSe(values: ArrayLike<number>): MeanWithSe {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    n++;
    sum += values[i];
  }
  if (n === 0) return { n, mean: NaN, se: NaN, ci95: [NaN, NaN] };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) ss += (values[i] - mean) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  return { n, mean, se, ci95: normalInterval(mean, se) };
}
