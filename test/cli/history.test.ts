import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** The page's table cell: a pipe escaped, as src/cases/page.ts writes it. */
const cellOnPage = (x: string) => x.replace(/\|/g, '\\|');

describe('relief-lab history <case>', () => {
  const shipped = readdirSync('scenarios/cases').filter((f) => f.endsWith('.yaml')).sort();
  it.each(shipped)('gives the numbers of docs/cases.md for %s (default runs and seed): every CSV row is a row of the case\'s table on the page', async (file) => {
    const r = await cli('history', `scenarios/cases/${file}`, '--format', 'csv');
    expect(r.code).toBe(0);
    const page = readFileSync('docs/cases.md', 'utf8');
    const start = page.indexOf(`\`scenarios/cases/${file}\``);
    expect(start).toBeGreaterThan(0);
    const section = page.slice(start, page.indexOf('**Humanitarian channel', start));
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toBe("Outcome,History,Simulated,History's percentile,Reading");
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, 5).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      expect(section).toContain(`| ${cells.map(cellOnPage).join(' | ')} |`);
    }
  });
  it('prints JSON with every number of the comparison; "never" as null', async () => {
    const r = await cli('history', 'scenarios/cases/libya-2003.yaml', '--runs', '40', '--seed', '3', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ file: 'scenarios/cases/libya-2003.yaml', runs: 40, masterSeed: 3 });
    expect(j.comparison.runs).toBe(40);
    expect(j.comparison.collapse.probability).toBeGreaterThanOrEqual(0);
    expect(j.comparison.collapsePeriod.historical).toBeNull();
    expect(j.comparison.ending.shares.map((s: { ending: string }) => s.ending)).toEqual(['collapsed', 'lapsed-not-restored', 'partial-reversal', 'relief-held', 'no-relief']);
  });
  it('refuses a scenario without a historical outcome, saying what to add (exit 1)', async () => {
    const r = await cli('history', 'scenarios/baseline.yaml', '--runs', '5');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('scenarios/baseline.yaml: metadata.historicalOutcome: is missing; history needs what happened');
    expect(r.stdout).toBe('');
  });
  it('refuses a missing file (exit 1) and a bad --runs (exit 2)', async () => {
    expect((await cli('history', 'no-such-case.yaml')).code).toBe(1);
    const bad = await cli('history', 'scenarios/cases/libya-2003.yaml', '--runs', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--runs takes a whole number/);
  });
});
