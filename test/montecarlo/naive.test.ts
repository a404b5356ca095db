import { describe, expect, it } from 'vitest';
import { EVENT_KIND_NAMES, PERIOD_METRICS, PERIOD_METRIC_NAMES, SUMMARY_METRICS, SUMMARY_METRIC_NAMES } from '../../src/engine/metrics.ts';
import { simulate, type RunResult } from '../../src/engine/simulate.ts';
import { runMonteCarlo, runSeed, samplePriority, RESOLUTION, QUANTILES } from '../../src/montecarlo/index.ts';
import { loadBaseline } from './helpers.ts';

/**
 * The streaming summary against a naive computation over every run stored whole:
 * counts exact, means to 1e-12, spreads to 1e-9 (two different algorithms),
 * quantiles within one bin of the exact order statistic (ceil(q n)-th smallest).
 */
const RUNS = 400;
const SEED = 31337;
const SAMPLES = 7;

function naiveMean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function naiveSd(xs: number[]): number {
  const m = naiveMean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}
function orderStatistic(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}
function close(actual: number, expected: number, rel: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}
/** One bin: a share quantile sits in the bin of the true order statistic; others within the sketch's relative accuracy. */
function withinOneBin(actual: number, exact: number, share: boolean, label: string): void {
  if (share) {
    if (exact === 0 || exact === 1) expect(actual, label).toBe(exact);
    else expect(Math.abs(actual - exact), `${label}: ${actual} vs ${exact}`).toBeLessThanOrEqual(RESOLUTION.shareBinWidth);
  } else if (Number.isInteger(exact) && Math.abs(exact) <= RESOLUTION.exactIntegersUpTo) expect(actual, label).toBe(exact);
  else expect(Math.abs(actual - exact), `${label}: ${actual} vs ${exact}`).toBeLessThanOrEqual(RESOLUTION.relativeAccuracy * Math.abs(exact) + RESOLUTION.zeroBelow);
}

