import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOE_KUO_ROWS } from '../../src/analysis/joe-kuo.ts';
import { SOBOL_MAX_DIMENSIONS, sobolSequence } from '../../src/analysis/sobol-sequence.ts';

// Reference values printed by SciPy 1.17 `qmc.Sobol(d=21, scramble=False)`, an
// independent implementation on the same Joe-Kuo table: the first 8 points times
// 8, and point 1000 times 2^30.
const FIRST_8_TIMES_8 = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
  [6, 2, 2, 2, 6, 6, 2, 6, 6, 6, 6, 6, 2, 2, 6, 2, 6, 2, 6, 2, 2],
  [2, 6, 6, 6, 2, 2, 6, 2, 2, 2, 2, 2, 6, 6, 2, 6, 2, 6, 2, 6, 6],
  [3, 3, 5, 7, 3, 1, 3, 7, 7, 5, 7, 3, 3, 5, 3, 7, 3, 7, 7, 1, 1],
  [7, 7, 1, 3, 7, 5, 7, 3, 3, 1, 3, 7, 7, 1, 7, 3, 7, 3, 3, 5, 5],
  [5, 1, 7, 5, 5, 7, 1, 1, 1, 3, 1, 5, 1, 7, 5, 5, 5, 5, 1, 3, 3],
  [1, 5, 3, 1, 1, 3, 5, 5, 5, 7, 5, 1, 5, 3, 1, 1, 1, 1, 5, 7, 7],
];
const POINT_1000_TIMES_2_30 = [
  235929600, 103809024, 556793856, 726663168, 300941312, 974127104, 49283072, 965738496, 537919488, 74448896, 91226112, 273678336, 173015040, 412090368, 154140672, 397410304,
  772800512, 370147328, 1064304640, 779091968, 560988160,
];

describe('sobolSequence', () => {
  it('starts 0,0; 0.5,0.5; 0.75,0.25; 0.25,0.75; 0.375,0.375 in two dimensions', () => {
    expect(sobolSequence(8, 2)).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ]);
  });

  it("matches SciPy's unscrambled Sobol' points in 21 dimensions (first 8 and point 1000)", () => {
    expect(sobolSequence(8, 21).map((p) => p.map((x) => x * 8))).toEqual(FIRST_8_TIMES_8);
    expect(sobolSequence(1, 21, { skip: 1000 })[0].map((x) => x * 2 ** 30)).toEqual(POINT_1000_TIMES_2_30);
  });

  it('gives the same points whether it skips ahead or walks there', () => {
    const walked = sobolSequence(1100, 40);
    expect(sobolSequence(100, 40, { skip: 1000 })).toEqual(walked.slice(1000));
    expect(sobolSequence(3, 5, { skip: 2 ** 31 - 1 })).toHaveLength(3);
  });

  it('fills every dimension: the first 2^m points are {0, ..., 2^m - 1} / 2^m in each of the 100 dimensions', () => {
    const n = 1024;
    const pts = sobolSequence(n, SOBOL_MAX_DIMENSIONS);
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const ks = pts.map((p) => p[d] * n).sort((a, b) => a - b);
      expect(ks).toEqual(Array.from({ length: n }, (_, k) => k));
    }
  });

  it('is a (0, m, 2)-net in its first two dimensions: every dyadic box of area 2^-m holds one of the first 2^m points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(), (m, split) => {
        const n = 2 ** m;
        const a = split % (m + 1); // box widths 2^-a by 2^-(m - a)
        const cells = new Set(sobolSequence(n, 2).map(([x, y]) => `${Math.floor(x * 2 ** a)},${Math.floor(y * 2 ** (m - a))}`));
        return cells.size === n;
      }),
    );
  });

  it('rejects dimension 0, more than 100 dimensions, and n + skip past 2^32, naming the argument', () => {
    expect(() => sobolSequence(4, 0)).toThrow('sobolSequence: dimensions must be an integer in [1, 100] (got 0)');
    expect(() => sobolSequence(4, 101)).toThrow('dimensions must be an integer in [1, 100] (got 101)');
    expect(() => sobolSequence(NaN, 2)).toThrow('sobolSequence: n must be an integer in [0, 4294967296] (got NaN)');
    expect(() => sobolSequence(2, 2, { skip: 2 ** 32 - 1 })).toThrow('sobolSequence: n + skip must be at most 2^32');
  });
});

describe('Joe-Kuo direction numbers (data integrity)', () => {
  const rows = JOE_KUO_ROWS.map((r) => r.split(' ').map(Number));

  it('has one row per dimension 2..100 with s initial numbers', () => {
    rows.forEach((r, i) => {
      expect(r[0]).toBe(i + 2);
      expect(r.length).toBe(3 + r[1]);
    });
  });

  it('has odd initial direction numbers m_k < 2^k', () => {
    for (const [, s, , ...m] of rows) {
      for (let k = 1; k <= s; k++) {
        expect(m[k - 1] % 2).toBe(1);
        expect(m[k - 1]).toBeLessThan(2 ** k);
      }
    }
  });

  it('uses distinct primitive polynomials over GF(2): x has order exactly 2^s - 1', () => {
    const seen = new Set<string>();
    for (const [, s, a] of rows) {
      seen.add(`${s}/${a}`);
      // p(x) = x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 as a bit mask.
      const p = (1 << s) | (a << 1) | 1;
      let power = 1;
      let order = 0;
      do {
        power <<= 1;
        if (power & (1 << s)) power ^= p;
        order++;
      } while (power !== 1 && order <= 2 ** s);
      expect(order).toBe(2 ** s - 1);
    }
    expect(seen.size).toBe(rows.length);
  });
});
