import { describe, expect, it } from 'vitest';
import { Chance, PURPOSE } from '../../src/engine/chance.ts';
import { createRunner, simulate } from '../../src/engine/simulate.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { scenarioSchema, type Scenario } from '../../src/scenario/schema.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';

function baseline(): Scenario {
  const r = loadScenarioFile('scenarios/baseline.yaml');
  if (!r.ok) throw new Error('baseline does not load');
  return r.scenario;
}

describe('chance as addressed substreams', () => {
  it('the same address gives the same number; addresses a run uses do not collide', () => {
    const ch = new Chance().reseed('7/3');
    const seen = new Map<number, string>();
    for (const purpose of Object.values(PURPOSE)) {
      for (let actor = 0; actor < 20; actor++) {
        for (let period = 0; period < 120; period++) {
          for (let k = 0; k < 4; k++) {
            const u = ch.uniform(purpose, actor, period, k);
            if (u !== ch.uniform(purpose, actor, period, k) || !(u >= 0 && u < 1)) throw new Error(`address ${purpose}/${actor}/${period}/${k} gave ${u}`);
            seen.set(u, `${purpose}/${actor}/${period}/${k}`);
          }
        }
      }
    }
    // 182,400 addresses in 2^32 values: a few equal values are expected by chance (about 4); a structural clash would repeat thousands.
    expect(seen.size).toBeGreaterThan(182_400 - 20);
  });

  it('is uniform: 200,000 draws fill 20 bins within chi-square bounds', () => {
    const ch = new Chance().reseed('uniformity');
    const bins = new Array(20).fill(0);
    let n = 0;
    for (let period = 0; period < 10_000; period++) for (let actor = 0; actor < 20; actor++, n++) bins[Math.floor(ch.uniform(PURPOSE.verifierDetect, actor, period) * 20)]++;
    const expected = n / 20;
    const chi2 = bins.reduce((a, b) => a + (b - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.99th percentile is 49.4.
    expect(chi2).toBeLessThan(49.4);
  });

  it('common random numbers: designs that differ only in detection probability share type, resolve, shocks and the target\'s own draws', () => {
    const lenient = baseline();
    const strict = scenarioSchema.parse(mergeDeep(lenient as never, { design: { verification: { detectionProbability: 0.95 } } }));
    // A target that cheats with probability 0.5 each period from its own draw: its choices do not depend on detection.
    const coin = (s: Scenario) => scenarioSchema.parse(mergeDeep(s as never, { target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'cheat', probability: 0.5 }] } }));
    let comparedPeriods = 0;
    // One runner per design, as a batch has: the target's plan is solved once per design and type.
    const runLenient = createRunner(lenient);
    const runStrict = createRunner(strict);
    for (let i = 0; i < 100; i++) {
      const seed = `5/${i}`;
      const a = runLenient.run(seed);
      const b = runStrict.run(seed);
      expect(b.targetType).toBe(a.targetType);
      expect(b.memberResolves).toEqual(a.memberResolves);
      expect(b.shockPeriods).toEqual(a.shockPeriods);
      const ca = simulate(coin(lenient), seed, { recordEvents: true });
      const cb = simulate(coin(strict), seed, { recordEvents: true });
      // Until either run collapses the target chose the same way in both, period by period.
      const end = Math.min(ca.summary.collapsed ? ca.summary.collapsePeriod : Infinity, cb.summary.collapsed ? cb.summary.collapsePeriod : Infinity, a.horizonPeriods);
      const cheats = (r: typeof ca) => r.events.filter((e) => e.kind === 'violation' && e.period < end).map((e) => `${e.period} ${e.subject}`);
      expect(cheats(cb)).toEqual(cheats(ca));
      comparedPeriods += end;
    }
    expect(comparedPeriods).toBeGreaterThan(100);
  });
});
