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
 * few periods, under each period's nominal inspection conditions, at kappa 0 and 1.
 */
interface Reading {
  where: string;
  best: number;
  comply: number;
  cheat: number;
}

const readings = new Map<string, Reading[]>();

function read(file: string, periods: number[]): Reading[] {
  const key = `${file}@${periods.join(',')}`;
  const done = readings.get(key);
  if (done) return done;
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  const c = compileScenario(r.scenario);
  const out: Reading[] = [];
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
          const fixed = plan.sustained(u, t, st, env, { comply: 0, cheat: 0 });
          out.push({ where: `type ${i} unit ${u} period ${t} kappa ${kappa}`, best: Math.max(best.comply, best.cheat), comply: fixed.comply, cheat: fixed.cheat });
        }
      }
  }
  readings.set(key, out);
  return out;
}

function shortfalls(file: string, periods: number[], against: 'comply' | 'cheat'): string[] {
  return read(file, periods)
    .filter((x) => x.best < x[against] - 1e-6)
    .map((x) => `${x.where}: best ${x.best.toFixed(2)} < always ${against} ${x[against].toFixed(2)}`);
}

describe("the best response's values dominate the fixed policies'", () => {
  it('on the baseline', () => {
    expect(shortfalls('scenarios/baseline.yaml', [0, 10, 30], 'comply')).toEqual([]);
    expect(shortfalls('scenarios/baseline.yaml', [0, 10, 30], 'cheat')).toEqual([]);
  }, 180_000);

  // The three cases whose deviation rows fail (docs/deviation.md) have no lapsing licence,
  // and their tables agree: those failures lie elsewhere.
  it('on the cases without a lapsing licence (Iran, Libya, North Korea)', () => {
    for (const file of ['scenarios/cases/iran-jcpoa-2015.yaml', 'scenarios/cases/libya-2003.yaml', 'scenarios/cases/north-korea-agreed-framework-1994.yaml']) {
      expect(shortfalls(file, [0, 10, 32], 'comply'), file).toEqual([]);
      expect(shortfalls(file, [0, 10, 32], 'cheat'), file).toEqual([]);
    }
  }, 180_000);

  // Complying for ever is priced by the same licence charge in both tables, and the best
  // response is never below it (dynamic programming guarantees it when both tables are one MDP).
  it('with a licence, against always complying (the Iraq case)', () => {
    expect(shortfalls('scenarios/cases/iraq-oil-for-food-1996.yaml', [0, 10, 32], 'comply')).toEqual([]);
  }, 180_000);

  // Known defect (#9), in every shipped scenario with a lapsing licence and only there
  // (Iraq, FR Yugoslavia, Sudan, Syria, the time-limited-licence preset): the best response
  // falls below always cheating (Iraq's opportunist, disarmament unit, period 0, kappa 0:
  // -2.1 against 5.0). The two tables price a licence differently: the best response's
  // charges a lump (the relief of a lapse and its re-earning) at every flag read, so a breach
  // that goes on is charged again at each read; the always-cheat table charges the
  // breach's spoiled renewals once. Forcing full backups instead of replays changes nothing.
  // Marked as failing so it turns red once the tables agree (docs/deviation.md says how).
  it.fails('with a licence, against always cheating (the Iraq case)', () => {
    expect(shortfalls('scenarios/cases/iraq-oil-for-food-1996.yaml', [0, 10, 32], 'cheat')).toEqual([]);
  }, 180_000);
});
