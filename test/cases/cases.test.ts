import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { historicalOutcomeProblems } from '../../src/cases/compare.ts';
import { runCaseSample } from '../../src/cases/sample.ts';
import { caseKey } from '../../src/cases/page.ts';
import { caseGoldenOf } from './golden.ts';
import { loadCases } from './load.ts';
import { PlanCache } from '../../src/engine/deterrence/plan-cache.ts';

const cases = loadCases();
const EXPECTED = ['fr-yugoslavia-1995', 'iran-jcpoa-2015', 'iraq-oil-for-food-1996', 'libya-2003', 'north-korea-agreed-framework-1994', 'south-africa-1986', 'sudan-2017', 'syria-2025'];

describe('the case library', () => {
  it('has the eight documented cases, each a complete scenario (no extends)', () => {
    expect(cases.map((c) => caseKey(c.file))).toEqual(EXPECTED);
    for (const c of cases) expect(readFileSync(c.file, 'utf8')).not.toMatch(/^extends:/m);
  });
  for (const { file, scenario } of cases) {
    describe(caseKey(file), () => {
      // The case's plans are solved once for its samples and runs: the same numbers (plan-cache.test.ts).
      const plans = new PlanCache(3);
      it('cites dated sources and says which parameters are documented and which are assumptions', () => {
        const m = scenario.metadata;
        expect(m.sources.length).toBeGreaterThanOrEqual(4);
        for (const s of m.sources) expect(s.date, s.title).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-\d{4}$/);
        expect(m.notes).toMatch(/Documented/);
        expect(m.notes).toMatch(/Assumptions/);
        expect(m.tags).toContain('case');
      });
      it('has a usable historical outcome inside its horizon', () => {
        expect(historicalOutcomeProblems(scenario)).toEqual([]);
      });
      it('runs: series of the horizon length, shares in [0, 1], no NaN, same seed same run', () => {
        const sample = runCaseSample(scenario, { runs: 50, masterSeed: 7, plans: plans.get });
        const again = runCaseSample(scenario, { runs: 50, masterSeed: 7, plans: plans.get });
        expect(again).toEqual(sample);
        const r = simulate(scenario, runSeed(7, 3), { plans: plans.get });
        for (const m of ['trueCompliance', 'sanctionsInForce', 'leverage', 'needMet', 'belief'] as const) {
          expect(r.series[m]).toHaveLength(scenario.horizonPeriods);
          for (const v of r.series[m]) {
            expect(Number.isNaN(v)).toBe(false);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
      });
      it('matches its golden trajectory (seed "1/0", the first run of the cases page)', () => {
        const golden = `test/golden/cases/${caseKey(file)}.json`;
        const actual = caseGoldenOf(simulate(scenario, runSeed(1, 0), { recordEvents: true, plans: plans.get }));
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync('test/golden/cases', { recursive: true });
          writeFileSync(golden, JSON.stringify(actual, null, 1) + '\n');
          return;
        }
        if (!existsSync(golden)) throw new Error(`no golden trajectory at ${golden}; create it with UPDATE_GOLDEN=1 npx vitest run test/cases`);
        expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
      });
    });
  }
});
