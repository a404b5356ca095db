import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/engine/compile.ts';
import { TargetPlan, type PlanEnv, type PlanState } from '../../src/engine/deterrence/plan.ts';
import { inspectionCatchProbability } from '../../src/engine/detection.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';

/**
 * The best response's tables against the fixed policies' (always comply, always cheat on
 * the unit) that the leverage measure reads: an optimal value is at least the value of
 * any policy, state by state, so max(Q_comply, Q_cheat) of the best response must not fall
 * below either fixed policy's value. Checked at the clean state of every unit, type and a
 * few periods, under each period's nominal inspection conditions.
 */
function shortfalls(file: string, periods: number[]): string[] {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  const c = compileScenario(r.scenario);
  const out: string[] = [];
  const st: PlanState = { phase: 0, u: 0, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 0 };
  for (let i = 0; i < c.types.length; i++) {
    const plan = new TargetPlan(c, c.types[i]);
    for (let u = 0; u < plan.units; u++)
      for (const t of periods) {
        const inspects = t % c.verification.inspectionIntervalPeriods === 0 ? 1 : 0;
        let miss = 1;
        for (let b = 0; b < c.nBenchmarks; b++) if (u === b || u === c.nBenchmarks) miss *= 1 - inspectionCatchProbability(c, b, c.verification.access, true);
        const env: PlanEnv = { catchGamed: inspects * (1 - miss), catchShown: inspects * (c.verification.access > 0 ? 1 : 0), falseAlarm: inspects * (c.verification.access > 0 ? c.verification.falseAlarmProbability : 0), kappa: 1, reliefScale: 1, gainScale: 1 };
        for (const kappa of [0, 1]) {
          env.kappa = kappa;
          const best = plan.q(u, t, st, env, { comply: 0, cheat: 0 });
          const bestValue = Math.max(best.comply, best.cheat);
          const fixed = plan.sustained(u, t, st, env, { comply: 0, cheat: 0 });
          const fixedValue = Math.max(fixed.comply, fixed.cheat);
          if (bestValue < fixedValue - 1e-6) out.push(`type ${i} unit ${u} period ${t} kappa ${kappa}: best ${bestValue.toFixed(2)} < fixed ${fixedValue.toFixed(2)}`);
        }
      }
  }
  return out;
}

describe("the best response's values dominate the fixed policies'", () => {
  it('on the baseline', () => {
    expect(shortfalls('scenarios/baseline.yaml', [0, 10, 30])).toEqual([]);
  }, 180_000);

  // Known defect (#9): in the Iraq case (a licence, trigger unanimity) the best response's
  // values fall below always cheating's at kappa 0 (the opportunist's all-at-once unit at
  // period 0: 28.7 against 42.6; the hardliner's disarmament unit at period 32: -3.2 against
  // 149.3). First suspect: a flag read in the best response's tables charges the licence's
  // loss at every read of a sustained breach, where the always-cheat tables charge it once.
  // Marked as failing so it turns red once the tables agree.
  it.fails('with a licence (the Iraq case)', () => {
    expect(shortfalls('scenarios/cases/iraq-oil-for-food-1996.yaml', [0, 10, 32])).toEqual([]);
  }, 180_000);
});
