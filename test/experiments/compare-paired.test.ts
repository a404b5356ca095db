import { describe, expect, it } from 'vitest';
import { compareDesigns, pairedDesignDifferences } from '../../src/compare/index.ts';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const load = (f: string): Scenario => {
  const r = loadScenarioFile(f);
  if (!r.ok) throw new Error(`${f} does not load`);
  return r.scenario;
};

describe('compareDesigns on paired differences', () => {
  it('designs on the same seeds: same estimates as the batches, paired intervals narrower than the independent ones', async () => {
    const a = load('scenarios/baseline.yaml');
    const b = load('scenarios/back-loaded.yaml');
    const runs = 300;
    const masterSeed = 12;
    const results = [
      { name: 'baseline', summary: await runMonteCarlo(a, { runs, masterSeed }) },
      { name: 'back-loaded', summary: await runMonteCarlo(b, { runs, masterSeed }) },
    ];
    const paired = await pairedDesignDifferences([{ name: 'baseline', scenario: a }, { name: 'back-loaded', scenario: b }], { runs, masterSeed });
    const withPairs = compareDesigns(results, { paired });
    const without = compareDesigns(results);
    expect([withPairs.paired, without.paired]).toEqual([true, false]);
    let narrower = 0;
    let compared = 0;
    for (const [i, row] of withPairs.rows.entries()) {
      const p = row.differences[0];
      const u = without.rows[i].differences[0];
      if (p.estimate === undefined || u.estimate === undefined) continue;
      // Both from the same runs: the mean of differences is the difference of means (up to rounding).
      if (!row.conditional) expect(p.estimate).toBeCloseTo(u.estimate, 6);
      expect(p.method).toBe('paired');
      if (row.conditional) continue;
      compared++;
      if (p.ci95![1] - p.ci95![0] < u.ci95![1] - u.ci95![0]) narrower++;
    }
    expect(compared).toBeGreaterThan(8);
    expect(narrower).toBeGreaterThanOrEqual(compared - 1);
  });

  it('refuses paired differences of other runs', async () => {
    const a = load('scenarios/baseline.yaml');
    const results = [
      { name: 'x', summary: await runMonteCarlo(a, { runs: 40, masterSeed: 1 }) },
      { name: 'y', summary: await runMonteCarlo(a, { runs: 40, masterSeed: 1 }) },
    ];
    const paired = await pairedDesignDifferences([{ name: 'x', scenario: a }, { name: 'y', scenario: a }], { runs: 30, masterSeed: 1 });
    expect(() => compareDesigns(results, { paired })).toThrow('the paired differences of y cover 30 runs, its batch 40');
  });
});
