import { describe, expect, it } from 'vitest';
import { ChunkService, type BatchSpec } from '../../src/montecarlo/chunk-runner.ts';
import { installPlanStore, PlanStore } from '../../src/browser/plan-store.ts';
import { PlanExchange, partBytes, type PlanPeer } from '../../src/browser/plan-exchange.ts';
import { shortBaseline } from '../montecarlo/helpers.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

/**
 * Plan sharing between chunk workers (src/browser/plan-store.ts, plan-exchange.ts),
 * with each "worker" a PlanStore and ChunkService in this thread: a chunk run on
 * parts solved elsewhere is bit for bit the chunk run on parts solved where it ran.
 */
const RUNS = 60;

function batch(scenario: Scenario, key = 'k'): BatchSpec {
  return { key, scenario, masterSeed: 7, sampleSize: 20 };
}

/** One in-thread worker: its store, its chunk service, and the exchange's view of it (calls async, as across threads). */
function worker(fail?: { solve?: boolean }) {
  const store = new PlanStore();
  const service = new ChunkService(store.runnerFactory);
  let solveCalls = 0;
  const peer: PlanPeer = {
    solve: async (ids) => {
      solveCalls++;
      if (fail?.solve) throw new Error('worker died');
      return structuredClone(store.solve(ids));
    },
    install: async (parts) => store.install(structuredClone(parts)),
  };
  return {
    store,
    peer,
    solveCalls: () => solveCalls,
    prepare(b: BatchSpec) {
      service.prepare(b);
      return store.describe();
    },
    run: (b: BatchSpec, first = 0, count = RUNS) => service.runChunk({ key: b.key, index: 0, first, count }),
  };
}

describe('plan store', () => {
  it('finds the plan members it reads (a rename in plan.ts switches sharing off and fails here)', () => {
    expect(installPlanStore()).toBe(true);
    expect(new PlanStore().active).toBe(true);
  });

  it('a chunk on parts solved by another worker equals the chunk solved where it ran, and solves nothing itself', () => {
    const scenario = shortBaseline();
    const reference = (() => {
      const s = new ChunkService();
      s.prepare(batch(scenario));
      return s.runChunk({ key: 'k', index: 0, first: 0, count: RUNS });
    })();
    const solver = worker();
    const { all } = solver.prepare(batch(scenario));
    // Three types, four decision units (three benchmarks and all together), three credibility points.
    expect(all.length).toBe(36);
    const parts = structuredClone(solver.store.solve(all));
    expect(parts.map((p) => p.id)).toEqual(all);
    const taker = worker();
    taker.prepare(batch(scenario));
    taker.store.install(parts);
    const got = taker.run(batch(scenario));
    expect(taker.store.usage().solvedByRuns).toBe(0);
    expect(taker.store.usage().used.length).toBeGreaterThan(0);
    expect(got).toEqual(reference);
  });
});

describe('plan exchange', () => {
  it('two workers split the solve, each ends with every part, and their chunks are the exact chunks', async () => {
    const scenario = shortBaseline();
    const exchange = new PlanExchange();
    const a = worker();
    const b = worker();
    const spec = batch(scenario);
    await Promise.all([exchange.join('d1', a.peer, a.prepare(spec)), exchange.join('d1', b.peer, b.prepare(spec))]);
    expect(exchange.solvedCount).toBe(36);
    // Claimed one part at a time, in turns: both solved some.
    expect(a.solveCalls()).toBeGreaterThan(0);
    expect(b.solveCalls()).toBeGreaterThan(0);
    expect(a.solveCalls() + b.solveCalls()).toBe(36);
    expect(a.store.held().length).toBe(36);
    expect(b.store.held().length).toBe(36);
    const reference = new ChunkService();
    reference.prepare(spec);
    expect(a.run(spec, 0, 40)).toEqual(reference.runChunk({ key: 'k', index: 0, first: 0, count: 40 }));
    expect(b.run(spec, 40, 40)).toEqual(reference.runChunk({ key: 'k', index: 0, first: 40, count: 40 }));
    expect(a.store.usage().solvedByRuns + b.store.usage().solvedByRuns).toBe(0);
  });

  it('a design already solved is not solved again (a new seed, or workers started afresh)', async () => {
    const scenario = shortBaseline();
    const exchange = new PlanExchange();
    const a = worker();
    await exchange.join('d1', a.peer, a.prepare(batch(scenario, 'seed7')));
    expect(exchange.solvedCount).toBe(36);
    const fresh = worker();
    await exchange.join('d1', fresh.peer, fresh.prepare({ ...batch(scenario, 'seed8'), masterSeed: 8 }));
    expect(exchange.solvedCount).toBe(36);
    expect(fresh.solveCalls()).toBe(0);
    expect(fresh.store.held().length).toBe(36);
    expect(exchange.keptDesigns()).toEqual(['d1']);
  });

  it('solves ahead only the parts the last design used', async () => {
    const exchange = new PlanExchange();
    const a = worker();
    const first = shortBaseline();
    await exchange.join('d1', a.peer, a.prepare(batch(first, 'k1')));
    // One run meets one type, but the coalition's belief reads every type's plan on the
    // compliant path (actors/coalition/type-behaviour.ts): some parts of each, never all.
    a.run(batch(first, 'k1'), 0, 1);
    const used = a.store.usage().used;
    expect(used.length).toBeGreaterThan(0);
    expect(used.length).toBeLessThan(36);
    const second = { ...first, metadata: { ...first.metadata, name: 'edited' } };
    const before = exchange.solvedCount;
    const report = a.prepare(batch(second, 'k2'));
    expect(report.previousUsed?.sort()).toEqual([...used].sort());
    await exchange.join('d2', a.peer, report);
    expect(exchange.solvedCount - before).toBe(used.length);
  });

  it("a worker that dies leaves its part to the others, and the survivor's join ends with every part", async () => {
    const scenario = shortBaseline();
    const exchange = new PlanExchange();
    const dead = worker({ solve: true });
    const live = worker();
    const spec = batch(scenario);
    const joins = [exchange.join('d1', dead.peer, dead.prepare(spec)), exchange.join('d1', live.peer, live.prepare(spec))];
    await expect(joins[0]).rejects.toThrow('worker died');
    await joins[1];
    expect(live.store.held().length).toBe(36);
    expect(exchange.solvedCount).toBe(36);
  });

  it('a newer design ends the older round at once, and keeps designs up to its byte budget', async () => {
    const scenario = shortBaseline();
    const probe = worker();
    const design = probe.store.solve(probe.prepare(batch(scenario)).all).reduce((n, p) => n + partBytes(p), 0);
    // Room for one design and a half.
    const exchange = new PlanExchange(design * 1.5);
    const a = worker();
    const b = worker();
    const old = exchange.join('d1', a.peer, a.prepare(batch(scenario, 'k1')));
    const other = { ...scenario, metadata: { ...scenario.metadata, name: 'other' } };
    await exchange.join('d2', b.peer, b.prepare(batch(other, 'k2')));
    await old;
    // The first round ended with the second's start: only the second design is kept.
    expect(exchange.keptDesigns()).toEqual(['d2']);
    await exchange.join('d3', a.peer, a.prepare(batch({ ...scenario, metadata: { ...scenario.metadata, name: 'third' } }, 'k3')));
    expect(exchange.keptDesigns()).toEqual(['d3']);
  });
});
