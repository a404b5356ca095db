import { beforeAll, describe, expect, it } from 'vitest';
import { FAN_METRICS, fanChartSpec, fanHeadline } from '../../src/charts/fan.ts';
import { PERIOD_METRICS } from '../../src/engine/metrics.ts';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import { realBatch, loadScenario } from './real-batch.ts';
import { plainRows, renderSpec } from './render.ts';

let summary: BatchSummary;
beforeAll(async () => {
  summary = await realBatch(loadScenario('scenarios/baseline.yaml'), 200, 7);
});

describe('fanChartSpec', () => {
  it.each(FAN_METRICS)('%s: the drawn bands are the summary quantiles, period by period', async (metric) => {
    const view = await renderSpec(fanChartSpec(summary, metric));
    const rows = plainRows(view, 'fan');
    const p = summary.periods[metric];
    expect(rows).toHaveLength(summary.horizonPeriods);
    expect(rows.map((r) => r.q50)).toEqual(p.q50);
    expect(rows.map((r) => r.q05)).toEqual(p.q05);
    expect(rows.map((r) => r.q95)).toEqual(p.q95);
    expect(rows.map((r) => r.q25)).toEqual(p.q25);
    expect(rows.map((r) => r.q75)).toEqual(p.q75);
    expect(rows.map((r) => r.period)).toEqual(p.q50.map((_, t) => t));
  });

  it('renders to SVG with the headline, the axis unit and the run provenance', async () => {
    const view = await renderSpec(fanChartSpec(summary, 'trueCompliance'));
    const svg = await view.toSVG();
    expect(svg).toContain('% of required benchmark levels');
    expect(svg).toContain('Months since the deal took effect');
    expect(svg).toContain('200 runs, master seed 7');
    expect(view.signal('headline').join(' ')).toBe(fanHeadline(summary, 'trueCompliance'));
  });

  it('puts shares on a fixed 0-100% axis and other units on a data-driven one', () => {
    const share = fanChartSpec(summary, 'leverage') as any;
    expect(share.layer[2].encoding.y.scale).toEqual({ domain: [0, 1] });
    expect(PERIOD_METRICS.need.isShare).toBe(false);
    const kusd = fanChartSpec(summary, 'need') as any;
    expect(kusd.layer[2].encoding.y.scale).toBeUndefined();
    expect(kusd.layer[2].encoding.y.title).toBe('Humanitarian need (thousand USD per period)');
  });

  it('states the final median and the interquartile range in the headline', () => {
    const p = summary.periods.trueCompliance;
    const last = summary.horizonPeriods - 1;
    const pct = (x: number) => `${(x * 100).toFixed(x * 100 < 10 && x !== 0 ? 1 : 0)}%`;
    const h = fanHeadline(summary, 'trueCompliance');
    expect(h).toContain(pct(p.q50[last]));
    expect(h).toContain(pct(p.q75[last]));
  });

  it('labels the time axis in periods when a period is not one month', () => {
    const quarterly = { ...summary, periodLengthMonths: 3 };
    const spec = fanChartSpec(quarterly, 'trueCompliance') as any;
    expect(spec.encoding.x.title).toBe('Periods since the deal took effect (1 period = 3 months)');
  });
});
