import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { morrisAnalysis, morrisDesign, morrisEffects, trajectoryDistance, trajectorySpread } from '../../src/analysis/morris.ts';

const unit = (names: string[]) => names.map((name) => ({ name, low: 0, high: 1 }));

/** Sobol's g-function: input i matters less as a_i grows (a = 99: almost inert). */
function gFunction(x: number[], a: number[]): number {
  return x.reduce((prod, xi, i) => prod * ((Math.abs(4 * xi - 2) + a[i]) / (1 + a[i])), 1);
}

describe('morrisDesign', () => {
  it('builds trajectories on the p-level grid that move each factor once by delta (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.string(), (D, r, halfP, seed) => {
        const p = 2 * halfP;
        const d = morrisDesign(unit(Array.from({ length: D }, (_, i) => `f${i}`)), { trajectories: r, levels: p, rng: seedrandom.alea(seed) });
        expect(d.delta).toBe(p / (2 * (p - 1)));
        expect(d.points).toHaveLength(r * (D + 1));
        for (const x of d.unitPoints) for (const v of x) expect(Number.isInteger(Math.round(v * (p - 1) * 1e9) / 1e9)).toBe(true);
        for (let t = 0; t < r; t++) {
          expect(d.steps[t].map((s) => s.factor).sort()).toEqual(Array.from({ length: D }, (_, i) => i));
          d.steps[t].forEach((s, k) => {
            const a = d.unitPoints[t * (D + 1) + k];
            const b = d.unitPoints[t * (D + 1) + k + 1];
            for (let i = 0; i < D; i++) {
              if (i === s.factor) expect(b[i] - a[i]).toBeCloseTo(s.direction * d.delta, 12);
              else expect(b[i]).toBe(a[i]);
            }
            for (const v of b) expect(v >= 0 && v <= 1).toBe(true);
          });
        }
      }),
    );
  });

  it('keeps the r most spread of M candidates (Campolongo): larger spread than r drawn at random, still valid', () => {
    const f = unit(['a', 'b', 'c', 'd']);
    const split = (d: ReturnType<typeof morrisDesign>) => Array.from({ length: d.trajectories }, (_, t) => d.unitPoints.slice(t * 5, t * 5 + 5));
    const plain = morrisDesign(f, { trajectories: 10, rng: seedrandom.alea('o') });
    const optimised = morrisDesign(f, { trajectories: 10, candidates: 100, rng: seedrandom.alea('o') });
    expect(optimised.points).toHaveLength(50);
    expect(trajectorySpread(split(optimised))).toBeGreaterThan(1.1 * trajectorySpread(split(plain)));
    for (const steps of optimised.steps) expect(steps.map((s) => s.factor).sort()).toEqual([0, 1, 2, 3]);
    expect(morrisDesign(f, { trajectories: 10, candidates: 100, rng: seedrandom.alea('o') })).toEqual(optimised);
    expect(() => morrisDesign(f, { trajectories: 10, candidates: 5, rng: seedrandom.alea('o') })).toThrow('morrisDesign: candidates must be an integer in [10, 1000] (got 5)');
  });

  it('measures trajectory distance as the sum of pairwise point distances', () => {
    expect(trajectoryDistance([[0, 0], [1, 0]], [[0, 1], [1, 1]])).toBeCloseTo(1 + Math.SQRT2 + Math.SQRT2 + 1, 12);
    expect(trajectorySpread([[[0]], [[1]], [[3]]])).toBeCloseTo(Math.sqrt(1 + 9 + 4), 12);
  });

  it('maps the grid onto the factor ranges', () => {
    const d = morrisDesign([{ name: 'k', low: 10, high: 20 }], { trajectories: 3, levels: 4, rng: seedrandom.alea('r') });
    for (const [x] of d.points) expect([10, 10 + 10 / 3, 10 + 20 / 3, 20].some((g) => Math.abs(g - x) < 1e-9)).toBe(true);
  });

  it('rejects odd or out-of-range levels, fewer than 2 trajectories, bad ranges and a missing rng', () => {
    const rng = seedrandom.alea('e');
    expect(() => morrisDesign(unit(['a']), { levels: 5, rng })).toThrow('morrisDesign: levels must be an even integer in [2, 100] (got 5)');
    expect(() => morrisDesign(unit(['a']), { levels: 0, rng })).toThrow('morrisDesign: levels must be an even integer in [2, 100] (got 0)');
    expect(() => morrisDesign(unit(['a']), { trajectories: 1, rng })).toThrow('morrisDesign: trajectories must be an integer in [2, 1000000] (got 1)');
    expect(() => morrisDesign([{ name: 'a', low: 2, high: 1 }], { rng })).toThrow('morrisDesign: factors[0].high must be a finite number greater than low = 2');
    expect(() => morrisDesign(unit(['a']), {} as never)).toThrow('morrisDesign: rng must be a seeded generator');
    expect(() => morrisDesign(unit(['a']), undefined as never)).toThrow('morrisDesign: rng must be a seeded generator');
  });
});

