import { describe, expect, it } from 'vitest';
import { createRunner, simulate } from '../../src/engine/simulate.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { analyticScenario, complyingScenario } from '../helpers/analytic.ts';

describe('leverage ranks a collapsed deal below the same deal holding', () => {
  it('is 0 from the collapse on: snapped-back sanctions are pain, not leverage', () => {
    // A target that cheats and is caught at once: the grim re-imposition collapses the deal.
    const s = analyticScenario({ horizonPeriods: 10, target: { decisionMode: 'scripted', script: [{ fromPeriod: 2, action: 'cheat' }] }, design: { verification: { detectionProbability: 1 } } });
    const r = simulate(s, 1);
    expect(r.summary.collapsed).toBe(1);
    const at = r.summary.collapsePeriod;
    for (let t = at; t < r.horizonPeriods; t++) {
      expect(r.series.sanctionsInForce[t]).toBe(1);
      expect(r.series.leverage[t]).toBe(0);
    }
    // The same deal holding keeps its threat: what was lifted can still be taken back.
    const holding = simulate(complyingScenario({ horizonPeriods: 10 }), 1);
    expect(holding.summary.collapsed).toBe(0);
    expect(holding.series.leverage[9]).toBe(1);
  });

  it('on the baseline, runs that collapse end with less leverage than runs that hold', () => {
    const loaded = loadScenarioFile('scenarios/baseline.yaml');
    if (!loaded.ok) throw new Error('baseline');
    const runner = createRunner(loaded.scenario);
    let collapsed = 0;
    let held = 0;
    let nCollapsed = 0;
    for (let i = 0; i < 2000; i++) {
      const r = runner.run(runSeed(8, i));
      if (r.summary.collapsed) {
        collapsed += r.summary.finalLeverage;
        nCollapsed++;
      } else held += r.summary.finalLeverage;
    }
    expect(nCollapsed).toBeGreaterThan(20);
    expect(collapsed / nCollapsed).toBe(0);
    expect(held / (2000 - nCollapsed)).toBeGreaterThan(0);
  });

  it("a licence counts with its chance of not being renewed, not in full", () => {
    const licence = (p: number) =>
      complyingScenario({ horizonPeriods: 8, design: { verification: { detectionProbability: p }, tranches: [{ id: 'all', lifts: { all: 1 }, delivery: 'licence', licencePeriods: 6 }] } });
    // Released at 0, expires at 6; at period 0 the inspections of periods 0..4 are read by period 5 (no lag): 5 chances.
    const half = simulate(licence(0.5), 1).series.leverageThreat[0];
    expect(half).toBeCloseTo(1 - 0.5 ** 5, 12);
    expect(simulate(licence(1), 1).series.leverageThreat[0]).toBe(1);
    expect(simulate(licence(0), 1).series.leverageThreat[0]).toBe(0);
  });
});
