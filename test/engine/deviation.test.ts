import { describe, expect, it } from 'vitest';
import { deviationTest, targetDeviationFamily } from '../../src/engine/deviation/deviation-test.ts';
import { alwaysComply } from '../../src/engine/actors/target/policies/deviations.ts';
import { DEVIATION_GRIM_DETECTION, deviationGrimScenario } from '../../src/validation/index.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { analyticScenario } from '../helpers/analytic.ts';

// g = 1, delta = 0.9, pi_R - pi_S = 2: the grim threshold is p* = 0.0556 (MODEL.md result 1).
const grim = deviationGrimScenario;

describe('the deviation test', () => {
  it('has the whole family, parameterised over the horizon', () => {
    expect(targetDeviationFamily(60).map((d) => d.name)).toEqual([
      'always-comply',
      'always-cheat',
      'cheat-while-access-denied',
      ...[1, 6, 12, 30].map((k) => `cheat-first-periods(k=${k})`),
      ...[1, 6, 12, 30].map((k) => `cheat-from-period(k=${k})`),
      'cheat-after-full-relief',
      ...[1, 6, 12, 30].map((k) => `cheat-once-at(k=${k})`),
    ]);
  });

  for (const p of DEVIATION_GRIM_DETECTION) {
    it(`no deviation beats the best response in the grim setting at p = ${p} (p* = 0.0556)`, () => {
      const report = deviationTest(grim(p), { runs: 600 });
      const beaten = report.rows.filter((r) => r.beats);
      expect(beaten, JSON.stringify(beaten)).toEqual([]);
      // The best response is at least as good as the best deviation, up to MC error, and exactly so where it is the deviation.
      for (const w of report.worst) expect(w.gain).toBeLessThanOrEqual(report.z * w.se + 1e-9);
    });
  }

  it('finds a policy that is no best response: always complying below the grim threshold', () => {
    const s = scenarioSchema.parse(mergeDeep(grim(0.03) as never, { policies: { target: { name: 'always-comply' } } }));
    const report = deviationTest(s, { runs: 400 });
    const cheat = report.rows.find((r) => r.deviation === 'always-cheat')!;
    expect(cheat.beats).toBe(true);
    // A deviation that is the policy itself gains exactly nothing on every paired run.
    const same = report.rows.find((r) => r.deviation === 'always-comply')!;
    expect(same.gain).toBe(0);
    expect(same.se).toBe(0);
    expect(same.beats).toBe(false);
    expect(alwaysComply.meta.role).toBe('target');
  });

  // Known defect (#9), found 2026-12-06: with no consequence at all (trigger 'none') and
  // honest statistics, a violation's only cost is the release it delays (both tranches need
  // the benchmark). At kappa 0 the plan values cheating now above complying (17.56 against
  // 17.36 at period 0, as if the stall it starts cost nothing), so the best response cheats
  // every period and no tranche is ever released: 1.99 against 16.75 for complying until
  // full relief (cheat-after-full-relief), a gain of +14.76 with SE 0 (no chance is drawn).
  // The shipped scenarios all have a trigger, which is why the table in docs/deviation.md
  // does not show it; that page says what was traced (the schedule's slack when conditions
  // hold from the start, and the release clock read while a tranche is pending). Marked as
  // failing so it turns red once the plan prices the delay.
  it.fails('known defect: with no consequence, the delayed release alone is not priced (trigger none, honest statistics)', () => {
    const s = analyticScenario({
      horizonPeriods: 20,
      target: { types: { opportunist: { cheatGainPerPeriod: 0.2, gamingPropensity: 0 } } },
      design: {
        verification: { detectionProbability: 1 },
        consequences: { trigger: 'none' },
        categories: [{ id: 'x', painWeight: 0.5 }, { id: 'y', painWeight: 0.5 }],
        tranches: [{ id: 't1', lifts: { x: 1 }, earliestPeriod: 1, benchmarks: ['b'] }, { id: 't2', lifts: { y: 1 }, earliestPeriod: 4, benchmarks: ['b'] }],
      },
    });
    const report = deviationTest(s, { runs: 4 });
    expect(report.worst.filter((w) => w.beats)).toEqual([]);
  });
});