describe('morrisEffects', () => {
  it('gives EE = c w exactly for a linear model (sigma 0) and mu* = 0 for an ignored input, ranked last', () => {
    const factors = [
      { name: 'a', low: 0, high: 1 },
      { name: 'b', low: 0, high: 2 },
      { name: 'ignored', low: 10, high: 20 },
      { name: 'c', low: -1, high: 1 },
    ];
    const r = morrisAnalysis(factors, ([a, b, , c]) => 2 * a - 3 * b + 0.5 * c, { trajectories: 10, rng: seedrandom.alea('lin'), resamples: 200 });
    const [a, b, ignored, c] = r.factors;
    expect(a.muStar).toBeCloseTo(2, 10);
    expect(a.mu).toBeCloseTo(2, 10);
    expect(b.mu).toBeCloseTo(-6, 10);
    expect(b.muStar).toBeCloseTo(6, 10);
    expect(c.muStar).toBeCloseTo(1, 10);
    for (const f of [a, b, c]) expect(f.sigma).toBeLessThan(1e-9);
    expect(ignored.effects.every((e) => e === 0)).toBe(true);
    expect(ignored.muStar).toBe(0);
    expect(r.ranking).toEqual(['b', 'a', 'c', 'ignored']);
    expect(r.evaluations).toBe(50);
  });

  it("ranks the g-function's inert inputs (a = 99) and ignored inputs last, with mu* near 0 against the active ones", () => {
    const a = [0, 1, 99, 4.5, 99];
    const factors = unit(['x1', 'x2', 'inert1', 'x4', 'inert2', 'ignored']);
    const r = morrisAnalysis(factors, (x) => gFunction(x.slice(0, 5), a), { trajectories: 40, levels: 4, rng: seedrandom.alea('g'), resamples: 300 });
    expect(r.ranking.slice(0, 3)).toEqual(['x1', 'x2', 'x4']);
    expect(new Set(r.ranking.slice(3))).toEqual(new Set(['inert1', 'inert2', 'ignored']));
    const top = r.factors[0].muStar;
    for (const name of ['inert1', 'inert2']) expect(r.factors.find((f) => f.factor === name)!.muStar).toBeLessThan(0.02 * top);
    expect(r.factors.find((f) => f.factor === 'ignored')!.muStar).toBe(0);
    // x1 and x2 interact through the product and |4x - 2| is not linear: sigma > 0.
    expect(r.factors[0].sigma).toBeGreaterThan(0.1);
    // The bootstrap interval surrounds the estimate.
    for (const f of r.factors) {
      expect(f.muStarCi[0]).toBeLessThanOrEqual(f.muStar);
      expect(f.muStarCi[1]).toBeGreaterThanOrEqual(f.muStar);
    }
  });

  it('rejects outputs of the wrong length or with NaN', () => {
    const d = morrisDesign(unit(['a', 'b']), { trajectories: 2, rng: seedrandom.alea('x') });
    expect(() => morrisEffects(d, [1, 2], { resamples: 0 })).toThrow('morrisEffects: outputs must have one value per design point, r (D + 1) = 6 (got 2)');
    expect(() => morrisEffects(d, [1, 2, 3, 4, NaN, 6], { resamples: 0 })).toThrow('morrisEffects: outputs[4] must be a finite number (got NaN)');
  });
});