describe('streaming summary equals a naive computation over stored runs', async () => {
  const scenario = loadBaseline();
  const H = scenario.horizonPeriods;
  const summary = await runMonteCarlo(scenario, { runs: RUNS, masterSeed: SEED, chunkSize: 37, sampleSize: SAMPLES });
  const runs: RunResult[] = Array.from({ length: RUNS }, (_, i) => simulate(scenario, runSeed(SEED, i)));

  it('counts: runs, target types, events by period, runs with an event', () => {
    expect(summary.runs).toBe(RUNS);
    expect(summary.partial).toBe(false);
    for (const t of ['sincere', 'opportunist', 'hardliner'] as const) expect(summary.targetTypes[t]).toBe(runs.filter((r) => r.targetType === t).length);
    EVENT_KIND_NAMES.forEach((k, ki) => {
      const perRun = runs.map((r) => Array.from(r.eventCounts.subarray(ki * H, (ki + 1) * H)));
      expect(summary.events[k].countByPeriod).toEqual(Array.from({ length: H }, (_, t) => perRun.reduce((a, c) => a + c[t], 0)));
      const totals = perRun.map((c) => c.reduce((a, b) => a + b, 0));
      expect(summary.events[k].runsWithEvent).toBe(totals.filter((x) => x > 0).length);
      close(summary.events[k].meanPerRun, naiveMean(totals), 1e-12, `${k} mean`);
      close(summary.events[k].sePerRun, naiveSd(totals) / Math.sqrt(RUNS), 1e-9, `${k} se`);
    });
  });

  it('per-period mean, sd, se and quantiles of every metric', () => {
    for (const m of PERIOD_METRIC_NAMES) {
      const st = summary.periods[m];
      for (let t = 0; t < H; t++) {
        const xs = runs.map((r) => r.series[m][t]);
        close(st.mean[t], naiveMean(xs), 1e-12, `${m}[${t}] mean`);
        close(st.sd[t], naiveSd(xs), 1e-9, `${m}[${t}] sd`);
        close(st.se[t], naiveSd(xs) / Math.sqrt(RUNS), 1e-9, `${m}[${t}] se`);
        const qs = [st.q05[t], st.q25[t], st.q50[t], st.q75[t], st.q95[t]];
        QUANTILES.forEach((q, i) => withinOneBin(qs[i], orderStatistic(xs, q), PERIOD_METRICS[m].isShare, `${m}[${t}] q${q}`));
      }
    }
  });

  it('outcome distributions: n, undefined, mean, sd, min, max, quantiles, Wilson for 0/1 metrics', () => {
    for (const m of SUMMARY_METRIC_NAMES) {
      const all = runs.map((r) => r.summary[m]);
      const xs = all.filter((x) => !Number.isNaN(x));
      const o = summary.outcomes[m];
      expect(o.n, m).toBe(xs.length);
      expect(o.nUndefined, m).toBe(RUNS - xs.length);
      if (xs.length === 0) {
        expect(o.mean).toBeNaN();
        continue;
      }
      close(o.mean, naiveMean(xs), 1e-12, `${m} mean`);
      if (xs.length > 1) close(o.sd, naiveSd(xs), 1e-9, `${m} sd`);
      expect(o.min, m).toBe(Math.min(...xs));
      expect(o.max, m).toBe(Math.max(...xs));
      const qs = [o.q05, o.q25, o.q50, o.q75, o.q95];
      QUANTILES.forEach((q, i) => withinOneBin(qs[i], orderStatistic(xs, q), SUMMARY_METRICS[m].isShare, `${m} q${q}`));
      expect(o.histogram.counts.reduce((a, b) => a + b, 0), `${m} histogram total`).toBe(xs.length);
      const binary = xs.every((x) => x === 0 || x === 1);
      expect(o.ciMethod, m).toBe(binary ? 'wilson' : 'normal');
      if (binary) {
        // Wilson score interval, written out independently.
        const n = xs.length;
        const p = naiveMean(xs);
        const z = 1.959963984540054;
        const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
        const half = ((z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n));
        close(o.ci95[0], Math.max(0, centre - half), 1e-12, `${m} wilson lo`);
        close(o.ci95[1], Math.min(1, centre + half), 1e-12, `${m} wilson hi`);
      } else {
        close(o.ci95[0], o.mean - 1.959963984540054 * o.se, 1e-12, `${m} ci lo`);
      }
    }
    // The baseline has both kinds; make sure the Wilson branch was exercised.
    expect(summary.outcomes.collapsed.ciMethod).toBe('wilson');
  });

  it('samples are the runs with the smallest seeded priorities, stored exactly', () => {
    const chosen = Array.from({ length: RUNS }, (_, i) => ({ i, p: samplePriority(runSeed(SEED, i)) }))
      .sort((a, b) => a.p - b.p || a.i - b.i)
      .slice(0, SAMPLES)
      .map((x) => x.i)
      .sort((a, b) => a - b);
    expect(summary.samples.map((s) => s.runIndex)).toEqual(chosen);
    for (const s of summary.samples) {
      const r = runs[s.runIndex];
      expect(s.seed).toBe(runSeed(SEED, s.runIndex));
      expect(s.targetType).toBe(r.targetType);
      for (const m of PERIOD_METRIC_NAMES) expect(s.series[m]).toEqual(Array.from(r.series[m]));
      expect(s.summary).toEqual(r.summary);
    }
  });

  it('JSON has no wall-clock fields unless timings are asked for', async () => {
    expect('timings' in summary).toBe(false);
    expect(JSON.stringify(summary)).not.toMatch(/"(elapsedMs|runsPerSecond)"/);
    let ms = 0;
    const timed = await runMonteCarlo(scenario, { runs: 20, masterSeed: SEED, timings: true, clock: () => (ms += 5) });
    expect(timed.timings?.elapsedMs).toBeGreaterThan(0);
    expect(timed.timings?.workers).toBe(1);
  });
});
