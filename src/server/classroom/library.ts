import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AlternativeDesign } from '../../classroom/index.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { loadScenarioFile } from '../../node/scenario-files.ts';

/** A scenario the facilitator can start an exercise from: its file name without extension, title and scenario. */
export interface LibraryEntry {
  name: string;
  title: string;
  kind: 'scenario' | 'case';
  scenario: Scenario;
}

/**
 * The scenarios and cases shipped in `dir` (scenarios/*.yaml and scenarios/cases/*.yaml),
 * each loaded with its `extends` chain and validated; a file that fails is skipped with
 * its problems reported through `warn`.
 */
export function loadLibrary(dir: string, warn: (message: string) => void): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  const scan = (folder: string, kind: LibraryEntry['kind']) => {
    let files: string[];
    try {
      files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
    } catch {
      return;
    }
    for (const f of files) {
      const r = loadScenarioFile(join(folder, f));
      if (!r.ok) {
        warn(`${f}: skipped (${r.problems[0]?.message ?? 'invalid'})`);
        continue;
      }
      out.push({ name: (kind === 'case' ? 'cases/' : '') + basename(f).replace(/\.ya?ml$/, ''), title: r.scenario.metadata.name, kind, scenario: r.scenario });
    }
  };
  scan(dir, 'scenario');
  scan(join(dir, 'cases'), 'case');
  return out;
}

/** The sequencing presets of the library as alternative designs for the debrief's replay (those that fit are used). */
export function alternativeDesigns(library: readonly LibraryEntry[]): AlternativeDesign[] {
  return library.filter((e) => e.kind === 'scenario' && e.name !== 'baseline').map((e) => ({ label: e.title, tranches: e.scenario.design.tranches }));
}
