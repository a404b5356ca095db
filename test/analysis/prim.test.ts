import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../src/analysis/latin-hypercube.ts';
import { primCovering } from '../../src/analysis/prim-covering.ts';
import { inspectBox } from '../../src/analysis/prim-inspect.ts';
import { chooseBox, pasteBox, prim, type PrimData } from '../../src/analysis/prim.ts';

/**
 * Synthetic scenario discovery with a planted box: 4 inputs on [0, 1); runs with
 * x0 > 0.6 and x1 < 0.4 (mass 0.16) collapse with probability 0.9, the others
 * with 0.05. True density of the box 0.9; true coverage 0.144 / (0.144 + 0.042) = 0.774.
 */
function planted(n: number, seed: string): PrimData {
  const rng = seedrandom.alea(seed);
  const x = latinHypercube(n, 4, rng);
  const y = x.map(([a, b]) => rng() < (a > 0.6 && b < 0.4 ? 0.9 : 0.05));
  return { x, y, names: ['detection', 'tranche', 'noise1', 'noise2'] };
}

describe('prim', () => {
  const data = planted(4000, 'box');
  const result = prim(data);

  it('starts from the whole data and peels to lower coverage and higher density, ending above massMin', () => {
    const t = result.trajectory;
    expect(t[0].step).toBe('start');
    expect(t[0].coverage).toBe(1);
    expect(t[0].mass).toBe(1);
    expect(t[0].density).toBeCloseTo(result.baseDensity, 12);
    for (let i = 1; i <= result.lastPeel; i++) {
      expect(t[i].step).toBe('peel');
      expect(t[i].mass).toBeLessThan(t[i - 1].mass);
      expect(t[i].coverage).toBeLessThanOrEqual(t[i - 1].coverage);
    }
    expect(t[result.lastPeel].mass).toBeGreaterThanOrEqual(0.05);
    for (const b of t.slice(result.lastPeel + 1)) expect(b.step).toBe('paste');
  });

  it('recovers the planted box: restricts detection and tranche only, near 0.6 and 0.4, with coverage ~0.774 and density ~0.9', () => {
    const box = chooseBox(result, 0.85)!;
    expect(box.restricted).toEqual([0, 1]);
    expect(Math.abs(box.limits[0][0] - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(box.limits[1][1] - 0.4)).toBeLessThan(0.03);
    // Binomial noise on ~650 runs in the box: se of the density ~0.012, of the coverage ~0.017.
    expect(Math.abs(box.coverage - 0.774)).toBeLessThan(0.05);
    expect(Math.abs(box.density - 0.9)).toBeLessThan(0.04);
    expect(Math.abs(box.mass - 0.16)).toBeLessThan(0.02);
  });

  it('gives the planted restrictions tiny quasi-p-values and an irrelevant extra restriction a large one', () => {
    const box = chooseBox(result, 0.85)!;
    const inspected = inspectBox(data, box);
    expect(inspected.restrictions.map((r) => r.name)).toEqual(['detection', 'tranche']);
    for (const r of inspected.restrictions) expect(r.quasiP).toBeLessThan(1e-10);
    expect(inspected.restrictions[0].restrictsLow).toBe(true);
    expect(inspected.restrictions[0].restrictsHigh).toBe(false);
    expect(inspected.restrictions[1].restrictsHigh).toBe(true);
    // One-sided restrictions: the per-end value on the restricted end is the whole restriction's.
    expect(inspected.restrictions[0].quasiPLow).toBe(inspected.restrictions[0].quasiP);
    expect(inspected.restrictions[0].quasiPHigh).toBeNull();
    expect(inspected.restrictions[1].quasiPHigh).toBe(inspected.restrictions[1].quasiP);
    // Restricting noise1 to [0.2, 1] as well changes nothing real: its quasi-p-value is large.
    const withNoise = inspectBox(data, { limits: box.limits.map((l, j) => (j === 2 ? [0.2, 1] : l)) as [number, number][] });
    const noise = withNoise.restrictions.find((r) => r.name === 'noise1')!;
    expect(noise.quasiP).toBeGreaterThan(0.05);
    expect(noise.quasiPLow).toBe(noise.quasiP);
    // A two-sided restriction: tightening detection's high end to 0.9 as well adds nothing real.
    const twoSided = inspectBox(data, { limits: box.limits.map((l, j) => (j === 0 ? [l[0], 0.9] : l)) as [number, number][] });
    const detection = twoSided.restrictions[0];
    expect(detection.quasiPLow!).toBeLessThan(1e-10);
    expect(detection.quasiPHigh!).toBeGreaterThan(0.05);
    expect(noise.densityWithout).toBeCloseTo(inspected.density, 12);
  });

  it('peels a coarser trajectory with a larger alpha and stops at a larger massMin', () => {
    const coarse = prim(data, { peelAlpha: 0.2, massMin: 0.3 });
    expect(coarse.lastPeel).toBeLessThan(result.lastPeel);
    expect(coarse.trajectory[coarse.lastPeel].mass).toBeGreaterThanOrEqual(0.3);
  });

  it('pastes back what a greedy peel took: pasting raises the density of the last peeled box', () => {
    // Tiny alpha and a small massMin over-peel; pastes are strictly improving.
    const r = prim(planted(1500, 'paste'), { peelAlpha: 0.1, pasteAlpha: 0.1, massMin: 0.02 });
    const pastes = r.trajectory.slice(r.lastPeel + 1);
    expect(pastes.length).toBeGreaterThan(0);
    let d = r.trajectory[r.lastPeel].density;
    for (const p of pastes) {
      expect(p.density).toBeGreaterThan(d);
      d = p.density;
    }
  });

  it('pastes any chosen box as prim pastes its last one; a box that cannot widen comes back unchanged', () => {
    const d = planted(1500, 'paste');
    const r = prim(d, { peelAlpha: 0.1, pasteAlpha: 0.1, massMin: 0.02 });
    expect(pasteBox(d, r.trajectory[r.lastPeel], { pasteAlpha: 0.1 })).toEqual(r.trajectory[r.trajectory.length - 1]);
    expect(pasteBox(d, r.trajectory[0])).toEqual(r.trajectory[0]);
    expect(() => pasteBox(d, { limits: [[0, 1]] })).toThrow('pasteBox: box.limits must give [low, high] for each of the 4 inputs');
  });

  it('handles ties: an input with two values is peeled whole or not at all', () => {
    const rng = seedrandom.alea('ties');
    const x = Array.from({ length: 600 }, () => [rng() < 0.5 ? 0 : 1, rng()]);
    const y = x.map(([a, b]) => a === 1 && b > 0.5);
    const r = prim({ x, y });
    for (const b of r.trajectory) expect([0, 1]).toContain(b.limits[0][0]);
    const best = chooseBox(r, 0.95)!;
    expect(best.limits[0]).toEqual([1, 1]);
    expect(best.coverage).toBeGreaterThan(0.9);
  });

  it('rejects empty data, dimension 0, NaN, ragged rows, bad flags, no case of interest and bad options, naming them', () => {
    expect(() => prim({ x: [], y: [] })).toThrow('prim: x must be a non-empty array of rows');
    expect(() => prim({ x: [[]], y: [1] })).toThrow('prim: x[0] must have at least one input (dimension >= 1) (got 0)');
    expect(() => prim({ x: [[1], [NaN]], y: [1, 0] })).toThrow('prim: x[1][0] must be a finite number (got NaN)');
    expect(() => prim({ x: [[1, 2], [3]], y: [1, 0] })).toThrow('prim: x[1] must have 2 values like x[0]');
    expect(() => prim({ x: [[1], [2]], y: [1, 2] })).toThrow('prim: y[1] must be true/false or 1/0 (got 2)');
    expect(() => prim({ x: [[1], [2]], y: [0, 0] })).toThrow('prim: y must flag at least one case of interest');
    expect(() => prim({ x: [[1], [2]], y: [1] })).toThrow('prim: y must have one flag per row of x (2)');
    expect(() => prim({ x: [[1], [2]], y: [1, 0] }, { peelAlpha: 0.6 })).toThrow('prim: peelAlpha must be a number in (0, 0.5) (got 0.6)');
    expect(() => prim({ x: [[1], [2]], y: [1, 0] }, { massMin: 0 })).toThrow('prim: massMin must be a number in (0, 1) (got 0)');
    expect(() => inspectBox({ x: [[1], [2]], y: [1, 0] }, { limits: [[3, 2]] })).toThrow('inspectBox: box.limits[0] must be finite with low <= high (got "[3, 2]")');
    expect(() => inspectBox({ x: [[1], [2]], y: [1, 0] }, { limits: [[5, 6]] })).toThrow('inspectBox: box.limits must hold at least one run');
  });
});

describe('primCovering', () => {
  it('finds two planted boxes one after the other: x0 > 0.8, then x1 < 0.2 with x2 > 0.5', () => {
    const rng = seedrandom.alea('two');
    const x = latinHypercube(4000, 4, rng);
    const y = x.map(([a, b, c]) => rng() < (a > 0.8 || (b < 0.2 && c > 0.5) ? 0.95 : 0.02));
    const boxes = primCovering({ x, y }, { minDensity: 0.9, maxBoxes: 3 });
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    expect(boxes[0].box.restricted).toEqual([0]);
    expect(Math.abs(boxes[0].box.limits[0][0] - 0.8)).toBeLessThan(0.03);
    expect(boxes[1].box.restricted).toEqual([1, 2]);
    expect(Math.abs(boxes[1].box.limits[1][1] - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(boxes[1].box.limits[2][0] - 0.5)).toBeLessThan(0.05);
    // Together they cover most collapses: true share in the two boxes 0.95 * 0.28 / (0.95 * 0.28 + 0.02 * 0.72) = 0.949.
    expect(boxes[1].cumulativeCoverage).toBeGreaterThan(0.85);
    expect(boxes[1].cumulativeCoverage).toBeCloseTo(boxes[0].coverage + boxes[1].coverage, 12);
  });

  it('stops when no box reaches the density asked for, and rejects bad options', () => {
    const rng = seedrandom.alea('flat');
    const x = latinHypercube(500, 2, rng);
    expect(primCovering({ x, y: x.map(() => rng() < 0.2) }, { minDensity: 0.9 })).toEqual([]);
    expect(() => primCovering({ x, y: x.map(() => true) }, { minDensity: 1.5 })).toThrow('primCovering: minDensity must be a number in [0, 1] (got 1.5)');
    expect(() => primCovering({ x, y: x.map(() => true) }, { minDensity: 0.5, maxBoxes: 0 })).toThrow('primCovering: maxBoxes must be an integer in [1, 20] (got 0)');
  });
});

describe('prim invariants (property)', () => {
  it('peels nested boxes whose statistics agree with their counts, ending at or above massMin', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 300 }), fc.integer({ min: 1, max: 4 }), fc.string(), fc.double({ min: 0.05, max: 0.45, noNaN: true }), (n, D, seed, alpha) => {
        const rng = seedrandom.alea(seed);
        const x = Array.from({ length: n }, () => Array.from({ length: D }, () => Math.round(rng() * 20) / 20));
        const y = x.map((row) => rng() < (row[0] > 0.5 ? 0.7 : 0.2));
        y[0] = true;
        const r = prim({ x, y }, { peelAlpha: alpha, massMin: 0.1 });
        const total = y.filter(Boolean).length;
        r.trajectory.forEach((b, i) => {
          expect(b.coverage).toBeCloseTo(b.casesOfInterest / total, 12);
          expect(b.density).toBeCloseTo(b.casesOfInterest / b.runs, 12);
          expect(b.mass).toBeCloseTo(b.runs / n, 12);
          if (i > 0 && i <= r.lastPeel) {
            const prev = r.trajectory[i - 1];
            b.limits.forEach(([lo, hi], j) => {
              expect(lo).toBeGreaterThanOrEqual(prev.limits[j][0]);
              expect(hi).toBeLessThanOrEqual(prev.limits[j][1]);
            });
            expect(b.runs).toBeLessThan(prev.runs);
          }
        });
        expect(r.trajectory[r.lastPeel].runs).toBeGreaterThanOrEqual(Math.ceil(0.1 * n));
      }),
      { numRuns: 60 },
    );
  });
});
