import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario, type CompiledScenario } from '../../src/engine/compile.ts';
import { KAPPA_GRID, TargetPlan } from '../../src/engine/deterrence/plan.ts';
import { createRunner } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { ChunkService } from '../../src/montecarlo/chunk-runner.ts';
import { PLAN_INPUTS, PlanCache, planKey } from '../../src/engine/deterrence/plan-cache.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const dir = new URL('../../scenarios/', import.meta.url).pathname;
const shipped = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f)),
  ...readdirSync(join(dir, 'cases')).map((f) => join(dir, 'cases', f)),
];
const load = (file: string): Scenario => {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.scenario;
};
const baseline = load(join(dir, 'baseline.yaml'));

/** A plan built, solved at full credibility on every unit and asked for a decision, with every compiled field it reads recorded. */
function fieldsAPlanReads(c: CompiledScenario): Set<string> {
  const reads = new Set<string>();
  // Each field records its first read, then becomes a plain value (a Proxy would make solving 10x slower).
  const recorded = {} as CompiledScenario;
  for (const field of Object.keys(c) as (keyof CompiledScenario)[]) {
    Object.defineProperty(recorded, field, {
      configurable: true,
      enumerable: true,
      get() {
        reads.add(field);
        Object.defineProperty(recorded, field, { value: c[field], enumerable: true });
        return c[field];
      },
    });
  }
  for (const type of c.types) {
    const plan = new TargetPlan(recorded, type);
    const solve = plan as unknown as { layersOf(u: number, gi: number): unknown };
    for (let u = 0; u < plan.units; u++) solve.layersOf(u, KAPPA_GRID.length - 1);
    const env = { catchGamed: 0.5, catchShown: 1, falseAlarm: 0.03, kappa: 1, reliefScale: 0.9, gainScale: 1.1 };
    plan.q(0, 5, { phase: 0, u: 0, n: 1, vis: 0, j: 1, sigma: 0, w: 0, s: 0 }, env, { comply: 0, cheat: 0 });
    plan.collapsedValue(5);
  }
  return reads;
}

describe('plan cache (src/engine/deterrence/plan-cache.ts)', () => {
  it('keys plans by every compiled field a plan reads, on every shipped scenario and case', () => {
    const missing = new Set<string>();
    for (const file of shipped) for (const f of fieldsAPlanReads(compileScenario(load(file)))) if (!(PLAN_INPUTS as readonly string[]).includes(f)) missing.add(f);
    // A field listed here: add it to PLAN_INPUTS, or the cache could hand a plan to a design it was not solved for.
    expect([...missing]).toEqual([]);
  }, 120_000);

  it('gives the same key to designs that differ only where no plan reads, and another one where a plan does', () => {
    const aid = structuredClone(baseline);
    aid.design.humanitarian.carveOutAidPerPeriod += 1000;
    aid.coalition.members[0].costPerPeriod += 1;
    const detection = structuredClone(baseline);
    detection.design.verification.detectionProbability = 0.7;
    const opportunistOnly = structuredClone(baseline);
    opportunistOnly.target.types.opportunist.cheatGainPerPeriod = 4;
    const [b, a, d, o] = [baseline, aid, detection, opportunistOnly].map(compileScenario);
    for (let i = 0; i < b.types.length; i++) {
      expect(planKey(a, i)).toBe(planKey(b, i));
      expect(planKey(d, i)).not.toBe(planKey(b, i));
    }
    expect([0, 1, 2].map((i) => planKey(o, i) === planKey(b, i))).toEqual([true, false, true]);
  });

  it('a runner on cached plans runs exactly as one that solves its own', () => {
    const cache = new PlanCache();
    const aid = structuredClone(baseline);
    aid.design.humanitarian.reliefLinkedAidPerPeriod = 50_000;
    createRunner(baseline, undefined, { plans: cache.get }).run('warm');
    expect(cache.size).toBe(3);
    const cached = createRunner(aid, undefined, { plans: cache.get });
    expect(cache.size).toBe(3);
    const own = createRunner(aid);
    for (let i = 0; i < 40; i++) {
      const seed = runSeed(7, i);
      const x = cached.run(seed);
      const y = own.run(seed);
      expect(x.summary).toEqual(y.summary);
      expect(Array.from(x.series.trueCompliance)).toEqual(Array.from(y.series.trueCompliance));
    }
  }, 60_000);

  it('the chunk service keeps plans across batches and holds at most its capacity', () => {
    const given: TargetPlan[][] = [];
    const service = new ChunkService((scenario, options) => {
      const plans = options!.plans!;
      const batch: TargetPlan[] = [];
      given.push(batch);
      return createRunner(scenario, undefined, { plans: (c, i) => (batch[i] = plans(c, i)) });
    });
    const aid = structuredClone(baseline);
    aid.design.humanitarian.carveOutAidPerPeriod = 0;
    service.prepare({ key: 'a', scenario: baseline, masterSeed: 1, sampleSize: 0 });
    service.prepare({ key: 'b', scenario: aid, masterSeed: 2, sampleSize: 0 });
    expect(given.map((g) => g.length)).toEqual([3, 3]);
    for (let i = 0; i < 3; i++) expect(given[1][i]).toBe(given[0][i]);
    const small = new PlanCache(2);
    const c = compileScenario(baseline);
    for (let i = 0; i < 3; i++) small.get(c, i);
    expect(small.size).toBe(2);
    // The most recently used stay: type 2's plan is the same object, type 0's was dropped.
    const two = small.get(c, 2);
    expect(small.get(c, 2)).toBe(two);
  });
});
