import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchLayout } from '../../src/montecarlo/layout.ts';
import { MomentTree, momentsLength } from '../../src/montecarlo/moments.ts';
import { sketchKey, sketchKeyValue, SKETCH_RELATIVE_ACCURACY, SKETCH_EXACT_INTEGERS, SKETCH_ZERO_BELOW } from '../../src/montecarlo/value-sketch.ts';
import { SHARE_BINS, shareBin, shareBinValue } from '../../src/montecarlo/share-histogram.ts';
import { RunRanges } from '../../src/montecarlo/run-ranges.ts';

/** Building blocks of the accumulators, checked on their own (property tests). */
describe('canonical moment tree', () => {
  const layout = batchLayout(2);
  const M = momentsLength(layout);
  const leaf = (runIndex: number, values: number[]) => {
    const data = new Float64Array(M);
    values.forEach((x, e) => (data[e] = x));
    // One summary metric defined, the others undefined (count 0).
    data[2 * layout.periodEntries] = 1;
    data[2 * layout.periodEntries + layout.summaryMetrics.length] = values[0];
    return { level: 0, index: runIndex, runs: 1, data };
  };

  it('gives the same bits for any insertion order and any grouping into sub-trees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: layout.periodEntries, maxLength: layout.periodEntries }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.nat(), { maxLength: 100 }),
        fc.integer({ min: 1, max: 7 }),
        (runs, first, order, groups) => {
          const ref = new MomentTree(layout);
          runs.forEach((v, i) => ref.insert(leaf(first + i, v)));
          // Shuffle the runs into a few groups (contiguous ranges), build each group in a shuffled order, then merge the groups in another order.
          const idx = runs.map((_, i) => i);
          for (let k = 0; k < order.length && idx.length > 1; k++) {
            const a = order[k] % idx.length;
            const b = (order[k] >> 3) % idx.length;
            [idx[a], idx[b]] = [idx[b], idx[a]];
          }
          const cut = (i: number) => Math.floor((i * runs.length) / groups);
          const trees = Array.from({ length: groups }, () => new MomentTree(layout));
          for (const i of idx) trees[[...Array(groups).keys()].findIndex((g) => i >= cut(g) && i < cut(g + 1))].insert(leaf(first + i, runs[i]));
          const merged = new MomentTree(layout);
          for (const t of trees.reverse()) for (const n of t.nodesInOrder()) merged.insert(n);
          const a = ref.fold();
          const b = merged.fold();
          expect(b.runs).toBe(runs.length);
          expect(Array.from(b.data)).toEqual(Array.from(a.data));
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('refuses a run added twice', () => {
    const t = new MomentTree(layout);
    t.insert(leaf(4, new Array(layout.periodEntries).fill(1)));
    expect(() => t.insert(leaf(4, new Array(layout.periodEntries).fill(0)))).toThrow(/added twice/);
  });
});

describe('value sketch buckets', () => {
  it('represent every value within the stated relative accuracy, whole numbers up to 1024 exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        const v = sketchKeyValue(sketchKey(x));
        if (Math.abs(x) < SKETCH_ZERO_BELOW) expect(v).toBe(0);
        else if (Number.isInteger(x) && Math.abs(x) <= SKETCH_EXACT_INTEGERS) expect(v).toBe(x);
        else expect(Math.abs(v - x)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * Math.abs(x));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it('are ordered like the values they hold', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x, y) => {
        if (x < y && sketchKey(x) !== sketchKey(y)) expect(sketchKeyValue(sketchKey(x))).toBeLessThan(sketchKeyValue(sketchKey(y)) + SKETCH_RELATIVE_ACCURACY * Math.abs(y) * 2);
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});

describe('share bins', () => {
  it('hold 0 and 1 exactly and put every share within half a bin of its bin value', () => {
    expect(shareBinValue(shareBin(0))).toBe(0);
    expect(shareBinValue(shareBin(1))).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        expect(Math.abs(shareBinValue(shareBin(x)) - x)).toBeLessThanOrEqual(0.5 / SHARE_BINS + 1e-15);
      }),
      { numRuns: 5000, seed: 9 },
    );
  });
});

describe('run ranges', () => {
  it('coalesce adjacent ranges and refuse overlaps', () => {
    const r = RunRanges.of([[10, 5], [0, 10], [20, 5]]);
    expect(r.list()).toEqual([[0, 15], [20, 5]]);
    expect(r.count).toBe(20);
    expect(r.hull).toEqual({ first: 0, count: 25 });
    expect(() => r.add(14, 2)).toThrow(/\[14, 15\) are covered twice/);
  });
});
