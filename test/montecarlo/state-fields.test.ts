import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchAccumulator, stateBuffers } from '../../src/montecarlo/accumulator.ts';
import { batchLayout } from '../../src/montecarlo/layout.ts';
import { mergePartials, runMonteCarloPartial } from '../../src/montecarlo/index.ts';
import { base64ToFloat64 } from '../../src/montecarlo/encoding.ts';
import { DENSE_FIELDS, STRUCTURED_FIELDS, stateFieldsMarkdown } from '../../src/montecarlo/state-fields.ts';
import { shortBaseline } from './helpers.ts';

describe('the accumulator state field table', () => {
  it('is the table docs/experiments.md shows', () => {
    expect(readFileSync(new URL('../../docs/experiments.md', import.meta.url), 'utf8')).toContain(stateFieldsMarkdown());
  });

  it("a partial file's state holds exactly the table's fields, in its order", async () => {
    const p = await runMonteCarloPartial(shortBaseline(12), { runs: 40, masterSeed: 2 });
    const names = STRUCTURED_FIELDS.map((f) => f.name as string).filter((n) => n !== 'completed' && n !== 'samples');
    expect(Object.keys(p.state)).toEqual([...names, ...DENSE_FIELDS.map((f) => f.name), 'samples']);
  });

  it('every dense field has its length, its empty value, and merges as the table says', async () => {
    const s = shortBaseline(12);
    const L = batchLayout(s.horizonPeriods);
    const empty = new BatchAccumulator(L, 0);
    for (const f of DENSE_FIELDS) {
      expect(empty.dense[f.name].length, f.name).toBe(f.length(L));
      expect(empty.dense[f.name].every((x) => Object.is(x, f.empty)), f.name).toBe(true);
    }
    // Two shards and their merge: each dense field of the merge is the sum, min or max of the parts'.
    const parts = await Promise.all([1, 2].map((i) => runMonteCarloPartial(s, { runs: 60, masterSeed: 4, shard: { index: i, count: 2 } })));
    const merged = mergePartials(parts);
    for (const f of DENSE_FIELDS) {
      const [a, b, m] = [parts[0], parts[1], merged].map((p) => base64ToFloat64(p.state[f.name], f.name));
      const expected = a.map((x, i) => (f.merge === 'add' ? x + b[i] : f.merge === 'min' ? Math.min(x, b[i]) : Math.max(x, b[i])));
      expect(Array.from(m), f.name).toEqual(Array.from(expected));
    }
  });

  it('a state whose dense field has the wrong length is refused, naming the field', () => {
    const L = batchLayout(12);
    const st = new BatchAccumulator(L, 0).exportState();
    for (const f of DENSE_FIELDS) {
      const bad = { ...st, [f.name]: new Float64Array(f.length(L) + 1) };
      expect(() => new BatchAccumulator(L, 0).absorbState(bad), f.name).toThrow(new RegExp(`^${f.name} has ${f.length(L) + 1} numbers; expected ${f.length(L)}$`));
    }
    // Transfers carry every field: the arena when there is one, else each array's buffer.
    expect(stateBuffers(st)).toEqual([st.arena]);
    const { arena: _arena, ...loose } = st;
    expect(stateBuffers({ ...loose, ...Object.fromEntries(DENSE_FIELDS.map((f) => [f.name, new Float64Array(f.length(L))])) }).length).toBeGreaterThanOrEqual(DENSE_FIELDS.length);
  });
});
