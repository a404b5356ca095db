import { beforeAll, describe, expect, it } from 'vitest';
import { compareDesigns } from '../../src/compare/compare-designs.ts';
import { differenceOfMeans } from '../../src/compare/difference.ts';
import { SUMMARY_METRIC_NAMES } from '../../src/engine/metrics.ts';
import type { BatchSummary, OutcomeStats } from '../../src/montecarlo/types.ts';
import { compareFanSpec, compareProbabilitySpec } from '../../src/charts/compare.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { realBatch, loadScenario } from './real-batch.ts';
import { plainRows, renderSpec } from './render.ts';

function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}

function stats(partial: Partial<OutcomeStats>): OutcomeStats {
  return { n: 100, nUndefined: 0, mean: 0, sd: 0, se: 0, ci95: [0, 0], min: 0, max: 0, q05: 0, q25: 0, q50: 0, q75: 0, q95: 0, histogram: { edges: [], counts: [] }, ...partial };
}

describe('differenceOfMeans', () => {
  it("reproduces Newcombe's (1998) method 10 interval for 56/70 vs 48/80: 0.0524 to 0.3339", () => {
    const a = stats({ n: 80, mean: 48 / 80, ci95: wilson(48, 80) });
    const b = stats({ n: 70, mean: 56 / 70, ci95: wilson(56, 70) });
    const d = differenceOfMeans(a, b, true)!;
    expect(d.estimate).toBeCloseTo(0.2, 12);
    expect(d.ci95[0]).toBeCloseTo(0.0524, 4);
    expect(d.ci95[1]).toBeCloseTo(0.3339, 4);
    expect(d.method).toBe('newcombe');
  });

  it('uses the normal interval with the standard errors added in quadrature for continuous metrics', () => {
    const d = differenceOfMeans(stats({ mean: 1, se: 0.3 }), stats({ mean: 2, se: 0.4 }), false)!;
    expect(d.estimate).toBe(1);
    expect(d.ci95[0]).toBeCloseTo(1 - 1.959963984540054 * 0.5, 12);
    expect(d.ci95[1]).toBeCloseTo(1 + 1.959963984540054 * 0.5, 12);
  });

  it('is null when a batch has no defined values', () => {
    expect(differenceOfMeans(stats({ n: 0, mean: NaN }), stats({ mean: 1 }), false)).toBeNull();
    expect(differenceOfMeans(stats({ mean: 1 }), stats({ n: 0, mean: null as unknown as number }), false)).toBeNull();
  });
});

