import { beforeAll, describe, expect, it } from 'vitest';
import { trajectoriesSpec, trajectoryHeadline } from '../../src/charts/spaghetti.ts';
import { eventTimingSpec, TIMING_EVENT_NAMES, TIMING_EVENTS } from '../../src/charts/events.ts';
import { outcomeHistogramSpec, outcomeProbabilitySpec } from '../../src/charts/outcomes.ts';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import { realBatch, loadScenario } from './real-batch.ts';
import { plainRows, renderSpec } from './render.ts';

let summary: BatchSummary;
beforeAll(async () => {
  summary = await realBatch(loadScenario('scenarios/baseline.yaml'), 200, 11, 8);
});

describe('trajectoriesSpec', () => {
  it('draws every sampled run whole, tagged with its hidden type', async () => {
    const view = await renderSpec(trajectoriesSpec(summary, 'trueCompliance'));
    const rows = plainRows(view, 'trajectories');
    expect(rows).toHaveLength(summary.samples.length * summary.horizonPeriods);
    for (const s of summary.samples) {
      const mine = rows.filter((r) => r.run === s.runIndex);
      expect(mine.map((r) => r.value)).toEqual(s.series.trueCompliance);
      expect(new Set(mine.map((r) => r.targetType))).toEqual(new Set([s.targetType]));
    }
    expect(await view.toSVG()).toContain('Target type');
  });

  it('says when the sample runs settle and where they end', () => {
    const s = structuredClone(summary);
    const H = s.horizonPeriods;
    s.samples = s.samples.slice(0, 2);
    s.samples[0].series.trueCompliance = Array.from({ length: H }, (_, t) => (t < 4 ? t * 0.25 : 1));
    s.samples[1].series.trueCompliance = Array.from({ length: H }, (_, t) => (t < 10 ? t * 0.05 : 0.5));
    expect(trajectoryHeadline(s, 'trueCompliance')).toBe('True compliance in 2 sample runs settles between month 4 and month 10; they end between 50% and 100%');
  });
});

describe('eventTimingSpec', () => {
  it('shows events per 100 runs in each period for the four timing events', async () => {
    const view = await renderSpec(eventTimingSpec(summary));
    const rows = plainRows(view, 'events');
    expect(rows).toHaveLength(TIMING_EVENT_NAMES.length * summary.horizonPeriods);
    for (const k of TIMING_EVENT_NAMES) {
      const mine = rows.filter((r) => r.kind === TIMING_EVENTS[k]);
      expect(mine.map((r) => r.per100Runs)).toEqual(summary.events[k].countByPeriod.map((c) => (100 * c) / summary.runs));
    }
    const svg = await view.toSVG();
    for (const label of Object.values(TIMING_EVENTS)) expect(svg).toContain(label);
  });
});

describe('outcome charts', () => {
  it('plots collapse and full-relief probabilities with their CIs', async () => {
    const view = await renderSpec(outcomeProbabilitySpec(summary));
    const rows = plainRows(view, 'probabilities');
    expect(rows.map((r) => [r.probability, r.lo, r.hi])).toEqual([
      [summary.outcomes.collapsed.mean, ...summary.outcomes.collapsed.ci95],
      [summary.outcomes.fullRelief.mean, ...summary.outcomes.fullRelief.ci95],
    ]);
    expect(view.signal('headline').join(' ')).toMatch(/^The arrangement collapses in \d+(\.\d)?% of runs \(95% CI/);
  });

  it('draws the time-to-full-relief histogram as shares of all runs, leaving out runs that never get there', async () => {
    const view = await renderSpec(outcomeHistogramSpec(summary, 'timeToFullReliefPeriods'));
    const rows = plainRows(view, 'histogram');
    const o = summary.outcomes.timeToFullReliefPeriods;
    expect(rows.map((r) => r.runs)).toEqual(o.histogram.counts);
    const total = rows.reduce((a, r) => a + (r.shareOfRuns as number), 0);
    expect(total).toBeCloseTo(o.n / summary.runs, 12);
    if (o.nUndefined > 0) expect(await view.toSVG()).toContain('never reach it');
  });

  it('says so when no run reaches full relief', () => {
    const none = structuredClone(summary);
    none.outcomes.timeToFullReliefPeriods = { ...none.outcomes.timeToFullReliefPeriods, n: 0, nUndefined: none.runs, mean: NaN, histogram: { edges: [], counts: [] } };
    const spec = outcomeHistogramSpec(none, 'timeToFullReliefPeriods') as any;
    expect(spec.params[0].value.join(' ')).toBe('Full relief never comes in these 200 runs');
  });
});

describe('outcome histogram with no defined values', () => {
  it('renders an empty chart on a fixed axis without infinite extents', async () => {
    const s = await realBatch(loadScenario('scenarios/baseline.yaml'), 20, 5);
    s.outcomes.collapsePeriod = { ...s.outcomes.collapsePeriod, n: 0, nUndefined: 20, mean: NaN, histogram: { edges: [], counts: [] } };
    const warnings: string[] = [];
    const view = await renderSpec(outcomeHistogramSpec(s, 'collapsePeriod'), warnings);
    expect(plainRows(view, 'histogram')).toEqual([]);
    expect(view.scale('x').domain()).toEqual([0, s.horizonPeriods]);
    expect(warnings).toEqual([]);
  });
});
