import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { saltelliDesign } from '../../src/analysis/saltelli.ts';
import { sobolAnalysis, sobolIndices } from '../../src/analysis/sobol-indices.ts';
import { ISHIGAMI_FACTORS, ishigami, ishigamiIndices } from './ishigami.ts';

describe('ishigamiIndices (the closed form the tests compare with)', () => {
  it('gives the published values for a = 7, b = 0.1', () => {
    const t = ishigamiIndices();
    expect(t.variance).toBeCloseTo(13.8446, 4);
    expect(t.first.map((x) => +x.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(t.total.map((x) => +x.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });
});

describe('saltelliDesign', () => {
  it('lays out A, B and AB_i: AB_i is A with column i from B', () => {
    const d = saltelliDesign(ISHIGAMI_FACTORS, 8);
    const N = 8;
    expect(d.points).toHaveLength(N * 5);
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < 3; i++) {
        const ab = d.unitPoints[(2 + i) * N + j];
        for (let k = 0; k < 3; k++) expect(ab[k]).toBe(k === i ? d.unitPoints[N + j][k] : d.unitPoints[j][k]);
      }
    }
    // Row 1 of a 6-D Sobol' sequence is all 0.5, so A and B both start 0, then the centre.
    expect(d.unitPoints[1]).toEqual([0.5, 0.5, 0.5]);
    expect(d.points[1]).toEqual([0, 0, 0]);
    expect(d.points[0]).toEqual([-Math.PI, -Math.PI, -Math.PI]);
  });

  it('rejects N not a power of two, an empty range, low > high, NaN and no factors, naming the argument', () => {
    expect(() => saltelliDesign(ISHIGAMI_FACTORS, 1000)).toThrow('saltelliDesign: baseSamples must be a power of two in [2, 16777216] (got 1000)');
    expect(() => saltelliDesign([{ name: 'p', low: 0.5, high: 0.5 }], 8)).toThrow('saltelliDesign: factors[0].high must be a finite number greater than low = 0.5');
    expect(() => saltelliDesign([{ name: 'p', low: 1, high: 0 }], 8)).toThrow('factors[0].high must be a finite number greater than low = 1 (an empty or reversed range has nothing to vary) (got 0)');
    expect(() => saltelliDesign([{ name: 'p', low: NaN, high: 1 }], 8)).toThrow('saltelliDesign: factors[0].low must be a finite number (got NaN)');
    expect(() => saltelliDesign([], 8)).toThrow('saltelliDesign: factors must be a non-empty array');
    expect(() => saltelliDesign([{ name: 'a', low: 0, high: 1 }, { name: 'a', low: 0, high: 1 }], 8)).toThrow('factors[1].name must be unique');
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, low: 0, high: 1 }));
    expect(() => saltelliDesign(many, 8)).toThrow('saltelliDesign: factors must have at most 50 entries');
  });
});

