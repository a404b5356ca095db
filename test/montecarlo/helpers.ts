import { readFileSync } from 'node:fs';
import { readScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { ChunkService, createWorkerPool, type MonteCarloPool, type WorkerHandle } from '../../src/montecarlo/index.ts';
import { spawnNodeWorker, type NodeWorkerHandle } from '../../src/node/index.ts';
import { PlanCache } from '../../src/engine/deterrence/plan-cache.ts';

export function loadBaseline(): Scenario {
  const r = readScenario(readFileSync(new URL('../../scenarios/baseline.yaml', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.scenario;
}

/** The baseline with a shorter horizon, so batches in tests stay fast but keep every mechanism. */
export function shortBaseline(horizonPeriods = 24): Scenario {
  const s = loadBaseline();
  return { ...s, horizonPeriods, design: { ...s.design, tranches: s.design.tranches.filter((t) => t.earliestPeriod < horizonPeriods) } };
}

/**
 * A real worker_threads pool whose threads are tracked until they have exited, so
 * a test can check that nothing is left running (no orphaned workers).
 */
export function trackedNodePool(workers: number, entry?: URL): { pool: MonteCarloPool; live: Set<NodeWorkerHandle>; spawned: () => number } {
  const live = new Set<NodeWorkerHandle>();
  let spawned = 0;
  const pool = createWorkerPool(workers, (batch) => {
    const h = spawnNodeWorker(entry, batch);
    spawned++;
    live.add(h);
    void h.exited.then(() => live.delete(h));
    return h;
  });
  return { pool, live, spawned: () => spawned };
}

/**
 * A pool of `size` in-process "workers" that finish chunks in a scrambled order
 * (each waits a pseudo-random number of event-loop turns), to show that arrival
 * order cannot change a result. No threads: cheap enough for many workers.
 */
export function scramblingPool(size: number, seed: number): MonteCarloPool {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const turns = (n: number) => new Promise<void>((resolve) => {
    const step = (k: number) => (k === 0 ? resolve() : setImmediate(() => step(k - 1)));
    step(n);
  });
  // In one thread the services share plans, as the workers of one design would after their first batch.
  const plans = new PlanCache();
  return createWorkerPool(size, (): WorkerHandle => {
    const service = new ChunkService(undefined, plans);
    return {
      prepare: async (batch) => service.prepare(batch),
      runChunk: async (chunk) => {
        const outcome = service.runChunk(chunk);
        await turns(Math.floor(random() * 20));
        return outcome;
      },
      onDeath: () => undefined,
      terminate: async () => undefined,
    };
  });
}
