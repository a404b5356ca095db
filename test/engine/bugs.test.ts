import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { placeInSample } from '../../src/cases/placement.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { TARGET_TYPES } from '../../src/scenario/schema.ts';
import { analyticScenario } from '../helpers/analytic.ts';

/** Each of these failed on the engine before the fix (the best-response issue's bug list). */
describe('bugs fixed, each with the run that showed it', () => {
  it('a snapback fired while an ordinary dispute is open takes it over instead of being dropped', () => {
    // A missed deadline opens a dispute at period 2 (window 4); the target keeps working, so that
    // dispute alone would be cured at period 6. The snapback at period 3 (window 2) makes it forced.
    const s = analyticScenario({
      horizonPeriods: 12,
      target: { types: { opportunist: { implementationRatePerPeriod: 0.1 } }, decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'comply' }] },
      design: {
        benchmarks: [{ id: 'b', initialLevel: 0, deadlinePeriod: 2 }],
        consequences: { disputeWindowPeriods: 4 },
      },
      shocks: [{ kind: 'snapback', atPeriod: 3, member: 'c', disputeWindowPeriods: 2 }],
    });
    const r = simulate(s, 1, { recordEvents: true });
    const kinds = r.events.map((e) => `${e.period} ${e.kind}`);
    expect(kinds).toContain('2 disputeOpened');
    expect(kinds).toContain('5 disputeUpheld');
    expect(kinds).toContain('5 reimposition');
    expect(r.summary.reimpositions).toBe(1);
  });

  it('a breach found while a tranche is blocked neither extends the block nor counts as a re-imposition', () => {
    // Cheats at periods 0 and 3, caught each time (p = 1); a re-imposition blocks the tranche for 5 periods.
    const s = analyticScenario({
      horizonPeriods: 12,
      target: {
        decisionMode: 'scripted',
        script: [
          { fromPeriod: 0, action: 'cheat' },
          { fromPeriod: 1, action: 'comply' },
          { fromPeriod: 3, action: 'cheat' },
          { fromPeriod: 4, action: 'comply' },
        ],
      },
      design: { verification: { detectionProbability: 1 }, consequences: { reimpositionPeriods: 5 } },
    });
    const r = simulate(s, 1, { recordEvents: true });
    expect(r.events.filter((e) => e.kind === 'violationDetected').map((e) => e.period)).toEqual([0, 3]);
    expect(r.summary.reimpositions).toBe(1);
    // Blocked from period 1 to 6 (1 + 5), released again at 6: not re-blocked to 9 by the second breach.
    expect(Array.from(r.series.sanctionsInForce.slice(0, 8))).toEqual([0, 1, 1, 1, 1, 1, 0, 0]);
    expect(r.trancheReleasePeriods).toEqual([0]);
  });

  it("history's percentile counts a value equal up to rounding as a tie", () => {
    const p = placeInSample([0.1 + 0.2, 0.1 + 0.2, 1], 0.3);
    expect(p).toMatchObject({ below: 0, equal: 2, above: 1 });
    expect(placeInSample([5, Number.NaN], Number.NaN).equal).toBe(1);
  });

  it('every preset can meet its benchmark deadlines at the slowest type\'s implementation rate', () => {
    for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
      const loaded = loadScenarioFile(join('scenarios', f));
      if (!loaded.ok) throw new Error(f);
      const sc = loaded.scenario;
      const lag = sc.design.verification.reportLagPeriods;
      for (const b of sc.design.benchmarks) {
        if (b.deadlinePeriod === undefined) continue;
        for (const t of TARGET_TYPES) {
          const rate = sc.target.types[t].implementationRatePerPeriod;
          // Periods of work, then the inspection of the last one is read 1 + lag periods later.
          const earliestVerified = b.startPeriod + Math.ceil((b.requiredLevel - b.initialLevel) / rate - 1e-9) + 1 + lag;
          expect(b.deadlinePeriod, `${f}: ${b.id} for a ${t} target`).toBeGreaterThanOrEqual(earliestVerified);
        }
      }
    }
  });
});
