import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/engine/compile.ts';
import { flagProbabilityIfViolating, inspectionCatchProbability, secondLookUpholdProbability, targetDetectionPerPeriod } from '../../src/engine/detection.ts';
import { createRunner } from '../../src/engine/simulate.ts';
import { EVENT_INDEX } from '../../src/engine/metrics.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { analyticScenario, Z } from '../helpers/analytic.ts';

/** A target that cheats at period 0 and never again, under a coalition that never re-imposes: the first inspection's verdict. */
function firstInspection(overrides: Record<string, unknown>) {
  return analyticScenario({
    horizonPeriods: 2,
    target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'cheat' }, { fromPeriod: 1, action: 'comply' }] },
    design: { consequences: { trigger: 'none' } },
    ...overrides,
  });
}

describe('the one detection model agrees with what the verifier does', () => {
  for (const { p, access, verifiability, cross, gaming } of [
    { p: 0.6, access: 0.9, verifiability: 0.5, cross: 0, gaming: 1 },
    { p: 0.3, access: 1, verifiability: 1, cross: 0.4, gaming: 1 },
    { p: 0.2, access: 0.7, verifiability: 1, cross: 0, gaming: 0.5 },
  ]) {
    it(`p=${p}, access=${access}, verifiability=${verifiability}, cross-check=${cross}, gaming=${gaming}: the target's expected detection = the simulated rate`, () => {
      const s = firstInspection({
        target: {
          decisionMode: 'scripted',
          script: [{ fromPeriod: 0, action: 'cheat' }, { fromPeriod: 1, action: 'comply' }],
          types: { opportunist: { gamingPropensity: gaming } },
        },
        design: {
          benchmarks: [{ id: 'b', initialLevel: 1, verifiability }],
          verification: { detectionProbability: p, access, crossChecks: cross > 0, crossCheckDetectionProbability: cross },
          consequences: { trigger: 'none' },
        },
      });
      const c = compileScenario(s);
      const expected = targetDetectionPerPeriod(c, 0, c.verification.access, gaming);
      const runner = createRunner(s);
      const n = 20_000;
      let detected = 0;
      for (let i = 0; i < n; i++) detected += runner.run(runSeed(3, i)).eventCounts[EVENT_INDEX.violationDetected * 2 + 0];
      const se = Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(detected / n - expected)).toBeLessThan(Z * se + 1e-12);
      // The coalition's likelihood of a flag for a violating target is the verifier's chance for gamed statistics.
      expect(flagProbabilityIfViolating(c, c.verification.access)).toBeCloseTo(inspectionCatchProbability(c, 0, c.verification.access, true), 15);
      expect(inspectionCatchProbability(c, 0, c.verification.access, true)).toBeCloseTo(1 - (1 - p * access * verifiability) * (1 - cross * access), 15);
    });
  }

  it("the coalition's flag likelihood equals the flagged share of reports on a gaming violator", () => {
    const s = firstInspection({ design: { benchmarks: [{ id: 'b', initialLevel: 1, verifiability: 0.8 }], verification: { detectionProbability: 0.45, access: 0.9 }, consequences: { trigger: 'none' } } });
    const c = compileScenario(s);
    const runner = createRunner(s);
    const n = 20_000;
    let flagged = 0;
    // The report of the period-0 inspection is read at period 1 (no lag): the belief moves up or down by Bayes' rule.
    for (let i = 0; i < n; i++) {
      const r = runner.run(runSeed(4, i));
      flagged += r.eventCounts[EVENT_INDEX.violationDetected * 2] > 0 ? 1 : 0;
    }
    const p = flagProbabilityIfViolating(c, 0.9);
    expect(Math.abs(flagged / n - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / n));
  });

  it('the second look: an openly short level is confirmed for sure, gamed statistics with the inspection chance, a cured target by false alarm', () => {
    const c = compileScenario(analyticScenario({ design: { verification: { detectionProbability: 0.5, falseAlarmProbability: 0.1, access: 0.8 } } }));
    expect(secondLookUpholdProbability(c, [1], [1], 0.8)).toBe(1);
    expect(secondLookUpholdProbability(c, [1], [2], 0.8)).toBeCloseTo(0.4, 15);
    expect(secondLookUpholdProbability(c, [1], [0], 0.8)).toBe(0.1);
    expect(secondLookUpholdProbability(c, [0], [2], 0.8)).toBe(0.1);
  });
});
