import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario, parseScenarioText } from '../../src/scenario/validate.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';

/** The baseline as the app opens it, with optional overrides merged in (objects merge, lists replace). */
export function baselineWith(overrides: Record<string, unknown> = {}): Scenario {
  const text = readFileSync(new URL('../../scenarios/baseline.yaml', import.meta.url), 'utf8');
  const p = parseScenarioText(text);
  if (!p.ok) throw new Error('baseline does not parse');
  const v = validateScenario(mergeDeep(p.data as Record<string, unknown>, overrides));
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

/** A shipped scenario (a path under scenarios/), extends resolved, as the gallery opens it. */
export function expectedScenario(file: string): Scenario {
  const r = loadScenarioFile(fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url)));
  if (!r.ok) throw new Error(`${file} does not load: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

/** The engine's summary for a seed, computed in Node in this thread: what the app's charts must show. */
export function expectedSummary(scenario: Scenario, runs: number, masterSeed: number): Promise<BatchSummary> {
  return runMonteCarlo(scenario, { runs, masterSeed });
}
