import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createInThreadPool,
  mergePartials,
  parseBatchPartial,
  runMonteCarlo,
  runMonteCarloPartial,
  summarizePartial,
  type BatchPartial,
} from '../../src/montecarlo/index.ts';
import { createNodePool } from '../../src/node/index.ts';
import { loadBaseline, scramblingPool, shortBaseline } from './helpers.ts';

const RUNS = 700;
const SEED = 20240611;

describe('bit-identical summaries whatever the split', () => {
  const baseline = loadBaseline();
  const pools = new Map<number, ReturnType<typeof createNodePool>>();
  const poolOf = (n: number) => pools.get(n) ?? pools.set(n, createNodePool({ workers: n })).get(n)!;
  afterAll(async () => {
    await Promise.all([...pools.values()].map((p) => p.close()));
  });

  it('1 (calling thread), 2 and 4 worker threads and chunk sizes 1..700 give the same JSON bytes', async () => {
    // The calling thread's batches share one service, so the design's plans are solved once there.
    const inThread = createInThreadPool();
    const reference = JSON.stringify(await runMonteCarlo(baseline, { runs: RUNS, masterSeed: SEED, pool: inThread }));
    const cases: [workers: number, chunkSize: number][] = [
      [1, 1],
      [1, 700],
      [2, 64],
      [2, 37],
      [4, 13],
      [4, 256],
    ];
    for (const [workers, chunkSize] of cases) {
      const pool = workers > 1 ? poolOf(workers) : inThread;
      const json = JSON.stringify(await runMonteCarlo(baseline, { runs: RUNS, masterSeed: SEED, chunkSize, pool }));
      expect(json, `${workers} workers, chunk ${chunkSize}`).toBe(reference);
    }
    // 8 and 16 workers finishing chunks in scrambled orders (in-process, so many workers stay cheap).
    for (const [workers, chunkSize, order] of [[8, 9, 1], [8, 50, 2], [16, 3, 3]]) {
      const json = JSON.stringify(await runMonteCarlo(baseline, { runs: RUNS, masterSeed: SEED, chunkSize, pool: scramblingPool(workers, order) }));
      expect(json, `${workers} scrambled workers, chunk ${chunkSize}`).toBe(reference);
    }
    // Guard against a vacuous pass: a different seed must give a different summary.
    expect(JSON.stringify(await runMonteCarlo(baseline, { runs: RUNS, masterSeed: SEED + 1, pool: inThread }))).not.toBe(reference);
    await inThread.close();
    // Each worker pool solves the design's plans in every worker (about 3 s of CPU each): 44 s here on 2 cores, which CI's default 60 s once missed.
  }, 180_000);

  it('shards merged in any grouping equal one unsharded run, byte for byte, also through JSON files', async () => {
    const scenario = shortBaseline(18);
    const runs = 503;
    const whole = JSON.stringify(await runMonteCarlo(scenario, { runs, masterSeed: 9 }));
    const parts: BatchPartial[] = [];
    for (let i = 1; i <= 5; i++) {
      const p = await runMonteCarloPartial(scenario, { runs, masterSeed: 9, shard: { index: i, count: 5 }, pool: i % 2 ? poolOf(2) : undefined });
      parts.push(parseBatchPartial(JSON.stringify(p), `part-${i}.json`));
    }
    const [a, b, c, d, e] = parts;
    expect(JSON.stringify(summarizePartial(mergePartials(parts)))).toBe(whole);
    expect(JSON.stringify(summarizePartial(mergePartials([e, c, a, d, b])))).toBe(whole);
    // Associative: ((a b) c) (d e) = a (b (c (d e))), as partials and as summaries.
    const left = mergePartials([mergePartials([mergePartials([a, b]), c]), mergePartials([d, e])]);
    const right = mergePartials([a, mergePartials([b, mergePartials([c, mergePartials([d, e])])])]);
    expect(JSON.stringify(left)).toBe(JSON.stringify(right));
    expect(JSON.stringify(summarizePartial(left))).toBe(whole);
    // Missing a shard: the merge says so instead of pretending to be whole.
    const four = summarizePartial(mergePartials([a, b, d, e]));
    expect(four.partial).toBe(true);
    expect(four.runs).toBe(runs - c.completed[0][1]);
  });

  it('refuses to merge a run twice, or parts of different batches', async () => {
    const scenario = shortBaseline(6);
    const p1 = await runMonteCarloPartial(scenario, { runs: 40, masterSeed: 1, shard: { index: 1, count: 2 } });
    const other = await runMonteCarloPartial(scenario, { runs: 40, masterSeed: 2, shard: { index: 2, count: 2 } });
    expect(() => mergePartials([p1, p1], ['a.json', 'b.json'])).toThrow(/b\.json overlaps/);
    expect(() => mergePartials([p1, other], ['a.json', 'b.json'])).toThrow(/b\.json: masterSeed is 2 but a\.json has 1/);
    expect(() => parseBatchPartial('{"format":"x"}', 'c.json')).toThrow(/c\.json: not a relief-lab batch partial/);
  });

  it('property: any chunk size and any shard count give the same summary (calling thread)', async () => {
    const scenario = shortBaseline(8);
    const runs = 90;
    const reference = JSON.stringify(await runMonteCarlo(scenario, { runs, masterSeed: 77, sampleSize: 5 }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 9 }), async (chunkSize, shards) => {
        const parts: BatchPartial[] = [];
        for (let i = 1; i <= shards; i++) parts.push(await runMonteCarloPartial(scenario, { runs, masterSeed: 77, sampleSize: 5, chunkSize, shard: { index: i, count: shards } }));
        expect(JSON.stringify(summarizePartial(mergePartials(parts.reverse())))).toBe(reference);
      }),
      { numRuns: 25, seed: 4 },
    );
  });
});
