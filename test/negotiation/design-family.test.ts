import { describe, expect, it } from 'vitest';
import { designGrid, kalaiSmorodinskyBestPoint, nashBestPoint, parameterValues, type BargainingPoints } from '../../src/negotiation/index.ts';

describe('design families', () => {
  it('the issue example: front-loaded share 0 to 1, detection 0.3 to 0.9, 1 to 5 tranches', () => {
    const grid = designGrid({
      parameters: [
        { name: 'frontLoadedShare', low: 0, high: 1, allowed: [0, 1], steps: 3 },
        { name: 'detection', low: 0.3, high: 0.9, allowed: [0, 1], steps: 4 },
        { name: 'tranches', low: 1, high: 5, integer: true, allowed: [1, 10] },
      ],
    });
    expect(grid).toHaveLength(3 * 4 * 5);
    expect(grid.map((d) => d.parameters.detection).filter((_, i) => i % 5 === 0).slice(0, 4)).toEqual([0.3, 0.5, 0.7, 0.9]);
    expect(grid[0]).toEqual({ id: 'frontLoadedShare=0,detection=0.3,tranches=1', parameters: { frontLoadedShare: 0, detection: 0.3, tranches: 1 } });
    expect(grid[grid.length - 1].parameters).toEqual({ frontLoadedShare: 1, detection: 0.9, tranches: 5 });
    expect(new Set(grid.map((d) => d.id)).size).toBe(grid.length);
    // The first parameter varies slowest.
    expect(grid[1].parameters.tranches).toBe(2);
  });

  it('parameter values: ends kept, whole numbers thinned without repeats, a point range is one value', () => {
    expect(parameterValues({ name: 'x', low: 0.3, high: 0.9, steps: 4 })).toEqual([0.3, 0.5, 0.7, 0.9]);
    expect(parameterValues({ name: 't', low: 1, high: 10, integer: true, steps: 4 })).toEqual([1, 4, 7, 10]);
    expect(parameterValues({ name: 't', low: 1, high: 3, integer: true, steps: 9 })).toEqual([1, 2, 3]);
    expect(parameterValues({ name: 'x', low: 0.5, high: 0.5 })).toEqual([0.5]);
    expect(parameterValues({ name: 'x', low: 0, high: 1, steps: 1 })).toEqual([0.5]);
  });
});

describe('more than two parties', () => {
  const three = (pts: number[][], d: number[]): BargainingPoints => ({
    parties: ['us', 'eu', 'target'],
    points: pts.map((u, i) => ({ id: `d${i}`, utility: u, se: [0, 0, 0] })),
    disagreement: { utility: d, se: [0, 0, 0] },
  });

  it('Nash on a finite set maximises the product of the three gains; weights tilt it', () => {
    const p = three([[0.6, 0.2, 0.2], [0.34, 0.33, 0.33], [0.2, 0.2, 0.6], [0.1, 0.1, 0.1]], [0, 0, 0]);
    expect(nashBestPoint(p)!.id).toBe('d1');
    expect(nashBestPoint(p, [4, 1, 1])!.id).toBe('d0');
  });

  it('Kalai-Smorodinsky leaves out a party that cannot gain (ideal = outside option)', () => {
    // The EU gains nothing anywhere in the zone: the solution balances the other two.
    const p = three([[0.9, 0.5, 0.1], [0.5, 0.5, 0.5], [0.1, 0.5, 0.9]], [0, 0.5, 0]);
    const k = kalaiSmorodinskyBestPoint(p)!;
    expect(k.id).toBe('d1');
    expect(k.value).toBeCloseTo(0.5 / 0.9, 15);
  });
});
