import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCasesPage, CASES_DISCUSSION_FILE, CASES_PAGE_MASTER_SEED, CASES_PAGE_RUNS, splitDiscussion } from '../../src/cases/page.ts';
import { loadCases } from './load.ts';
import { tinyScenario } from './fixtures.ts';

describe('docs/cases.md', () => {
  it('is up to date: rebuilt in memory from the case files, the discussion and the engine, it equals the committed page', () => {
    const page = buildCasesPage(loadCases(), readFileSync(CASES_DISCUSSION_FILE, 'utf8'), { runs: CASES_PAGE_RUNS, masterSeed: CASES_PAGE_MASTER_SEED });
    // On failure: node --import tsx scripts/cases-doc.ts, then review the diff of docs/cases.md.
    expect(page === readFileSync('docs/cases.md', 'utf8'), 'docs/cases.md is out of date; run node --import tsx scripts/cases-doc.ts').toBe(true);
  });
});

describe('buildCasesPage', () => {
  const input = [{ file: 'scenarios/cases/tiny.yaml', scenario: tinyScenario({ metadata: { historicalOutcome: { summary: 'It held.', collapsed: false } } }) }];
  const options = { runs: 20, masterSeed: 3 };
  it('needs a discussion for every case and for all cases, and no section for a case that does not exist', () => {
    expect(() => buildCasesPage(input, '## All cases\n\nx\n', options)).toThrow('no section "## tiny"');
    expect(() => buildCasesPage(input, '## tiny\n\nx\n', options)).toThrow('no section "## All cases"');
    expect(() => buildCasesPage(input, '## All cases\nx\n## tiny\ny\n## tinny\nz\n', options)).toThrow('section(s) "## tinny" name no case file (known: tiny)');
    expect(() => splitDiscussion('## a\nx\n## a\ny\n')).toThrow('the section "## a" appears twice');
  });
  it('renders the design, the comparison, the sources and the discussion, and reports progress', () => {
    const progress: number[] = [];
    const page = buildCasesPage(input, 'editing note\n## All cases\n\nGeneral words.\n\n## tiny\n\nCase words.\n', { ...options, onProgress: (done, total) => progress.push(done / total) });
    expect(progress.at(-1)).toBe(1);
    expect(page).toContain('| Tiny | 24 periods of 1 month | First: lifts trade 100%<br>');
    expect(page).toContain('General words.');
    expect(page).toContain('**Discussion.**\n\nCase words.');
    expect(page).toContain('**What happened.** It held.');
    expect(page).not.toContain('editing note');
    expect(page).toContain('20 times with master seed 3');
  });
});

describe('scripts/cases-doc.ts', () => {
  it('refuses an unknown argument with a clear message and a non-zero exit, writing nothing', () => {
    const before = readFileSync('docs/cases.md', 'utf8');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cases-doc.ts', '--runs', '5'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cases-doc: unknown argument(s) --runs 5; the only option is --check');
    expect(readFileSync('docs/cases.md', 'utf8')).toBe(before);
  });
});
