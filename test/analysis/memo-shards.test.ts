import { describe, expect, it } from 'vitest';
import { libraryShocks, memoShard, memoStudies, parseMemoPartial, type MemoPartial } from '../../src/analysis/studies/index.ts';
import { runMonteCarlo, runMonteCarloPartial } from '../../src/montecarlo/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const load = (f: string): Scenario => {
  const r = loadScenarioFile(f);
  if (!r.ok) throw new Error(f);
  return r.scenario;
};
const base = load('scenarios/step-for-step.yaml');
const alternative = load('scenarios/front-loaded.yaml');
const batchRuns = 30;
// Three shocks, one lever at three levels (3 points... plus the base), two compared scenarios: shard 3 of 3 holds no comparison.
const memo = {
  runsPerPoint: 6,
  masterSeed: 5,
  batchRuns,
  alternative,
  audit: false as const,
  shocks: libraryShocks(base, 10).slice(0, 3),
  sweepRanges: { 'design.verification.detectionProbability': [0.4, 0.9] as [number, number] },
  runBatch: (s: Scenario) => runMonteCarlo(s, { runs: batchRuns, masterSeed: 5 }),
};
const shardOf = (index: number, count: number) =>
  memoShard(base, { ...memo, shard: { index, count }, runBatchPartial: (s, share) => runMonteCarloPartial(s, { runs: batchRuns, masterSeed: 5, shard: share }) });
// As a cluster job writes and reads it: through JSON and the reader.
const roundTrip = (p: MemoPartial, i: number) => parseMemoPartial(JSON.stringify(p), `part${i}.json`);

describe('a memo on a cluster (memoShard, memoStudies with memoParts)', () => {
  it('combined from 3 shards, in any order, equals the unsharded memo; the shard past the comparison holds none of it', async () => {
    const whole = await memoStudies(base, memo);
    const parts = await Promise.all([1, 2, 3].map((i) => shardOf(i, 3)));
    expect(parts.map((p) => p.complete)).toEqual([true, true, true]);
    expect(parts.map((p) => p.comparison === null)).toEqual([false, false, true]);
    expect(parts.map((p) => p.batch!.assigned)).toEqual([[[0, 10]], [[10, 10]], [[20, 10]]]);
    const combined = await memoStudies(base, { ...memo, memoParts: [parts[2], parts[0], parts[1]].map(roundTrip) });
    expect(combined.complete).toBe(true);
    expect(JSON.stringify(combined.batch)).toBe(JSON.stringify(whole.batch));
    expect(combined.stress).toEqual(whole.stress);
    expect(combined.sweep?.sweep).toEqual(whole.sweep?.sweep);
    expect(combined.sweep?.differences).toEqual(whole.sweep?.differences);
    // A point's undefined intervals (NaN) travel in a part's JSON as null, as in every experiment partial: compared as JSON.
    expect(JSON.stringify(combined.comparison?.evaluation.points)).toBe(JSON.stringify(whole.comparison?.evaluation.points));
  }, 120_000);

  it('refuses, naming the part: a missing or repeated shard, another memo, a share that is not the shard\'s, and N above the batch', async () => {
    const parts = (await Promise.all([1, 2].map((i) => shardOf(i, 2)))).map(roundTrip);
    const combine = (memoParts: MemoPartial[], over = memo) => memoStudies(base, { ...over, memoParts });
    await expect(combine([parts[0]])).rejects.toThrow(/shard 2\/2 missing/);
    await expect(combine([parts[0], parts[0]])).rejects.toThrow(/part 2 \(shard 1\/2\): shard 1\/2 is given twice/);
    await expect(combine(parts, { ...memo, runsPerPoint: 7 })).rejects.toThrow(/part 1 belongs to another memo/);
    const moved = { ...parts[1], batch: { ...parts[1].batch!, assigned: [[0, 15]] as [number, number][] } };
    await expect(combine([parts[0], moved])).rejects.toThrow(/part 2 \(shard 2\/2\): its batch is not that shard's share/);
    await expect(shardOf(1, batchRuns + 1)).rejects.toThrow(/--shard.*1\/31: needs 1 <= i <= N <= 30/);
    expect(() => parseMemoPartial('{"format":"relief-lab/memo-partial@1"}', 'x.json')).toThrow(/x.json is not a memo partial/);
  }, 120_000);
});
