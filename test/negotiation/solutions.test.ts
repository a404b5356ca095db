import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clearlyDominated,
  efficientHull,
  frontierFromVertices,
  idealPoint,
  individuallyRational,
  kalaiSmorodinskyBestPoint,
  kalaiSmorodinskyOnFrontier,
  kalaiSmorodinskyOnHull,
  nashBestPoint,
  nashOnFrontier,
  nashOnHull,
  paretoFrontier,
  zoneOfAgreement,
  dominates,
  type BargainingPoints,
  type UtilityPair,
  rubinsteinOnFrontier,
  rubinsteinShare,
} from '../../src/negotiation/index.ts';

const problem = (pts: number[][], d: number[], se = 0): BargainingPoints => ({
  parties: d.map((_, i) => `p${i}`),
  points: pts.map((u, i) => ({ id: `d${i}`, utility: u, se: u.map(() => se) })),
  disagreement: { utility: d, se: d.map(() => se) },
});

describe('Pareto frontier', () => {
  it('keeps the non-dominated points, sorted by the first utility', () => {
    const r = paretoFrontier([[0, 1], [1, 0], [0.4, 0.4], [0.5, 0.5], [0.5, 0.2]]);
    expect(r.frontier).toEqual([0, 3, 1]);
    expect(r.dominated).toEqual([2, 4]);
    expect(r.ties).toEqual([]);
  });

  it('ties: identical points all stay and are reported; a point equal in one utility and worse in the other is dominated', () => {
    const r = paretoFrontier([[0.5, 0.5], [1, 0], [0.5, 0.5], [0.5, 0.3], [1, 0]]);
    expect(r.frontier).toEqual([0, 2, 1, 4]);
    expect(r.dominated).toEqual([3]);
    expect(r.ties).toEqual([[0, 2], [1, 4]]);
  });

  it('dominated beyond Monte Carlo error, or only within it', () => {
    const pts = [
      { utility: [1, 1], se: [0.01, 0.01] },
      { utility: [0.5, 0.5], se: [0.01, 0.01] }, // far below: clearly dominated
      { utility: [0.99, 0.995], se: [0.01, 0.01] }, // a hair below: only within error
    ];
    expect(paretoFrontier(pts.map((p) => p.utility)).dominated).toEqual([1, 2]);
    expect(clearlyDominated(pts)).toEqual([1]);
    // Exact utilities (se 0): every dominated point is clearly dominated.
    expect(clearlyDominated(pts.map((p) => ({ ...p, se: [0, 0] })))).toEqual([1, 2]);
  });

  it('three parties', () => {
    const r = paretoFrontier([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.2, 0.2, 0.2], [0.1, 0.1, 0.1]]);
    expect(r.frontier).toEqual([0, 1, 2, 3]);
    expect(r.dominated).toEqual([4]);
  });

  it('property: the two-party sweep agrees with the pairwise definition', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([a, b]) => [a / 6, b / 6]);
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 30 }), (pts) => {
        const r = paretoFrontier(pts);
        const brute = pts.map((p, i) => !pts.some((q, j) => j !== i && dominates(q, p)));
        return pts.every((_, i) => r.frontier.includes(i) === brute[i]) && r.frontier.length + r.dominated.length === pts.length;
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('zone of possible agreement', () => {
  it('the designs both sides weakly prefer to no deal; clear only beyond Monte Carlo error', () => {
    const p = problem([[0.5, 0.5], [0.1, 0.9], [0.3, 0.3], [0.9, 0.05]], [0.2, 0.1], 0.01);
    const z = zoneOfAgreement(p);
    expect(z.map((m) => m.id)).toEqual(['d0', 'd2']);
    expect(z[0].gains[0]).toBeCloseTo(0.3, 15);
    expect(z[0].clear).toBe(true);
    // d2: gains 0.1 and 0.2 with se sqrt(2) * 0.01: clear too; shrink the gain below error and it is not.
    const q = problem([[0.205, 0.5]], [0.2, 0.1], 0.01);
    expect(zoneOfAgreement(q)[0].clear).toBe(false);
  });

  it('a design exactly at the outside option is inside (indifference signs)', () => {
    expect(zoneOfAgreement(problem([[0.2, 0.4]], [0.2, 0.1])).map((m) => m.index)).toEqual([0]);
  });
});

describe('Nash bargaining solution', () => {
  it('on a linear frontier: the midpoint of the surplus above the outside options', () => {
    const f = frontierFromVertices([[0, 1], [1, 0]]);
    for (const d of [[0, 0], [0.2, 0], [0.1, 0.5], [0.3, 0.3]] as UtilityPair[]) {
      const s = 1 - d[0] - d[1];
      const n = nashOnFrontier(f, d)!;
      expect(n.utility[0]).toBeCloseTo(d[0] + s / 2, 14);
      expect(n.utility[1]).toBeCloseTo(d[1] + s / 2, 14);
      expect(n.method).toBe('frontier-interpolation');
      expect(n.segment).toBe(0);
      expect(n.weight).toBeCloseTo(d[0] + s / 2, 14);
    }
  });

  it('a linear frontier given with many vertices, and one with another slope (u1 = 2 - 2 u0)', () => {
    const f = frontierFromVertices([[0, 2], [0.25, 1.5], [0.5, 1], [0.9, 0.2], [1, 0]]);
    const n = nashOnFrontier(f, [0.1, 0.2])!;
    // Gains x = u0 - 0.1, y = u1 - 0.2 on y = 1.6 - 2x: the product peaks at x = 0.4.
    expect(n.utility[0]).toBeCloseTo(0.5, 14);
    expect(n.utility[1]).toBeCloseTo(1, 14);
    expect(n.method).toBe('frontier-vertex');
  });

  it('at a kink when both segments peak beyond it', () => {
    const n = nashOnFrontier(frontierFromVertices([[0, 1], [0.5, 0.8], [1, 0]]), [0, 0])!;
    expect(n.utility).toEqual([0.5, 0.8]);
    expect(n.method).toBe('frontier-vertex');
  });

  it('asymmetric: bargaining power a takes share a of the surplus on a linear frontier', () => {
    const n = nashOnFrontier(frontierFromVertices([[0, 1], [1, 0]]), [0, 0], 0.7)!;
    expect(n.utility[0]).toBeCloseTo(0.7, 14);
  });

  it('no individually rational point: null', () => {
    expect(nashOnFrontier(frontierFromVertices([[0, 1], [1, 0]]), [0.6, 0.6])).toBeNull();
    expect(nashBestPoint(problem([[0.1, 0.1]], [0.2, 0.2]))).toBeNull();
  });

  it('on a finite set: the best design, with ties reported', () => {
    const p = problem([[0.5, 0.5], [0.9, 0.2], [0.2, 0.9], [0.6, 0.4], [0.4, 0.6]], [0, 0]);
    const b = nashBestPoint(p)!;
    expect(b.id).toBe('d0');
    expect(b.value).toBeCloseTo(0.25, 15);
    const t = nashBestPoint(problem([[0.6, 0.4], [0.4, 0.6], [0.1, 0.1]], [0, 0]))!;
    expect(t.ties).toEqual([0, 1]);
    expect(t.index).toBe(0);
  });

  it('on the convex hull of designs: the exact point between two designs, said which', () => {
    // Designs at (0, 1), (1, 0) and a dominated one; the hull's frontier is the chord.
    const p = problem([[0, 1], [1, 0], [0.3, 0.3]], [0.2, 0]);
    const n = nashOnHull(p)!;
    expect(n.method).toBe('frontier-interpolation');
    expect(n.between).toEqual([0, 1]);
    expect(n.utility[0]).toBeCloseTo(0.6, 14);
    expect(n.weight).toBeCloseTo(0.6, 14);
    // The finite answer is a design: of the three only d1 (gains 0.8, 0) and d2 (0.1, 0.3) are in the zone.
    const b = nashBestPoint(p)!;
    expect(b.id).toBe('d2');
    expect(b.value).toBeCloseTo(0.03, 15);
  });

  it('property: on the hull, the Nash point weakly beats every design and lies on no dominated spot', () => {
    const pt = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 25 }), (pts) => {
        const p = problem(pts, [0, 0]);
        const n = nashOnHull(p);
        const best = nashBestPoint(p);
        if (!n || !best) return n === null && best === null;
        return n.value >= Math.sqrt(best.value) - 1e-12 && !pts.some((q) => dominates(q, n.utility) && q[0] - n.utility[0] > 1e-9 && q[1] - n.utility[1] > 1e-9);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('Kalai-Smorodinsky solution', () => {
  it('on a linear frontier with asymmetric ideal: (1, 0.5) on u0 / 2 + u1 = 1', () => {
    const k = kalaiSmorodinskyOnFrontier(frontierFromVertices([[0, 1], [2, 0]]), [0, 0])!;
    expect(k.utility[0]).toBeCloseTo(1, 14);
    expect(k.utility[1]).toBeCloseTo(0.5, 14);
  });

  it('on a linear frontier it is the midpoint of the surplus above the outside options, like Nash', () => {
    const f = frontierFromVertices([[0, 1], [1, 0]]);
    const k = kalaiSmorodinskyOnFrontier(f, [0.2, 0.1])!;
    expect(k.utility[0]).toBeCloseTo(0.55, 14);
    expect(k.utility[1]).toBeCloseTo(0.45, 14);
  });

  it('on a kinked frontier, where it differs from Nash', () => {
    // Ideal (1, 1); the diagonal meets the segment (0.5, 0.8)-(1, 0), u1 = 1.6 - 1.6 u0, at u0 = 1.6 / 2.6.
    const k = kalaiSmorodinskyOnFrontier(frontierFromVertices([[0, 1], [0.5, 0.8], [1, 0]]), [0, 0])!;
    expect(k.utility[0]).toBeCloseTo(1.6 / 2.6, 14);
    expect(k.utility[1]).toBeCloseTo(1.6 / 2.6, 14);
    expect(k.method).toBe('frontier-interpolation');
    expect(k.segment).toBe(1);
  });

  it('the ideal point comes from the individually rational part only', () => {
    // With d = (0.25, 0.5) the frontier u0 + u1 = 1 is cut to [(0.25, 0.75), (0.5, 0.5)]: ideal (0.5, 0.75).
    const f = frontierFromVertices([[0, 1], [1, 0]]);
    expect(individuallyRational(f, [0.25, 0.5])).toEqual([[0.25, 0.75], [0.5, 0.5]]);
    const k = kalaiSmorodinskyOnFrontier(f, [0.25, 0.5])!;
    expect(k.utility[0]).toBeCloseTo(0.375, 14);
  });

  it('on a finite set: the design with the largest smallest normalised gain', () => {
    const p = problem([[1, 0.1], [0.1, 1], [0.55, 0.5], [0.5, 0.55], [0.6, 0.2]], [0, 0]);
    expect(idealPoint(p)).toEqual([1, 1]);
    const k = kalaiSmorodinskyBestPoint(p)!;
    expect(k.ties).toEqual([2, 3]);
    expect(k.value).toBeCloseTo(0.5, 15);
    // A tie broken by the larger sum of normalised gains, then the lower index.
    expect(k.index).toBe(2);
  });

  it('on the hull of designs: interpolated between the two designs it falls between', () => {
    const k = kalaiSmorodinskyOnHull(problem([[0, 1], [2, 0], [0.5, 0.2]], [0, 0]))!;
    expect(k.between).toEqual([0, 1]);
    expect(k.utility[0]).toBeCloseTo(1, 14);
    expect(k.weight).toBeCloseTo(0.5, 14);
  });
});

describe('efficient hull', () => {
  it('keeps designs on a hull edge, so a solution is named by its neighbours', () => {
    const h = efficientHull([[1, 0], [0, 1], [0.5, 0.5], [0.25, 0.75]]);
    expect(h.source).toEqual([1, 3, 2, 0]);
  });

  it('drops designs under the chord, dominated designs and repeats', () => {
    const h = efficientHull([[0, 1], [0.5, 0.4], [1, 0], [0.2, 0.2], [1, 0], [0, 0.5], [0.6, 0.6]]);
    expect(h.vertices).toEqual([[0, 1], [0.6, 0.6], [1, 0]]);
    expect(h.source).toEqual([0, 6, 2]);
  });
});

describe('Rubinstein on a frontier', () => {
  it('on the linear frontier: the closed-form share, for several discount pairs and breakdown risks', () => {
    const f = frontierFromVertices([[0, 1], [1, 0]]);
    for (const [d0, d1, q] of [[0.9, 0.9, 0], [0.5, 0.8, 0], [0.95, 0.6, 0.1], [0.3, 0.99, 0.4]]) {
      const r = rubinsteinOnFrontier(f, [0, 0], d0, d1, q)!;
      expect(r.partyZeroProposes.utility[0]).toBeCloseTo(rubinsteinShare(d0, d1, q), 14);
      expect(r.partyOneProposes.utility[1]).toBeCloseTo(rubinsteinShare(d1, d0, q), 14);
    }
  });

  it('gains over the outside options: the surplus above d is split', () => {
    const r = rubinsteinOnFrontier(frontierFromVertices([[0, 1], [1, 0]]), [0.2, 0.3], 0.9, 0.9)!;
    expect(r.partyZeroProposes.utility[0]).toBeCloseTo(0.2 + 0.5 / 1.9, 14);
  });

  it('as discounting vanishes it tends to the Nash solution (Binmore, Rubinstein & Wolinsky)', () => {
    const f = frontierFromVertices([[0, 1], [0.3, 0.95], [0.7, 0.6], [1, 0]]);
    const d: UtilityPair = [0.1, 0.05];
    // Equal rates: the symmetric Nash point. Rates r0 = 1, r1 = 3: power 3/4 for party 0.
    for (const [r0, r1] of [[1, 1], [1, 3]]) {
      const nash = nashOnFrontier(f, d, r1 / (r0 + r1))!;
      const gaps = [1e-2, 1e-3, 1e-4].map((dt) => {
        const r = rubinsteinOnFrontier(f, d, Math.exp(-r0 * dt), Math.exp(-r1 * dt))!;
        return Math.abs(r.partyZeroProposes.utility[0] - nash.utility[0]);
      });
      expect(gaps[1]).toBeLessThan(gaps[0]);
      expect(gaps[2]).toBeLessThan(1e-4);
    }
  });
});

describe('solutions on random frontiers (properties)', () => {
  // A random concave decreasing frontier: the efficient hull of random points.
  const frontierArb = fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 20 })
    .map((pts) => efficientHull(pts as UtilityPair[]));
  const dArb = fc.tuple(fc.double({ min: -0.2, max: 0.5, noNaN: true }), fc.double({ min: -0.2, max: 0.5, noNaN: true })) as fc.Arbitrary<UtilityPair>;
  const along = (f: ReturnType<typeof efficientHull>, k: number, s: number): UtilityPair => {
    const a = f.vertices[k];
    const b = f.vertices[k + 1];
    return [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
  };

  it('Nash: no point of the frontier has a larger product of gains (checked on 21 points per segment)', () => {
    fc.assert(
      fc.property(frontierArb, dArb, fc.double({ min: 0.1, max: 0.9, noNaN: true }), (f, d, a) => {
        const n = nashOnFrontier(f, d, a);
        if (!n) return individuallyRational(f, d) === null;
        const value = (p: UtilityPair) => (p[0] >= d[0] && p[1] >= d[1] ? (p[0] - d[0]) ** a * (p[1] - d[1]) ** (1 - a) : -1);
        for (let k = 0; k + 1 < f.vertices.length; k++) for (let i = 0; i <= 20; i++) if (value(along(f, k, i / 20)) > n.value + 1e-12) return false;
        return f.vertices.every((v) => value(v) <= n.value + 1e-12);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('Kalai-Smorodinsky: on the frontier, on the ray from d to the ideal point', () => {
    fc.assert(
      fc.property(frontierArb, dArb, (f, d) => {
        const k = kalaiSmorodinskyOnFrontier(f, d);
        const v = individuallyRational(f, d);
        if (!k) return v === null;
        const ideal: UtilityPair = [v![v!.length - 1][0], v![0][1]];
        const cross = (k.utility[0] - d[0]) * (ideal[1] - d[1]) - (k.utility[1] - d[1]) * (ideal[0] - d[0]);
        // On the frontier: the located segment reproduces the point.
        const onIt = f.vertices.length === 1 || (k.method === 'frontier-vertex' ? f.vertices[k.segment] : along(f, k.segment, k.weight));
        const back = onIt === true ? k.utility : onIt;
        return Math.abs(cross) < 1e-9 && Math.abs(back[0] - k.utility[0]) < 1e-9 && Math.abs(back[1] - k.utility[1]) < 1e-9;
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
