import { readFileSync } from 'node:fs';
import { EVENT_KIND_NAMES, PERIOD_METRIC_NAMES, SUMMARY_METRIC_NAMES, SUMMARY_METRICS, type EventKind, type PeriodMetric, type SummaryMetric } from '../../src/engine/metrics.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { simulate, type RunResult } from '../../src/engine/simulate.ts';
import type { BatchSummary, EventStats, OutcomeStats, PeriodStats } from '../../src/montecarlo/types.ts';
import { readScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

/**
 * A BatchSummary computed naively from a few real engine runs (stored whole, sorted
 * for quantiles), so chart builders are tested on real model output rather than
 * invented numbers. It follows the contract in src/montecarlo/types.ts; the batch
 * layer's streaming version is tested against its own naive reference there.
 */
export function loadScenario(path: string): Scenario {
  const r = readScenario(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.scenario;
}

function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

function meanSd(xs: number[]): { mean: number; sd: number } {
  if (xs.length === 0) return { mean: NaN, sd: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, sd: Math.sqrt(v) };
}

function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}

function outcome(values: number[], binary: boolean): OutcomeStats {
  const defined = values.filter((x) => !Number.isNaN(x));
  const sorted = [...defined].sort((a, b) => a - b);
  const { mean, sd } = meanSd(defined);
  const se = sd / Math.sqrt(Math.max(defined.length, 1));
  const ci95: [number, number] = binary ? wilson(defined.reduce((a, b) => a + b, 0), defined.length) : [mean - 1.96 * se, mean + 1.96 * se];
  const min = sorted[0] ?? NaN;
  const max = sorted[sorted.length - 1] ?? NaN;
  const bins = 10;
  const width = max > min ? (max - min) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => min + i * width);
  const counts = new Array(bins).fill(0);
  for (const x of defined) counts[Math.min(bins - 1, Math.floor((x - min) / width))]++;
  return {
    n: defined.length,
    nUndefined: values.length - defined.length,
    mean, sd, se, ci95, min, max,
    q05: quantile(sorted, 0.05), q25: quantile(sorted, 0.25), q50: quantile(sorted, 0.5), q75: quantile(sorted, 0.75), q95: quantile(sorted, 0.95),
    histogram: { edges, counts },
  };
}

export function batchFromRuns(scenario: Scenario, runs: number, masterSeed: number, sampleSize = 6): BatchSummary {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) results.push(simulate(scenario, runSeed(masterSeed, i)));
  const H = scenario.horizonPeriods;
  const periods = {} as Record<PeriodMetric, PeriodStats>;
  for (const m of PERIOD_METRIC_NAMES) {
    const p: PeriodStats = { mean: [], sd: [], se: [], q05: [], q25: [], q50: [], q75: [], q95: [] };
    for (let t = 0; t < H; t++) {
      const xs = results.map((r) => r.series[m][t]);
      const sorted = [...xs].sort((a, b) => a - b);
      const { mean, sd } = meanSd(xs);
      p.mean.push(mean); p.sd.push(sd); p.se.push(sd / Math.sqrt(runs));
      p.q05.push(quantile(sorted, 0.05)); p.q25.push(quantile(sorted, 0.25)); p.q50.push(quantile(sorted, 0.5)); p.q75.push(quantile(sorted, 0.75)); p.q95.push(quantile(sorted, 0.95));
    }
    periods[m] = p;
  }
  const events = {} as Record<EventKind, EventStats>;
  EVENT_KIND_NAMES.forEach((k, ki) => {
    const perRun = results.map((r) => r.eventCounts.slice(ki * H, (ki + 1) * H));
    const countByPeriod = Array.from({ length: H }, (_, t) => perRun.reduce((a, c) => a + c[t], 0));
    const totals = perRun.map((c) => c.reduce((a, b) => a + b, 0));
    const { mean, sd } = meanSd(totals);
    events[k] = { countByPeriod, runsWithEvent: totals.filter((x) => x > 0).length, meanPerRun: mean, sePerRun: sd / Math.sqrt(runs) };
  });
  const outcomes = {} as Record<SummaryMetric, OutcomeStats>;
  for (const m of SUMMARY_METRIC_NAMES) outcomes[m] = outcome(results.map((r) => r.summary[m]), m === 'collapsed' || m === 'fullRelief');
  const targetTypes = { sincere: 0, opportunist: 0, hardliner: 0 };
  for (const r of results) targetTypes[r.targetType]++;
  return {
    format: 'relief-lab/batch-summary@1',
    scenarioName: scenario.metadata.name,
    runs, runsRequested: runs, masterSeed,
    runRange: { first: 0, count: runs },
    horizonPeriods: H,
    periodLengthMonths: scenario.metadata.periodLengthMonths,
    partial: false,
    version: 'test',
    periods, events, outcomes, targetTypes,
    samples: results.slice(0, sampleSize).map((r, i) => ({
      runIndex: i, seed: r.seed, targetType: r.targetType,
      series: Object.fromEntries(PERIOD_METRIC_NAMES.map((m) => [m, Array.from(r.series[m])])) as Record<PeriodMetric, number[]>,
      summary: { ...r.summary },
    })),
  };
}

export { SUMMARY_METRICS };
