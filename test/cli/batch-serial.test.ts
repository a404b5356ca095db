import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSerialBatch } from '../../src/cli/batch-serial.ts';
import { quantileSorted } from '../../src/cli/batch-stats.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { readScenario } from '../../src/scenario/validate.ts';

const loaded = readScenario(readFileSync('scenarios/baseline.yaml', 'utf8'));
if (!loaded.ok) throw new Error('baseline.yaml does not validate');
const scenario = loaded.scenario;
const N = 40;
const view = runSerialBatch(scenario, { runs: N, masterSeed: 3 });
// The same runs one by one, as owned copies.
const runs = Array.from({ length: N }, (_, i) => simulate(scenario, runSeed(3, i)));

describe('serial batch', () => {
  it('run i is simulate(scenario, runSeed(masterSeed, i)): per-period means agree exactly', () => {
    for (const m of ['trueCompliance', 'leverage', 'needMet'] as const) {
      for (let t = 0; t < scenario.horizonPeriods; t++) {
        let sum = 0;
        for (const r of runs) sum += r.series[m][t];
        expect(view.periods[m].mean[t]).toBe(sum / N);
      }
    }
  });
  it('per-period 5% and 95% are within one histogram bin of the exact quantiles', () => {
    for (const m of ['trueCompliance', 'leverage', 'needMet'] as const) {
      for (let t = 0; t < scenario.horizonPeriods; t++) {
        const sorted = runs.map((r) => r.series[m][t]).sort((a, b) => a - b);
        expect(Math.abs(view.periods[m].q05[t] - quantileSorted(sorted, 0.05))).toBeLessThan(1e-3);
        expect(Math.abs(view.periods[m].q95[t] - quantileSorted(sorted, 0.95))).toBeLessThan(1e-3);
      }
    }
  });
  it('outcome quantiles are exact order statistics; NaN runs are counted as undefined', () => {
    const values = runs.map((r) => r.summary.timeToFullReliefPeriods);
    const defined = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const o = view.outcomes.timeToFullReliefPeriods;
    expect(o.n).toBe(defined.length);
    expect(o.nUndefined).toBe(N - defined.length);
    expect(o.q50).toBe(quantileSorted(defined, 0.5));
    expect(view.outcomes.finalCompliance.mean).toBeCloseTo(runs.reduce((a, r) => a + r.summary.finalCompliance, 0) / N, 12);
  });
  it('event counts agree with the run summaries', () => {
    expect(view.events.reimposition.runsWithEvent).toBe(runs.filter((r) => r.summary.reimpositions > 0).length);
    expect(view.events.reimposition.meanPerRun).toBeCloseTo(runs.reduce((a, r) => a + r.summary.reimpositions, 0) / N, 12);
    expect(view.events.collapse.runsWithEvent).toBe(runs.filter((r) => r.summary.collapsed === 1).length);
    const types = view.targetTypes;
    expect(types.sincere + types.opportunist + types.hardliner).toBe(N);
    expect(types.hardliner).toBe(runs.filter((r) => r.targetType === 'hardliner').length);
  });
  it('same seed, same result; another seed, another result', () => {
    expect(runSerialBatch(scenario, { runs: N, masterSeed: 3 })).toEqual(view);
    expect(runSerialBatch(scenario, { runs: N, masterSeed: 4 }).periods.trueCompliance.mean).not.toEqual(view.periods.trueCompliance.mean);
  });
});
