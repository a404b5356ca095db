import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { expectGolden } from '../helpers/golden.ts';

const dir = 'scenarios';
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json' && f !== 'experiment.schema.json');

describe('golden trajectories of the shipped scenarios (seeded)', () => {
  it('there is at least the baseline', () => expect(files).toContain('baseline.yaml'));
  for (const f of files) {
    it(f, () => {
      const loaded = loadScenarioFile(join(dir, f));
      if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
      // Seed 1 and seed 2: two draws of the uncertainties, so more of the model is pinned.
      for (const seed of [1, 2]) expectGolden(`test/golden/scenarios/${basename(f).replace(/\.\w+$/, '')}-seed${seed}.json`, simulate(loaded.scenario, seed, { recordEvents: true }));
    });
  }
});
