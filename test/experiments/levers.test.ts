import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLevers, checkLeverValue, resolveLever, LeverError } from '../../src/scenario/levers.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

function baseline(): Scenario {
  const r = loadScenarioFile('scenarios/baseline.yaml');
  if (!r.ok) throw new Error('baseline does not load');
  return r.scenario;
}
const s = baseline();
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LeverError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('levers by path', () => {
  it('read type, range, unit and base value from the schema', () => {
    const p = resolveLever(s, 'design.verification.detectionProbability');
    expect([p.kind, p.min, p.max, p.unit, p.base]).toEqual(['number', 0, 1, 'share', s.design.verification.detectionProbability]);
    const sus = resolveLever(s, 'design.tranches[step2].sustainedPeriods');
    expect([sus.kind, sus.min, sus.max, sus.unit]).toEqual(['integer', 0, 600, 'periods']);
    expect(sus.location).toEqual(['design', 'tranches', 1, 'sustainedPeriods']);
    const lag = resolveLever(s, 'design.verification.reportLagPeriods');
    expect([lag.min, lag.max]).toEqual([0, 24]);
    expect(resolveLever(s, 'coalition.members[ally].resolve')).toMatchObject({ kind: 'number', min: 0, max: 1000, unit: 'utility per period' });
    expect(resolveLever(s, 'design.humanitarian.carveOutAidPerPeriod').unit).toBe('kUSD per period');
    expect(resolveLever(s, 'design.consequences.trigger')).toMatchObject({ kind: 'enum', options: ['automatic', 'unilateral', 'majority', 'unanimity', 'discretionary', 'none'] });
    expect(resolveLever(s, 'design.verification.crossChecks').kind).toBe('boolean');
    expect(resolveLever(s, 'design.consequences.thresholdViolations').unit).toBe('count');
  });

  it('a bad path is an error naming the path and what exists there', () => {
    expect(message(() => resolveLever(s, 'design.verification.detectionProb'))).toMatch(/^design\.verification\.detectionProb: design\.verification has no field "detectionProb" \(fields: access, .*detectionProbability/);
    expect(message(() => resolveLever(s, 'design.tranches[step9].sustainedPeriods'))).toBe('design.tranches[step9].sustainedPeriods: tranches has no item "step9" (there are: step1, step2, step3, step4)');
    expect(message(() => resolveLever(s, 'design.tranches.sustainedPeriods'))).toMatch(/tranches is a list: select an item by id, e.g. tranches\[step1\]/);
    expect(message(() => resolveLever(s, 'design.verification'))).toMatch(/is a group of fields; a lever must be a number/);
    expect(message(() => resolveLever(s, 'metadata.name'))).toMatch(/metadata\.name: is a string field/);
  });

  it('a value out of range or of the wrong type is an error naming path, value and range', () => {
    const p = resolveLever(s, 'design.verification.detectionProbability');
    expect(message(() => checkLeverValue(p, 1.4))).toBe('design.verification.detectionProbability: 1.4 is not in [0, 1] (share)');
    expect(message(() => checkLeverValue(p, 'high'))).toBe('design.verification.detectionProbability: "high" is not a number');
    expect(message(() => checkLeverValue(resolveLever(s, 'design.consequences.trigger'), 'sometimes'))).toMatch(/"sometimes" is not one of automatic, unilateral/);
  });

  it('rounds whole-number levers and leaves the rest of the scenario as it was', () => {
    const out = applyLevers(s, [resolveLever(s, 'design.tranches[step2].sustainedPeriods')], [4.6]);
    expect(out.design.tranches[1].sustainedPeriods).toBe(5);
    expect({ ...out, design: { ...out.design, tranches: s.design.tranches } }).toEqual(s);
    expect(s.design.tranches[1].sustainedPeriods).not.toBe(5);
  });

  it('a prior entry set by a lever rescales the others so the prior sums to 1 (known values)', () => {
    const prior = applyLevers(s, [resolveLever(s, 'target.typePrior.sincere')], [0.6]).target.typePrior;
    const { opportunist: o, hardliner: h } = s.target.typePrior;
    expect(prior.sincere).toBe(0.6);
    expect(prior.opportunist).toBeCloseTo((0.4 * o) / (o + h), 15);
    expect(prior.hardliner).toBeCloseTo((0.4 * h) / (o + h), 15);
    expect(message(() => applyLevers(s, [resolveLever(s, 'target.typePrior.sincere'), resolveLever(s, 'target.typePrior.hardliner')], [0.7, 0.5]))).toMatch(/sum to 1\.2; they belong to a group that sums to 1/);
  });

  it('priors and member weights still sum to 1 for any value set (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('sincere', 'opportunist', 'hardliner'), fc.constantFrom('lead', 'ally', 'partner'), (x, type, member) => {
        const out = applyLevers(s, [resolveLever(s, `target.typePrior.${type}`), resolveLever(s, `coalition.members[${member}].weight`)], [x, x]);
        const p = out.target.typePrior;
        expect(Math.abs(p.sincere + p.opportunist + p.hardliner - 1)).toBeLessThan(1e-12);
        expect(Math.abs(out.coalition.members.reduce((a, m) => a + m.weight, 0) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the tranches in release order when a lever moves one', () => {
    expect(s.design.tranches.map((t) => t.earliestPeriod)).toEqual([3, 9, 18, 30]);
    const later = applyLevers(s, [resolveLever(s, 'design.tranches[step2].earliestPeriod')], [24]);
    expect(later.design.tranches.map((t) => t.earliestPeriod)).toEqual([3, 24, 24, 30]);
    const sooner = applyLevers(s, [resolveLever(s, 'design.tranches[step3].earliestPeriod')], [2]);
    expect(sooner.design.tranches.map((t) => t.earliestPeriod)).toEqual([2, 2, 2, 30]);
    expect(message(() => applyLevers(s, [resolveLever(s, 'design.tranches[step2].earliestPeriod'), resolveLever(s, 'design.tranches[step3].earliestPeriod')], [20, 10]))).toMatch(/10 is before the earliestPeriod set for an earlier tranche \(20\)/);
  });

  it('a value the schema refuses as a whole (past the horizon) names the lever and the value', () => {
    expect(message(() => applyLevers(s, [resolveLever(s, 'design.tranches[step4].earliestPeriod')], [80]))).toMatch(/design\.tranches\[step4\]\.earliestPeriod = 80.*is not before the horizon/);
  });
});
