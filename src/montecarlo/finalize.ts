import { TARGET_TYPES, type TargetTypeName } from '../scenario/schema.ts';
import type { EventKind, PeriodMetric, SummaryMetric } from '../engine/metrics.ts';
import type { BatchAccumulator } from './accumulator.ts';
import type { BatchSummary, EventStats, OutcomeStats, PeriodStats, QuantileResolution, SampleTrajectory } from './types.ts';
import { SHARE_BINS, SHARE_SLOTS, shareQuantile } from './share-histogram.ts';
import { SKETCH_EXACT_INTEGERS, SKETCH_RELATIVE_ACCURACY, SKETCH_ZERO_BELOW, sketchQuantile } from './value-sketch.ts';
import { normalInterval, varianceFromIntegerSums, wilsonInterval } from './confidence.ts';

/** What a summary says about the batch besides its statistics. */
export interface BatchMeta {
  scenarioName: string;
  scenarioHash: string;
  masterSeed: number;
  /** Runs of the whole batch. */
  runsRequested: number;
  /** Runs this result was asked to cover (a shard's, or the batch's). */
  runRange: { first: number; count: number };
  horizonPeriods: number;
  periodLengthMonths: number;
  version: string;
  timings?: BatchSummary['timings'];
}

export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export const RESOLUTION: QuantileResolution = {
  shareBinWidth: 1 / SHARE_BINS,
  relativeAccuracy: SKETCH_RELATIVE_ACCURACY,
  exactIntegersUpTo: SKETCH_EXACT_INTEGERS,
  zeroBelow: SKETCH_ZERO_BELOW,
};

/** Bins of the chart histogram of a share outcome (each 10 fine bins). */
const CHART_SHARE_BINS = 20;
/** Bins of the chart histogram of other outcomes, unless they are small whole numbers (one bin each). */
const CHART_VALUE_BINS = 20;

/**
 * The JSON-ready summary of an accumulator. A pure function of the accumulator's
 * contents, which do not depend on how runs were split, so neither does this.
 * Does not change the accumulator (it can keep running for a live summary).
 */
export function finalizeSummary(acc: BatchAccumulator, meta: BatchMeta): BatchSummary {
  const L = acc.layout;
  if (meta.horizonPeriods !== L.horizon) throw new Error(`meta says ${meta.horizonPeriods} periods; the accumulator has ${L.horizon}`);
  const H = L.horizon;
  const P = L.periodEntries;
  const S = L.summaryMetrics.length;
  const { runs, data } = acc.moments.fold();
  const quantileOf = quantileReader(acc);

  const periods = {} as Record<PeriodMetric, PeriodStats>;
  L.periodMetrics.forEach((m, mi) => {
    const st: PeriodStats = { mean: [], sd: [], se: [], q05: [], q25: [], q50: [], q75: [], q95: [] };
    for (let t = 0; t < H; t++) {
      const e = mi * H + t;
      const sd = runs > 1 ? Math.sqrt(data[P + e] / (runs - 1)) : NaN;
      st.mean.push(runs > 0 ? data[e] : NaN);
      st.sd.push(sd);
      st.se.push(sd / Math.sqrt(runs));
      const q = quantileOf(e, runs);
      st.q05.push(q[0]);
      st.q25.push(q[1]);
      st.q50.push(q[2]);
      st.q75.push(q[3]);
      st.q95.push(q[4]);
    }
    periods[m] = st;
  });

  const events = {} as Record<EventKind, EventStats>;
  L.eventKinds.forEach((k, ki) => {
    const sum = acc.dense.eventRunTotals[ki * 3];
    const sd = Math.sqrt(varianceFromIntegerSums(runs, sum, acc.dense.eventRunTotals[ki * 3 + 1]));
    const mean = runs > 0 ? sum / runs : NaN;
    const se = sd / Math.sqrt(runs);
    events[k] = {
      countByPeriod: Array.from(acc.dense.eventsByPeriod.subarray(ki * H, (ki + 1) * H)),
      runsWithEvent: acc.dense.eventRunTotals[ki * 3 + 2],
      meanPerRun: mean,
      sePerRun: se,
      sdPerRun: sd,
      ci95PerRun: normalInterval(mean, se),
    };
  });

  const outcomes = {} as Record<SummaryMetric, OutcomeStats>;
  const base = 2 * P;
  L.summaryMetrics.forEach((m, s) => {
    const n = data[base + s];
    const ones = acc.dense.summaryOnes[s];
    const binary = n > 0 && acc.dense.summaryZeros[s] + ones === n;
    // A proportion's moments are exact from its counts; use them so mean and Wilson interval agree.
    const mean = n === 0 ? NaN : binary ? ones / n : data[base + S + s];
    const m2 = binary ? (ones * (n - ones)) / n : data[base + 2 * S + s];
    const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
    const se = sd / Math.sqrt(n);
    const e = P + s;
    const q = quantileOf(e, n);
    const min = n > 0 ? acc.dense.min[e] : NaN;
    const max = n > 0 ? acc.dense.max[e] : NaN;
    outcomes[m] = {
      n,
      nUndefined: runs - n,
      mean,
      sd,
      se,
      ci95: binary ? wilsonInterval(ones, n) : normalInterval(mean, se),
      min,
      max,
      q05: q[0],
      q25: q[1],
      q50: q[2],
      q75: q[3],
      q95: q[4],
      histogram: chartHistogram(acc, s, n, min, max),
      ciMethod: binary ? 'wilson' : 'normal',
    };
  });

  const targetTypes = Object.fromEntries(TARGET_TYPES.map((t, i) => [t, acc.dense.typeCounts[i]])) as Record<TargetTypeName, number>;
  const samples: SampleTrajectory[] = [...acc.reservoir.samples]
    .sort((a, b) => a.runIndex - b.runIndex)
    .map((r) => ({
      runIndex: r.runIndex,
      seed: r.seed,
      targetType: TARGET_TYPES[r.typeIndex],
      series: Object.fromEntries(L.periodMetrics.map((m, mi) => [m, Array.from(r.series.subarray(mi * H, (mi + 1) * H))])) as Record<PeriodMetric, number[]>,
      summary: Object.fromEntries(L.summaryMetrics.map((m, s) => [m, r.summary[s]])) as Record<SummaryMetric, number>,
    }));

  const summary: BatchSummary = {
    format: 'relief-lab/batch-summary@1',
    scenarioName: meta.scenarioName,
    runs,
    runsRequested: meta.runsRequested,
    masterSeed: meta.masterSeed,
    runRange: { first: meta.runRange.first, count: meta.runRange.count },
    horizonPeriods: H,
    periodLengthMonths: meta.periodLengthMonths,
    partial: runs < meta.runRange.count,
    version: meta.version,
    periods,
    events,
    outcomes,
    targetTypes,
    samples,
    scenarioHash: meta.scenarioHash,
    resolution: { ...RESOLUTION },
    sampleSize: acc.sampleSize,
  };
  if (meta.timings) summary.timings = meta.timings;
  return summary;
}