describe('sobolIndices on the Ishigami function (a = 7, b = 0.1)', () => {
  const N = 8192;
  const result = sobolAnalysis(ISHIGAMI_FACTORS, (p) => ishigami(p), { baseSamples: N, rng: seedrandom.alea('ishigami'), resamples: 500 });
  const truth = ishigamiIndices();

  it('estimates the first-order indices 0.314, 0.442, 0 within 3 bootstrap standard errors, inside the 95% intervals', () => {
    result.indices.forEach((r, i) => {
      expect(Math.abs(r.first.estimate - truth.first[i])).toBeLessThan(3 * r.first.se);
      expect(r.first.ci[0]).toBeLessThanOrEqual(truth.first[i]);
      expect(r.first.ci[1]).toBeGreaterThanOrEqual(truth.first[i]);
    });
  });

  it('estimates the total indices 0.558, 0.442, 0.244 within 3 bootstrap standard errors, inside the 95% intervals', () => {
    result.indices.forEach((r, i) => {
      expect(Math.abs(r.total.estimate - truth.total[i])).toBeLessThan(3 * r.total.se);
      expect(r.total.ci[0]).toBeLessThanOrEqual(truth.total[i]);
      expect(r.total.ci[1]).toBeGreaterThanOrEqual(truth.total[i]);
    });
  });

  it('has bootstrap errors small enough to tell the factors apart (se < 0.03) and the variance near its closed form', () => {
    for (const r of result.indices) {
      expect(r.first.se).toBeGreaterThan(0);
      expect(r.first.se).toBeLessThan(0.03);
      expect(r.total.se).toBeLessThan(0.03);
    }
    expect(result.variance).toBeCloseTo(truth.variance, 0);
    expect(result.evaluations).toBe(N * 5);
  });

  it('shrinks its bootstrap error with N (about 1/sqrt(N))', () => {
    const small = sobolAnalysis(ISHIGAMI_FACTORS, (p) => ishigami(p), { baseSamples: N / 16, rng: seedrandom.alea('ishigami'), resamples: 500 });
    const ratio = small.indices[0].total.se / result.indices[0].total.se;
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(8);
  });

  it('is reproducible: same seed, same intervals', () => {
    const again = sobolAnalysis(ISHIGAMI_FACTORS, (p) => ishigami(p), { baseSamples: N, rng: seedrandom.alea('ishigami'), resamples: 500 });
    expect(again).toEqual(result);
  });
});

describe('second-order indices (Saltelli 2002) on the Ishigami function', () => {
  it('lays out BA_i (B with column i from A) after the AB_i blocks', () => {
    const d = saltelliDesign(ISHIGAMI_FACTORS, 4, { secondOrder: true });
    expect(d.points).toHaveLength(4 * 8);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 3; k++) expect(d.unitPoints[(5 + i) * 4 + j][k]).toBe(k === i ? d.unitPoints[j][k] : d.unitPoints[4 + j][k]);
  });

  it('finds S_13 = 0.244 (the only interaction) and S_12 = S_23 = 0 within 3 bootstrap standard errors', () => {
    const truth = ishigamiIndices();
    const r = sobolAnalysis(ISHIGAMI_FACTORS, (p) => ishigami(p), { baseSamples: 8192, secondOrder: true, rng: seedrandom.alea('second'), resamples: 300 });
    expect(r.evaluations).toBe(8192 * 8);
    const expected: Record<string, number> = { 'x1,x2': 0, 'x1,x3': truth.total[2], 'x2,x3': 0 };
    expect(r.pairs!.map((p) => p.factors.join())).toEqual(Object.keys(expected));
    for (const p of r.pairs!) {
      expect(p.second.se).toBeGreaterThan(0);
      expect(p.second.se).toBeLessThan(0.05);
      expect(Math.abs(p.second.estimate - expected[p.factors.join()])).toBeLessThan(3 * p.second.se);
    }
    // The first-order and total estimates do not depend on the extra blocks.
    const plain = sobolAnalysis(ISHIGAMI_FACTORS, (p) => ishigami(p), { baseSamples: 8192, resamples: 0 });
    expect(r.indices.map((i) => i.first.estimate)).toEqual(plain.indices.map((i) => i.first.estimate));
    expect(plain.pairs).toBeNull();
  });
});

describe('sobolIndices against an independent implementation', () => {
  it("equals SciPy 1.17's scipy.stats.sobol_indices on the same outputs (Ishigami, N = 256) to 1e-12", () => {
    // SciPy was given f_A, f_B and f_AB from this design; it centres the outputs as we do.
    const scipy = [
      [0.3259523482013628, 0.5646024820275064],
      [0.4820072841939926, 0.45700714298052103],
      [0.01173317193474367, 0.25064884354377587],
    ];
    const d = saltelliDesign(ISHIGAMI_FACTORS, 256);
    const r = sobolIndices(d, d.points.map((p) => ishigami(p)), { resamples: 0 });
    r.indices.forEach((ix, i) => {
      expect(ix.first.estimate).toBeCloseTo(scipy[i][0], 12);
      expect(ix.total.estimate).toBeCloseTo(scipy[i][1], 12);
    });
  });

  it('does not move when a constant is added to the output, nor when it is scaled', () => {
    const d = saltelliDesign(ISHIGAMI_FACTORS, 256);
    const y = d.points.map((p) => ishigami(p));
    const base = sobolIndices(d, y, { resamples: 0 });
    for (const shifted of [y.map((v) => v + 1000), y.map((v) => -3 * v)]) {
      sobolIndices(d, shifted, { resamples: 0 }).indices.forEach((ix, i) => {
        expect(ix.first.estimate).toBeCloseTo(base.indices[i].first.estimate, 9);
        expect(ix.total.estimate).toBeCloseTo(base.indices[i].total.estimate, 9);
      });
    }
  });
});