describe('compareDesigns on real runs (common random numbers)', () => {
  let weak: BatchSummary;
  let strong: BatchSummary;
  beforeAll(async () => {
    const base = loadScenario('scenarios/baseline.yaml');
    // Without cross-checks, so the inspection's detection probability is what finds gamed
    // statistics (with them, the exact best response leaves the two designs within 0.3
    // violation-periods of each other: the cross-checks catch what weak inspections miss).
    const withDetection = (p: number, name: string) => {
      const v = validateScenario(mergeDeep(base as unknown as Record<string, unknown>, { metadata: { ...base.metadata, name }, design: { ...base.design, verification: { ...base.design.verification, detectionProbability: p, crossChecks: false } } }));
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.scenario;
    };
    weak = await realBatch(withDetection(0.05, 'weak'), 1500, 3);
    strong = await realBatch(withDetection(0.95, 'strong'), 1500, 3);
  });

  it('has one row per run-summary metric with each design’s mean and the difference from the reference', () => {
    const c = compareDesigns([{ name: 'weak', summary: weak }, { name: 'strong', summary: strong }]);
    expect(c.commonRandomNumbers).toBe(true);
    expect(c.rows.map((r) => r.metric)).toEqual(SUMMARY_METRIC_NAMES);
    for (const r of c.rows) {
      expect(r.values.map((v) => v.mean)).toEqual([weak.outcomes[r.metric].mean, strong.outcomes[r.metric].mean]);
      const d = r.differences[0];
      if (d.verdict !== 'not comparable') expect(d.estimate).toBe(strong.outcomes[r.metric].mean - weak.outcomes[r.metric].mean);
    }
  });

  it('finds that near-certain detection leaves fewer violation-periods unseen, and says so', () => {
    const c = compareDesigns([{ name: 'weak', summary: weak }, { name: 'strong', summary: strong }]);
    const unseen = c.rows.find((r) => r.metric === 'undetectedViolationPeriods')!;
    expect(unseen.differences[0].verdict).toBe('better');
    expect(c.findings[0]).toMatch(/^strong versus weak: better on .*undetected violation-periods/);
  });

  it('finds no clear difference between a design and itself', () => {
    const c = compareDesigns([{ name: 'a', summary: weak }, { name: 'b', summary: weak }]);
    for (const r of c.rows) expect(['no clear difference', 'not comparable']).toContain(r.differences[0].verdict);
    expect(c.findings[0]).toBe('b is not clearly better or worse than a on any metric with a preferred direction.');
  });

  it('flags batches that did not share their random numbers', () => {
    const other = { ...strong, masterSeed: 4 };
    expect(compareDesigns([{ name: 'weak', summary: weak }, { name: 'strong', summary: other }]).commonRandomNumbers).toBe(false);
  });

  it('refuses one design, five designs, or duplicate names', () => {
    expect(() => compareDesigns([{ name: 'a', summary: weak }])).toThrow('compareDesigns requires 2 to 4 designs, got 1');
    expect(() => compareDesigns(Array.from({ length: 5 }, (_, i) => ({ name: `d${i}`, summary: weak })))).toThrow('got 5');
    expect(() => compareDesigns([{ name: 'a', summary: weak }, { name: 'a', summary: strong }])).toThrow('distinct design names');
  });

  it('draws designs on shared axes with their own medians', async () => {
    const designs = [{ name: 'weak', summary: weak }, { name: 'strong', summary: strong }];
    const view = await renderSpec(compareFanSpec(designs, 'leverage'));
    const rows = plainRows(view, 'compareFan');
    expect(rows.filter((r) => r.design === 'strong').map((r) => r.q50)).toEqual(strong.periods.leverage.q50);
    expect(rows.filter((r) => r.design === 'weak').map((r) => r.q50)).toEqual(weak.periods.leverage.q50);
    const probs = plainRows(await renderSpec(compareProbabilitySpec(designs)), 'compareProbabilities');
    expect(probs.filter((r) => r.design === 'strong').map((r) => r.probability)).toEqual([strong.outcomes.collapsed.mean, strong.outcomes.fullRelief.mean]);
  });
});

describe('compareFanHeadline', () => {
  it('names the highest and lowest design at the end, or, with a shared end, which is lower on average over time', async () => {
    const { compareFanHeadline } = await import('../../src/charts/compare.ts');
    const base = await realBatch(loadScenario('scenarios/baseline.yaml'), 20, 1);
    const withMedian = (q50: number[]) => {
      const s = structuredClone(base);
      s.periods.sanctionsInForce.q50 = q50;
      return s;
    };
    const H = base.horizonPeriods;
    const early = withMedian(Array.from({ length: H }, (_, t) => (t < 12 ? 1 : 0)));
    const late = withMedian(Array.from({ length: H }, (_, t) => (t < 30 ? 1 : 0)));
    expect(compareFanHeadline([{ name: 'A', summary: early }, { name: 'B', summary: late }], 'sanctionsInForce')).toBe(
      `Median sanctions in force ends at 0% under every design; over the ${H} months it is lowest under A (average ${Math.round((100 * 12) / H)}%) and highest under B (average ${Math.round((100 * 30) / H)}%)`,
    );
    expect(compareFanHeadline([{ name: 'A', summary: early }, { name: 'B', summary: early }], 'sanctionsInForce')).toBe('Median sanctions in force ends at 0% under every design, on much the same path');
    const half = withMedian(Array.from({ length: H }, (_, t) => (t < 12 ? 1 : 0.5)));
    expect(compareFanHeadline([{ name: 'A', summary: early }, { name: 'B', summary: half }], 'sanctionsInForce')).toBe(
      `Median sanctions in force at month ${H - 1}: B highest (50%), A lowest (0%)`,
    );
  });
});
