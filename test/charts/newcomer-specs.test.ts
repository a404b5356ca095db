import { beforeAll, describe, expect, it } from 'vitest';
import { compareFanHeadline } from '../../src/charts/compare.ts';
import { fanChartSpec } from '../../src/charts/fan.ts';
import { outcomeHistogramSpec, outcomeProbabilitySpec } from '../../src/charts/outcomes.ts';
import { PALETTE, provenance, titleParams } from '../../src/charts/spec.ts';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import { loadScenario, realBatch } from './real-batch.ts';
import { plainRows, renderSpec } from './render.ts';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

let summary: BatchSummary;
let other: BatchSummary;
beforeAll(async () => {
  const baseline = loadScenario('scenarios/baseline.yaml');
  summary = await realBatch(baseline, 300, 3);
  other = await realBatch({ ...baseline, design: { ...baseline.design, verification: { ...baseline.design.verification, detectionProbability: 0.05 } } }, 300, 3);
});

describe('chart colours', () => {
  it('computes WCAG contrast (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
  });

  it('meet 3:1 for the fan bands against white and against each other, and for the median on the 50% band', () => {
    expect(contrast(PALETTE.band90, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(PALETTE.band50, PALETTE.band90)).toBeGreaterThanOrEqual(3);
    expect(contrast(PALETTE.median, PALETTE.band50)).toBeGreaterThanOrEqual(3);
    expect(contrast(PALETTE.median, PALETTE.band90)).toBeGreaterThanOrEqual(3);
    expect(contrast(PALETTE.medianCasing, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(PALETTE.reference, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});

describe('live and final provenance', () => {
  it('says "so far" while a batch runs and "cancelled" only once it stopped short', () => {
    const s = { runs: 1500, runsRequested: 10_000, masterSeed: 4, partial: true };
    expect(provenance(s, true)).toBe('1,500 of 10,000 runs (so far), master seed 4');
    expect(provenance(s)).toBe('1,500 of 10,000 runs (cancelled), master seed 4');
    expect(provenance({ ...s, runs: 10_000, partial: false }, true)).toBe('10,000 runs, master seed 4');
  });
});

describe('titles', () => {
  it('wrap so no line is longer than the chart is wide (8.6 px per title character, 6.4 per subtitle character)', () => {
    const [head, sub] = titleParams('Median leverage falls from 100% to 12% by month 44 and stays there; half of runs end between 0.3% and 23%', 'x '.repeat(120), 347);
    for (const line of head.value) expect(line.length * 8.6).toBeLessThanOrEqual(347 + 40);
    for (const line of sub.value) expect(line.length * 6.4).toBeLessThanOrEqual(347 + 40);
    expect(head.value.length).toBeGreaterThan(1);
  });

});

describe('before and after, and history, on the fan chart', () => {
  it("draws the reference's median and the history mark from their own data", async () => {
    const spec = fanChartSpec(other, 'trueCompliance', { reference: { label: 'baseline as opened', summary }, history: { period: summary.horizonPeriods - 1, value: 0.14, label: 'history: compliance 14% at the end' } });
    const view = await renderSpec(spec);
    expect(plainRows(view, 'reference').map((r) => r.q50)).toEqual(summary.periods.trueCompliance.q50);
    expect(plainRows(view, 'fan').map((r) => r.q50)).toEqual(other.periods.trueCompliance.q50);
    expect(plainRows(view, 'history')).toMatchObject([{ period: summary.horizonPeriods - 1, value: 0.14, label: 'history: compliance 14% at the end' }]);
    const svg = await view.toSVG();
    expect(svg).toContain('median before (dashed)');
    expect(svg).toContain('history');
  });
});

describe('outcome charts', () => {
  it('label every probability dot with its value, and mark history', async () => {
    const view = await renderSpec(outcomeProbabilitySpec(summary, { history: { collapsed: true, fullRelief: false } }));
    const svg = await view.toSVG();
    const pct = (x: number) => `${(x * 100).toFixed(x * 100 < 10 && x > 0 ? 1 : 0)}%`;
    expect(svg).toContain(pct(summary.outcomes.collapsed.mean));
    expect(svg).toContain(pct(summary.outcomes.fullRelief.mean));
    expect(plainRows(view, 'history').map((r) => r.probability)).toEqual([1, 0]);
  });

  it('draw a histogram where every run has the same value as one bar on a widened whole-number axis', async () => {
    const s = structuredClone(summary);
    const o = s.outcomes.timeToFullReliefPeriods;
    // Every run that reaches full relief reaches it in period 30: the batch layer's one-bin histogram.
    o.histogram = { edges: [29.5, 30.5], counts: [o.n] };
    const spec = outcomeHistogramSpec(s, 'timeToFullReliefPeriods') as any;
    const x = spec.layer[0].encoding.x;
    expect(x.scale.domain).toEqual([27, 33]);
    expect(x.axis).toEqual({ format: 'd', tickMinStep: 1 });
    const warnings: string[] = [];
    const svg = await (await renderSpec(spec, warnings)).toSVG();
    expect(warnings).toEqual([]);
    const ticks = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});

describe('comparison headline', () => {
  it('says the means when they differ although the medians agree', () => {
    const a = structuredClone(summary);
    const b = structuredClone(summary);
    const last = a.horizonPeriods - 1;
    a.periods.trueCompliance.mean[last] = 0.9;
    b.periods.trueCompliance.mean[last] = 0.72;
    const text = compareFanHeadline([{ name: 'A', summary: a }, { name: 'B', summary: b }], 'trueCompliance');
    expect(text).toContain('under every design');
    expect(text).toMatch(/; means A 90%, B 72%$/);
  });
});

describe('negligible differences', () => {
  it('are not called better or worse, however narrow their interval', async () => {
    const { negligibleDifference } = await import('../../src/compare/format.ts');
    expect(negligibleDifference(-0.001, 'share', 0.4)).toBe(true);
    expect(negligibleDifference(-0.006, 'share', 0.4)).toBe(false);
    expect(negligibleDifference(0.3, 'periods', 30)).toBe(true);
    expect(negligibleDifference(2, 'periods', 30)).toBe(false);
    expect(negligibleDifference(100, 'kUSD', 1e6)).toBe(true);
    expect(negligibleDifference(10_000, 'kUSD', 1e6)).toBe(false);
  });
});
