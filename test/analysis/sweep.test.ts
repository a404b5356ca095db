import { describe, expect, it } from 'vitest';
import { sweepAnalysis, sweepDesign, sweepResult } from '../../src/analysis/sweep.ts';

const factors = [
  { name: 'detection', low: 0, high: 1, base: 0.5 },
  { name: 'ignored', low: -3, high: 7, base: 1 },
  { name: 'tranche', low: 0.1, high: 0.3, base: 0.2 },
];

describe('sweepDesign', () => {
  it('holds the others at base and spans each factor from low to high exactly', () => {
    const d = sweepDesign(factors, 3);
    expect(d.points[0]).toEqual([0.5, 1, 0.2]);
    expect(d.points.slice(1, 4)).toEqual([
      [0, 1, 0.2],
      [0.5, 1, 0.2],
      [1, 1, 0.2],
    ]);
    expect(d.points.slice(7, 10).map((p) => p[2])).toEqual([0.1, 0.2, 0.3]);
    expect(d.points).toHaveLength(1 + 3 * 3);
  });

  it('rejects a base outside the range, an empty range, low > high, NaN and too few levels', () => {
    expect(() => sweepDesign([{ name: 'p', low: 0, high: 1, base: 2 }])).toThrow('sweepDesign: factors[0].base must be a number in [0, 1] (got 2)');
    expect(() => sweepDesign([{ name: 'p', low: 1, high: 1, base: 1 }])).toThrow('sweepDesign: factors[0].high must be a finite number greater than low = 1');
    expect(() => sweepDesign([{ name: 'p', low: 1, high: 0, base: 0.5 }])).toThrow('factors[0].high must be a finite number greater than low = 1');
    expect(() => sweepDesign([{ name: 'p', low: 0, high: 1, base: NaN }])).toThrow('sweepDesign: factors[0].base must be a number in [0, 1] (got NaN)');
    expect(() => sweepDesign(factors, 1)).toThrow('sweepDesign: levels must be an integer in [2, 1001] (got 1)');
  });
});

describe('sweepResult', () => {
  const model = ([d, , t]: number[]) => 0.8 - 0.6 * d + 2 * t * t;

  it('gives exactly zero difference and swing for an input the model ignores', () => {
    const r = sweepAnalysis(factors, model, 7);
    const ignored = r.lines.find((l) => l.factor === 'ignored')!;
    for (const l of ignored.levels) expect(l.difference).toBe(0);
    expect(r.tornado.find((b) => b.factor === 'ignored')!.swing).toBe(0);
    expect(r.tornado[r.tornado.length - 1].factor).toBe('ignored');
  });

  it('gives the known low/high outcomes and swings, ordered by swing', () => {
    const r = sweepAnalysis(factors, model, 5);
    const base = 0.8 - 0.3 + 2 * 0.04;
    expect(r.base.estimate).toBeCloseTo(base, 12);
    const [first, second] = r.tornado;
    expect(first.factor).toBe('detection');
    expect(first.low.estimate).toBeCloseTo(0.8 + 0.08, 12);
    expect(first.high.estimate).toBeCloseTo(0.2 + 0.08, 12);
    expect(first.low.difference).toBeCloseTo(0.3, 12);
    expect(first.swing).toBeCloseTo(0.6, 12);
    expect(second.factor).toBe('tranche');
    expect(second.swing).toBeCloseTo(2 * (0.09 - 0.01), 12);
  });

  it('takes the swing over all levels, so a response peaking inside the range is not missed', () => {
    const r = sweepAnalysis([{ name: 'x', low: -1, high: 1, base: 0 }], ([x]) => 1 - x * x, 5);
    expect(r.tornado[0].low.difference).toBe(-1);
    expect(r.tornado[0].high.difference).toBe(-1);
    expect(r.tornado[0].swing).toBe(1);
  });

  it('carries Monte Carlo estimates with their intervals', () => {
    const d = sweepDesign([{ name: 'p', low: 0, high: 1, base: 0.5 }], 2);
    const r = sweepResult(d, [
      { estimate: 0.4, ci: [0.3, 0.5] },
      { estimate: 0.2, ci: [0.1, 0.3] },
      { estimate: 0.6, ci: [0.5, 0.7] },
    ]);
    expect(r.base.ci).toEqual([0.3, 0.5]);
    expect(r.tornado[0].high).toEqual({ value: 1, estimate: 0.6, ci: [0.5, 0.7], difference: 0.6 - 0.4 });
  });

  it('rejects outputs of the wrong length or non-finite estimates', () => {
    const d = sweepDesign(factors, 2);
    expect(() => sweepResult(d, [1, 2])).toThrow('sweepResult: outputs must have one outcome per design point (7) (got 2)');
    expect(() => sweepResult(d, [1, 2, 3, NaN, 5, 6, 7])).toThrow('sweepResult: outputs[3] must be a finite number or { estimate, ci } (got NaN)');
  });
});
