import { readFileSync } from 'node:fs';
import { readScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { createWorkerPool, type MonteCarloPool } from '../../src/montecarlo/index.ts';
import { spawnNodeWorker, type NodeWorkerHandle } from '../../src/node/index.ts';

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
  const pool = createWorkerPool(workers, () => {
    const h = spawnNodeWorker(entry);
    spawned++;
    live.add(h);
    void h.exited.then(() => live.delete(h));
    return h;
  });
  return { pool, live, spawned: () => spawned };
}
