import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { CaseInput } from '../../src/cases/page.ts';

export const CASES_DIR = 'scenarios/cases';

/** Every case file, sorted, loaded and validated as the script does. */
export function loadCases(): CaseInput[] {
  return readdirSync(CASES_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = join(CASES_DIR, f);
      const r = loadScenarioFile(file);
      if (!r.ok) throw new Error(formatProblems(r.problems));
      return { file, scenario: r.scenario };
    });
}