describe('sobolIndices, other known answers and bad input', () => {
  it('gives S_i = S_Ti = c_i^2 / sum c^2 on an additive linear model and zero for an ignored input', () => {
    const factors = [
      { name: 'a', low: 0, high: 1 },
      { name: 'b', low: 0, high: 1 },
      { name: 'ignored', low: 0, high: 1 },
    ];
    const r = sobolAnalysis(factors, ([a, b]) => 3 * a + b, { baseSamples: 4096, resamples: 0 });
    expect(r.indices[0].first.estimate).toBeCloseTo(0.9, 2);
    expect(r.indices[0].total.estimate).toBeCloseTo(0.9, 2);
    expect(r.indices[1].first.estimate).toBeCloseTo(0.1, 2);
    // An input the model ignores leaves f_ABi = f_A row by row: both estimators are exactly 0.
    expect(r.indices[2].first.estimate).toBe(0);
    expect(r.indices[2].total.estimate).toBe(0);
    expect(Number.isNaN(r.indices[0].first.se)).toBe(true);
  });

  it('rejects outputs of the wrong length, non-finite outputs, constant outputs and a missing rng', () => {
    const d = saltelliDesign(ISHIGAMI_FACTORS, 4);
    expect(() => sobolIndices(d, [1, 2, 3], { resamples: 0 })).toThrow('sobolIndices: outputs must have one value per design point, N (D + 2) = 20 (got 3)');
    const ys = d.points.map((p) => ishigami(p));
    ys[7] = NaN;
    expect(() => sobolIndices(d, ys, { resamples: 0 })).toThrow('sobolIndices: outputs[7] must be a finite number (got NaN)');
    expect(() => sobolIndices(d, new Array(20).fill(2), { resamples: 0 })).toThrow('sobolIndices: outputs must vary over the design');
    expect(() => sobolIndices(d, d.points.map((p) => ishigami(p)))).toThrow('sobolIndices: rng must be a seeded generator () => number in [0, 1) when resamples > 0 (got undefined)');
    expect(() => sobolIndices(d, d.points.map((p) => ishigami(p)), { rng: seedrandom.alea('x'), confidence: 1 })).toThrow('sobolIndices: confidence must be a number in (0, 1) (got 1)');
  });
});

describe("sobolIndices on random additive models (property)", () => {
  it('gives S_i and S_Ti near c_i^2 / sum c^2 and exactly 0 for a zero coefficient', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 6 }), (c) => {
        fc.pre(c.some((ci) => ci !== 0));
        const factors = c.map((_, i) => ({ name: `f${i}`, low: 0, high: 1 }));
        const r = sobolAnalysis(factors, (x) => x.reduce((s, xi, i) => s + c[i] * xi, 0), { baseSamples: 2048, resamples: 0 });
        const sum = c.reduce((s, ci) => s + ci * ci, 0);
        r.indices.forEach((ix, i) => {
          if (c[i] === 0) {
            expect(ix.first.estimate).toBe(0);
            expect(ix.total.estimate).toBe(0);
          } else {
            expect(Math.abs(ix.first.estimate - (c[i] * c[i]) / sum)).toBeLessThan(0.02);
            expect(Math.abs(ix.total.estimate - (c[i] * c[i]) / sum)).toBeLessThan(0.02);
          }
        });
      }),
      { numRuns: 25 },
    );
  });
});
