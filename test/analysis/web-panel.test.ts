import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { libraryShocks, STRESS_SHOCKS, stressMarkdown, stressStudy } from '../../src/analysis/studies/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { newPage, useApp } from '../e2e/harness.ts';

/** The web app's Stress & sensitivity panel, in headless Chromium on the built app (test/e2e/harness.ts). */
const app = useApp();
const loaded = loadScenarioFile('scenarios/baseline.yaml');
if (!loaded.ok) throw new Error('baseline.yaml is invalid');
const baseline = loaded.scenario;

describe('web app: stress and sensitivity', () => {
  it('runs the stress test on Web Workers and shows the same verdicts as the studies in Node, on the same seeds', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="analysis"]');
    await page.selectOption('[data-testid="analysis-kind"]', 'stress');
    await page.fill('[data-testid="analysis-runs"]', '30');
    await page.fill('[data-testid="analysis-seed"]', '5');
    await page.click('[data-testid="analysis-run"]');
    await page.waitForSelector('#view-analysis[data-state="done"]', { state: 'attached', timeout: 120_000 });
    const rows = await page.$$eval('[data-testid="analysis-output"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const node = await stressStudy(baseline, libraryShocks(baseline, Math.floor(baseline.horizonPeriods / 4)), { runsPerPoint: 30, masterSeed: 5 });
    const expected = stressMarkdown(node).split('\n').filter((l) => /^\| [a-zA-Z]+ at period/.test(l)).map((l) => l.slice(2, -2).split(' | '));
    expect(rows).toEqual(expected);
    // One row per kind of shock in the library.
    expect(rows).toHaveLength(Object.keys(STRESS_SHOCKS).length);
    expect(problems).toEqual([]);
  }, 180_000);

  it('discovery: the user picks a box and sees its restrictions; the memo downloads as one HTML page naming the scenario', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="analysis"]');
    await page.selectOption('[data-testid="analysis-kind"]', 'discover');
    await page.fill('[data-testid="analysis-runs"]', '10');
    await page.fill('[data-testid="analysis-samples"]', '40');
    await page.fill('[data-testid="analysis-levers"]', 'target.typePrior.hardliner=0:0.8\nmetadata.periodLengthMonths=1:12');
    await page.click('[data-testid="analysis-run"]');
    await page.waitForSelector('#view-analysis[data-state="done"]', { state: 'attached', timeout: 120_000 });
    const options = await page.$$eval('[data-testid="analysis-box"] option', (os) => os.map((o) => o.textContent));
    expect(options.length).toBeGreaterThan(2);
    await page.selectOption('[data-testid="analysis-box"]', '1');
    await page.fill('[data-testid="analysis-runs"]', '10');
    const download = page.waitForEvent('download', { timeout: 180_000 });
    await page.click('[data-testid="analysis-memo"]');
    const file = await (await download).path();
    const html = readFileSync(file!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Relief design memo: Baseline (step-for-step)');
    expect(html).toContain('Scenario: Baseline (step-for-step)');
    expect(html).toContain('Which shocks break it');
    expect(html).toContain('Where cheating pays: the design audit');
    expect(html).toContain('--audit-runs 10');
    // The audit ran (in the analysis worker) and its finding is printed.
    expect(html).toMatch(/Weak link: the \w+ at|Complying pays every type at every stage/);
    expect(html).not.toMatch(/<script/i);
    expect(problems).toEqual([]);
  }, 300_000);
});
