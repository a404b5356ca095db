import { readFileSync } from 'node:fs';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { readScenario } from '../../src/scenario/validate.ts';

/**
 * Chart builders are tested on real batches: the Monte Carlo layer's own summary
 * of real engine runs (in this thread), never invented numbers.
 */
export function loadScenario(path: string): Scenario {
  const r = readScenario(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.scenario;
}

export function realBatch(scenario: Scenario, runs: number, masterSeed: number, sampleSize = 6): Promise<BatchSummary> {
  return runMonteCarlo(scenario, { runs, masterSeed, sampleSize });
}
