/**
 * The target's plan (src/engine/deterrence/plan.ts) is solved once per design and
 * type, on first use, and kept by the runner: its cost is paid once per runner (per
 * batch and worker), not per run. This times it as its own line, per type: the
 * constructor (schedule, reward tables), then every (unit, kappa grid point) solve,
 * and how many of those a batch of runs actually asks for.
 */
import type { Scenario } from '../src/scenario/schema.ts';
import { compileScenario } from '../src/engine/compile.ts';
import { TARGET_TYPES } from '../src/scenario/schema.ts';
import { Engine, playOut } from '../src/engine/core.ts';
import { electedPolicies, scenarioPolicies } from '../src/engine/simulate.ts';
import { runSeed } from '../src/engine/rng.ts';
import { KAPPA_GRID, TargetPlan } from '../src/engine/deterrence/plan.ts';

export interface PlanSolveCost {
  type: string;
  /** The constructor: compliant schedule, relief and cost tables. */
  constructMs: number;
  /** Every unit at every kappa grid point (the tail by policy iteration, then backward induction). */
  allLayersMs: number;
  units: number;
  /** Layers (unit x kappa point) a batch of `runs` runs solved, of units x grid points. */
  layersUsed: number;
}

interface PlanInternals {
  layers: (unknown[] | null)[][];
  layersOf(u: number, gi: number): unknown;
}

export function measurePlanSolve(scenario: Scenario, reps: number, runs: number): PlanSolveCost[] {
  const c = compileScenario(scenario);
  // Which layers a batch asks for: run `runs` runs on one engine, then look into its plans.
  const engine = new Engine(c);
  const policies = scenarioPolicies(c);
  const elected = electedPolicies(c);
  for (let i = 0; i < runs; i++) {
    engine.start(runSeed(1, i), false);
    playOut(engine, policies, elected);
  }
  const plans = (engine as unknown as { deterrence: { plans: (TargetPlan | null)[] } }).deterrence.plans;
  return c.types.map((type, ti) => {
    let constructMs = Infinity;
    let allLayersMs = Infinity;
    let units = 0;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      const plan = new TargetPlan(c, type);
      const t1 = performance.now();
      const p = plan as unknown as PlanInternals;
      for (let u = 0; u < plan.units; u++) for (let gi = 0; gi < KAPPA_GRID.length; gi++) p.layersOf(u, gi);
      const t2 = performance.now();
      constructMs = Math.min(constructMs, t1 - t0);
      allLayersMs = Math.min(allLayersMs, t2 - t1);
      units = plan.units;
    }
    const used = plans[ti] as unknown as PlanInternals | null;
    const layersUsed = used ? used.layers.flat().filter((l) => l !== null).length : 0;
    return { type: TARGET_TYPES[ti], constructMs, allLayersMs, units, layersUsed };
  });
}
