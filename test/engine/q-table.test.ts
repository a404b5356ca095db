import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QTable } from '../../src/engine/deterrence/q-table.ts';
import { compileScenario } from '../../src/engine/compile.ts';
import { TargetPlan, type PlanEnv, type PlanState } from '../../src/engine/deterrence/plan.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { inspectionCatchProbability } from '../../src/engine/detection.ts';

describe('the memo of the plan\'s decision values (q-table.ts)', () => {
  it('holds what was stored, grows, and when full starts again; a hit is never a wrong entry', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), fc.constantFrom(4, 64, 1 << 12), (keys, maxSlots) => {
        const table = new QTable(4, maxSlots);
        const reference = new Map<number, number>();
        for (const k of keys) {
          const at = table.find(k);
          if (at >= 0) {
            // Found: exactly what was stored for this key.
            expect(table.values[at]).toBe(reference.get(k));
            expect(table.values[at + 1]).toBe(-k);
            expect(table.values[at + 2]).toBe(k / 3);
          } else {
            reference.set(k, k * 0.5);
            table.store(k, k * 0.5, -k, k / 3);
          }
          expect(table.size).toBeLessThanOrEqual(Math.max(4, maxSlots) / 2);
        }
        // Below the bound nothing is dropped: every key is still there.
        if (reference.size * 2 <= maxSlots) for (const k of reference.keys()) expect(table.find(k)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('changes no decision value: the same bits as a plan without it, whatever the order the states are first met in', () => {
    const r = loadScenarioFile('scenarios/baseline.yaml');
    if (!r.ok) throw new Error('baseline does not load');
    const c = compileScenario(r.scenario);
    const type = c.types[2];
    const states: PlanState[] = [];
    for (const n of [0, 1, 2]) for (const vis of [0, 1]) for (const s of [0, 3]) states.push({ phase: 0, u: 0, n, vis, j: 0, sigma: 0, w: 0, s });
    states.push({ phase: 1, u: 2, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 1 });
    const calls: { u: number; t: number; st: PlanState; env: PlanEnv }[] = [];
    const probe = new TargetPlan(c, type);
    for (let u = 0; u < probe.units; u++)
      for (const t of [0, 1, 7, 30, 59])
        for (const st of states)
          for (const [reliefScale, gainScale, kappa] of [[1, 1, 1], [0.8, 1.3, 0.6], [1.1, 0.7, 0.25]]) {
            const inspects = t % c.verification.inspectionIntervalPeriods === 0 ? 1 : 0;
            let miss = 1;
            for (let b = 0; b < c.nBenchmarks; b++) if (u === b || u === c.nBenchmarks) miss *= 1 - inspectionCatchProbability(c, b, c.verification.access, true);
            const shown = inspects * (c.verification.access > 0 ? 1 : 0);
            // Each period's nominal inspection conditions, so the memo is used; and one off them, so it is not.
            for (const catchGamed of [inspects * (1 - miss), 0.37])
              calls.push({ u, t, st, env: { catchGamed, catchShown: shown, falseAlarm: shown * c.verification.falseAlarmProbability, kappa, reliefScale, gainScale } });
          }
    const values = (plan: TargetPlan, order: number[]) => {
      const out = new Float64Array(2 * calls.length);
      for (const i of order) {
        const q = plan.q(calls[i].u, calls[i].t, calls[i].st, calls[i].env, { comply: 0, cheat: 0 });
        out[2 * i] = q.comply;
        out[2 * i + 1] = q.cheat;
      }
      return out;
    };
    const forward = calls.map((_, i) => i);
    const a = values(new TargetPlan(c, type), forward);
    const plan = new TargetPlan(c, type);
    const b = values(plan, [...forward].reverse());
    // Met a second time (from the memo where it applies).
    const again = values(plan, forward);
    // The reference: a plan that memoises nothing.
    const plain = values(new TargetPlan(c, type, 0), forward);
    expect(Array.from(a)).toEqual(Array.from(plain));
    expect(Array.from(b)).toEqual(Array.from(plain));
    expect(Array.from(again)).toEqual(Array.from(plain));
    expect(a.every(Number.isFinite)).toBe(true);
  }, 120_000);

  it('stores three coefficients because a value is linear in the relief and gain scales: q equals the full backup under the scales themselves', () => {
    // q combines coefficients taken at unit scales; the reference is the plan's own full
    // backup run under the scales (the per-step rescaling the memo replaced), reached
    // through the private members as the plan store does. Kappa 1 is a grid point (index 2),
    // so q reads a single table.
    const r = loadScenarioFile('scenarios/baseline.yaml');
    if (!r.ok) throw new Error('baseline does not load');
    const c = compileScenario(r.scenario);
    const plan = new TargetPlan(c, c.types[1]);
    type Out = { total: number; relief: number; gain: number };
    const internals = plan as unknown as {
      layersOf(u: number, gi: number): unknown[];
      dimsAt(t: number): unknown;
      backup(b: number, t: number, st: PlanState, a: number, env: PlanEnv, next: unknown, nd: unknown, kappaB: number, out: Out): void;
    };
    const states: PlanState[] = [
      { phase: 0, u: 0, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 0 },
      { phase: 0, u: 0, n: 1, vis: 1, j: 0, sigma: 0, w: 0, s: 2 },
      { phase: 0, u: 0, n: 2, vis: 0, j: 0, sigma: 0, w: 0, s: 5 },
      { phase: 1, u: 2, n: 1, vis: 1, j: 0, sigma: 0, w: 0, s: 1 },
    ];
    let checked = 0;
    for (let u = 0; u < plan.units; u++)
      for (const t of [0, 4, 17, 59])
        for (const st of states)
          for (const [reliefScale, gainScale] of [[1, 1], [0.5, 1.7], [1.3, 0.2], [0, 0], [2.5, 3]]) {
            // On the nominal conditions of period t (the memo answers) and off them (it does not).
            const inspects = t % c.verification.inspectionIntervalPeriods === 0 ? 1 : 0;
            let miss = 1;
            for (let b = 0; b < c.nBenchmarks; b++) if (u === b || u === c.nBenchmarks) miss *= 1 - inspectionCatchProbability(c, b, c.verification.access, true);
            const shown = inspects * (c.verification.access > 0 ? 1 : 0);
            for (const catchGamed of [inspects * (1 - miss), 0.2]) {
              const env: PlanEnv = { catchGamed, catchShown: shown, falseAlarm: shown * c.verification.falseAlarmProbability, kappa: 1, reliefScale, gainScale };
              const q = { ...plan.q(u, t, st, env, { comply: 0, cheat: 0 }) };
              for (const a of [0, 1]) {
                const out: Out = { total: 0, relief: 0, gain: 0 };
                internals.backup(u, t, st, a, env, internals.layersOf(u, 2)[t + 1], internals.dimsAt(t + 1), 1, out);
                const value = a === 0 ? q.comply : q.cheat;
                expect(Math.abs(value - out.total)).toBeLessThan(1e-12 * (1 + Math.abs(out.total)));
                checked++;
              }
            }
          }
    expect(checked).toBe(plan.units * 4 * states.length * 5 * 2 * 2);
  });
});
