import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviationTest } from '../../src/engine/deviation/deviation-test.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';

/**
 * The deviation test on every shipped scenario and case (MODEL.md, the standard of
 * truth): with the target set to best-response, no scripted deviation of the family earns
 * a type more than the policy beyond 3.89 paired standard errors, scored over the horizon
 * plus its extension (deviation-test.ts). Four (file, type) pairs are known to fail and are
 * left out of the assertion, by name; docs/deviation.md gives their figures and what is
 * known of each cause:
 * - Iran, North Korea and Iraq hardliners: a state where the target cheats on some
 *   benchmarks and complies on others is priced as the sum of the units' parts, each unit
 *   holding the others on their compliant path (traced for Iraq; a hypothesis for the other two);
 * - Libya opportunist (+0.50 [0.06], from +3.50): in runs whose last tranche comes late,
 *   hardliner influence has decayed to 0 and the plan values always cheating below always
 *   complying (-8.6 at gain scale 0.77) while the engine's runs gain by it; the cap on owed
 *   levels (the compliance cost a sustained breach saves) is the first suspect, not proven.
 * Front-loaded's hardliner (+7.7 before) passes since the plan froze the stall once every
 * tranche is in force (c52f040), and Iraq's opportunist (+3.8) since a gamed claim below what
 * was performed reads as showing (7c33fe1).
 */
const KNOWN_FAILURES = new Set([
  'cases/iran-jcpoa-2015.yaml hardliner',
  'cases/north-korea-agreed-framework-1994.yaml hardliner',
  'cases/libya-2003.yaml opportunist',
  'cases/iraq-oil-for-food-1996.yaml hardliner',
]);

const files = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f)),
  ...readdirSync('scenarios/cases').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios/cases', f)),
];

describe('the deviation test on the shipped scenarios and cases', () => {
  for (const file of files) {
    it(file, () => {
      const r = loadScenarioFile(file);
      if (!r.ok) throw new Error(`${file} does not load`);
      const scenario = { ...r.scenario, policies: { ...r.scenario.policies, target: { name: 'best-response', params: {} } } };
      const report = deviationTest(scenario, { runs: 200 });
      for (const w of report.worst) {
        const key = `${file.replace(/^scenarios\//, '')} ${w.type}`;
        if (KNOWN_FAILURES.has(key)) continue;
        expect(w.beats, `${key}: ${w.deviation} gains ${w.gain.toFixed(2)} [SE ${w.se.toFixed(2)}]`).toBe(false);
      }
    }, 300_000);
  }
});
