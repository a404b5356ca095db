import type { SummaryMetric } from '../engine/metrics.ts';
import type { LeverValue } from '../scenario/levers.ts';
import { TARGET_TYPES, type TargetTypeName } from '../scenario/schema.ts';
import { moments, normalInterval, pairedDifference, quantileSorted, sortedDefined, wilsonInterval } from '../stats/index.ts';
import type { RunRecordLayout } from './columns.ts';

/** One outcome over a point's runs. NaN (null in JSON) where undefined, e.g. no run collapsed. */
export interface OutcomeSummary {
  /** Runs where the outcome is defined. */
  n: number;
  nUndefined: number;
  mean: number;
  sd: number;
  se: number;
  /** 95% interval of the mean: Wilson when every defined value is 0 or 1, else normal. */
  ci95: [number, number];
  ciMethod: 'wilson' | 'normal';
  min: number;
  max: number;
  /** Inverse empirical CDF quantiles (src/stats). */
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

export interface StratumOutcome {
  n: number;
  mean: number;
  se: number;
  ci95: [number, number];
  ciMethod: 'wilson' | 'normal';
}

/** The runs of a point whose target drew one type. */
export interface Stratum {
  runs: number;
  outcomes: Record<SummaryMetric, StratumOutcome>;
}

/** The point minus the reference point (0), paired by run index: the same seeds. */
export interface PairedOutcome {
  /** Runs where both are defined. */
  n: number;
  estimate: number;
  sd: number;
  se: number;
  ci95: [number, number];
}

export interface PointSummary {
  point: number;
  /** Parameter path -> value; null where the point keeps the base scenario's value. */
  values: Record<string, LeverValue | null>;
  runs: number;
  outcomes: Record<SummaryMetric, OutcomeSummary>;
  byTargetType: Record<TargetTypeName, Stratum>;
  vsReference: Record<SummaryMetric, PairedOutcome>;
}

/** Column `j` of `runs` records of `width` numbers, as its own array. */
export function column(records: Float64Array, runs: number, width: number, j: number): Float64Array {
  const out = new Float64Array(runs);
  for (let i = 0; i < runs; i++) out[i] = records[i * width + j];
  return out;
}

function isZeroOne(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i] !== 0 && xs[i] !== 1 && !Number.isNaN(xs[i])) return false;
  return true;
}

function interval(xs: Float64Array, mean: number, se: number, n: number): { ci95: [number, number]; ciMethod: 'wilson' | 'normal' } {
  if (n > 0 && isZeroOne(xs)) return { ci95: wilsonInterval(Math.round(mean * n), n), ciMethod: 'wilson' };
  return { ci95: n > 1 ? normalInterval(mean, se) : [NaN, NaN], ciMethod: 'normal' };
}

function outcomeSummary(xs: Float64Array): OutcomeSummary {
  const m = moments(xs);
  const sorted = sortedDefined(xs);
  const q = (p: number) => (sorted.length > 0 ? quantileSorted(sorted, p) : NaN);
  return {
    n: m.n,
    nUndefined: xs.length - m.n,
    mean: m.mean,
    sd: m.sd,
    se: m.se,
    ...interval(xs, m.mean, m.se, m.n),
    min: sorted.length ? sorted[0] : NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    q05: q(0.05),
    q25: q(0.25),
    q50: q(0.5),
    q75: q(0.75),
    q95: q(0.95),
  };
}

/**
 * The summary of one point from its records (run order), and from the reference
 * point's outcome columns for the paired differences. Everything is computed in
 * run order from the runs alone, so it is the same bits for any workers, chunks or
 * shards.
 */
export function summarisePoint(
  point: number,
  values: Record<string, LeverValue | null>,
  records: Float64Array,
  runs: number,
  layout: RunRecordLayout,
  reference: readonly Float64Array[],
): PointSummary {
  const R = layout.realised.length;
  const typeCol = column(records, runs, layout.width, layout.realised.findIndex((c) => c.name === 'targetType'));
  const outcomes = {} as Record<SummaryMetric, OutcomeSummary>;
  const vsReference = {} as Record<SummaryMetric, PairedOutcome>;
  const cols = layout.outcomes.map((_, j) => column(records, runs, layout.width, R + j));
  layout.outcomes.forEach((m, j) => {
    outcomes[m] = outcomeSummary(cols[j]);
    const d = pairedDifference(reference[j], cols[j]);
    vsReference[m] = { n: d.n, estimate: d.estimate, sd: d.sd, se: d.se, ci95: d.n > 1 ? d.ci95 : [NaN, NaN] };
  });
  const byTargetType = {} as Record<TargetTypeName, Stratum>;
  TARGET_TYPES.forEach((t, ti) => {
    const idx: number[] = [];
    for (let i = 0; i < runs; i++) if (typeCol[i] === ti) idx.push(i);
    const stratum: Stratum = { runs: idx.length, outcomes: {} as Record<SummaryMetric, StratumOutcome> };
    layout.outcomes.forEach((m, j) => {
      const xs = Float64Array.from(idx, (i) => cols[j][i]);
      const mm = moments(xs);
      stratum.outcomes[m] = { n: mm.n, mean: mm.mean, se: mm.se, ...interval(xs, mm.mean, mm.se, mm.n) };
    });
    byTargetType[t] = stratum;
  });
  return { point, values, runs, outcomes, byTargetType, vsReference };
}