/** Quantiles 5..95 of a layout entry from its histogram or sketch. */
function quantileReader(acc: BatchAccumulator): (entry: number, n: number) => number[] {
  const L = acc.layout;
  const H = L.horizon;
  const P = L.periodEntries;
  return (e, n) => {
    const min = acc.dense.min[e];
    const max = acc.dense.max[e];
    let share = -1;
    let sketch = -1;
    if (e < P) {
      const m = Math.floor(e / H);
      const t = e % H;
      if (L.periodShareSlot[m] >= 0) share = L.periodShareSlot[m] * H + t;
      else sketch = L.periodSketchSlot[m] * H + t;
    } else {
      const s = e - P;
      if (L.summaryShareSlot[s] >= 0) share = L.summaryShareSlot[s];
      else sketch = L.summarySketchSlot[s];
    }
    if (share >= 0) return QUANTILES.map((q) => shareQuantile(acc.shareCounts, share * SHARE_SLOTS, n, q, min, max));
    const sorted = acc.sketches.sorted(sketch);
    return QUANTILES.map((q) => sketchQuantile(sorted, n, q, min, max));
  };
}

/**
 * Histogram of one outcome for charts. Shares: 20 bins over [0, 1]. Small whole
 * numbers (counts, periods; range up to 60): one bin per value. Otherwise 20
 * equal bins over [min, max], each sketch bucket counted at its representative
 * value (so a count may sit one sketch bucket, 0.5% relative, off its true bin).
 */
function chartHistogram(acc: BatchAccumulator, s: number, n: number, min: number, max: number): { edges: number[]; counts: number[] } {
  if (n === 0) return { edges: [], counts: [] };
  const L = acc.layout;
  const shareSlot = L.summaryShareSlot[s];
  if (shareSlot >= 0) {
    const counts = new Array<number>(CHART_SHARE_BINS).fill(0);
    const perChart = SHARE_BINS / CHART_SHARE_BINS;
    for (let b = 0; b < SHARE_SLOTS; b++) {
      const c = acc.shareCounts[shareSlot * SHARE_SLOTS + b];
      if (c === 0) continue;
      const k = b === 0 ? 0 : b === SHARE_SLOTS - 1 ? CHART_SHARE_BINS - 1 : Math.floor((b - 1) / perChart);
      counts[k] += c;
    }
    return { edges: Array.from({ length: CHART_SHARE_BINS + 1 }, (_, i) => i / CHART_SHARE_BINS), counts };
  }
  const buckets = acc.sketches.sorted(L.summarySketchSlot[s]);
  const integers = buckets.every(([v]) => Number.isInteger(v) && Math.abs(v) <= SKETCH_EXACT_INTEGERS);
  if (integers && Number.isInteger(min) && Number.isInteger(max) && max - min <= 60) {
    const counts = new Array<number>(max - min + 1).fill(0);
    for (const [v, c] of buckets) counts[v - min] += c;
    return { edges: Array.from({ length: max - min + 2 }, (_, i) => min - 0.5 + i), counts };
  }
  if (max === min) return { edges: [min - 0.5, max + 0.5], counts: [n] };
  const width = (max - min) / CHART_VALUE_BINS;
  const counts = new Array<number>(CHART_VALUE_BINS).fill(0);
  for (const [v, c] of buckets) {
    const x = Math.min(max, Math.max(min, v));
    counts[Math.min(CHART_VALUE_BINS - 1, Math.floor((x - min) / width))] += c;
  }
  return { edges: Array.from({ length: CHART_VALUE_BINS + 1 }, (_, i) => (i === CHART_VALUE_BINS ? max : min + i * width)), counts };
}
