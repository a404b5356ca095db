import { describe, expect, it } from 'vitest';
import { chartData, newPage, useApp, waitForRun } from './harness.ts';
import { baselineWith, expectedSummary } from './expected.ts';
import { pairedDesignDifferences } from '../../src/compare/paired.ts';

const app = useApp();

const detection = '[data-path="design.verification.detectionProbability"] input[type="number"]';

describe('web app: designs', () => {
  it('compares two designs on common random numbers, with a table of differences naming the better design', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="compare"]');
    await page.check('[data-testid="compare-picks"] input[value="gallery:baseline.yaml"]');
    await page.fill('[data-testid="compare-runs"]', '2000');
    // The current design, edited: much weaker detection than the baseline.
    await page.click('[data-tab="workspace"]');
    await page.fill(detection, '0.05');
    await page.click('[data-tab="compare"]');
    await page.check('[data-testid="compare-picks"] input[value="current"]');
    await page.click('[data-testid="compare-run"]');
    await page.waitForSelector('#view-compare[data-state="done"]', { state: 'attached', timeout: 90_000 });
    const rows = await page.$$eval('[data-testid="comparison-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-metric')));
    expect(rows).toHaveLength(14);
    // The differences are paired run by run: the numbers of the same designs as an experiment's points in Node.
    expect(await page.textContent('[data-testid="comparison-table"] thead')).toContain('paired by run');
    const paired = await pairedDesignDifferences([{ name: 'reference', scenario: baselineWith() }, { name: 'weak', scenario: baselineWith({ design: { verification: { detectionProbability: 0.05 } } }) }], { runs: 2000, masterSeed: 1 });
    const cell = JSON.parse((await page.getAttribute('tr[data-metric="undetectedViolationPeriods"] td[data-verdict]', 'data-difference'))!);
    const p = paired.weak.undetectedViolationPeriods;
    expect(cell).toEqual([p.estimate, p.ci95[0], p.ci95[1]]);
    // The verdict follows the paired interval: worse when it excludes 0 and the difference is
    // not negligible (half a violation-period), else no clear difference. (With the exact best
    // response, weaker inspections barely move undetected violations on the baseline: the
    // cross-checks still catch gamed statistics, and the opportunist keeps complying.)
    const unseen = await page.getAttribute('tr[data-metric="undetectedViolationPeriods"] td[data-verdict]', 'data-verdict');
    const clear = p.ci95[0] > 0 && p.estimate >= 0.5;
    expect(unseen).toBe(clear ? 'worse' : 'no clear difference');
    if (clear) expect(await page.textContent('[data-testid="findings"]')).toMatch(/worse on .*undetected violation-periods/);
    // Shared axes, the engine's own medians for each design on the same seed.
    const fan = await chartData(page, 'compare-trueCompliance', 'compareFan');
    const [reference, weak] = await Promise.all([expectedSummary(baselineWith(), 2000, 1), expectedSummary(baselineWith({ design: { verification: { detectionProbability: 0.05 } } }), 2000, 1)]);
    const designs = [...new Set(fan.map((r) => r.design))];
    expect(designs).toHaveLength(2);
    expect(fan.filter((r) => r.design === designs[0]).map((r) => r.q50)).toEqual(reference.periods.trueCompliance.q50);
    expect(fan.filter((r) => r.design === designs[1]).map((r) => r.q50)).toEqual(weak.periods.trueCompliance.q50);
    expect(problems).toEqual([]);
  }, 240_000);

  it('round-trips a design through a share link', async () => {
    const { page, problems } = await newPage(app());
    await page.fill(detection, '0.37');
    await page.waitForSelector('[data-testid="validity"][data-valid="true"]');
    await page.click('[data-testid="share"]');
    const url = await page.inputValue('[data-testid="share-url"]');
    expect(url).toMatch(/#v=2&seed=1&runs=10000&scenario=[^&]+&end$/);
    const opened = await newPage(app(), url.slice(url.indexOf('#')));
    expect(await opened.page.inputValue(detection)).toBe('0.37');
    expect(await opened.page.textContent('.doc-title')).toBe('Baseline (step-for-step)');
    // The link was read, then cleared from the address bar; the notice area stays empty.
    expect(await opened.page.evaluate(() => location.hash)).toBe('');
    expect(await opened.page.isHidden('#notice')).toBe(true);
    expect([...problems, ...opened.problems]).toEqual([]);
  });

  it('refuses a malformed share link with a clear error and keeps the current scenario', async () => {
    const { page } = await newPage(app(), '#scenario=this-is-not-lz-data');
    await page.waitForSelector('#notice[data-kind="error"]');
    expect(await page.textContent('#notice')).toContain('Could not open the share link');
    expect(await page.textContent('.doc-title')).toBe('Baseline (step-for-step)');
  });

  it('refuses a malformed import, names the field and range, and keeps the current scenario', async () => {
    const { page, problems } = await newPage(app());
    await page.fill(detection, '0.42');
    const bad = 'extends: baseline.yaml\nmetadata: { name: Broken }\ndesign:\n  verification: { falseAlarmProbability: 1.4 }\n';
    await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    await page.waitForSelector('#notice[data-kind="error"]');
    const notice = await page.textContent('#notice');
    expect(notice).toContain('Could not import broken.yaml; the current scenario is unchanged.');
    expect(notice).toContain('design.verification.falseAlarmProbability: 1.4 is not in [0, 1]');
    expect(await page.inputValue(detection)).toBe('0.42');
    expect(await page.textContent('.doc-title')).toBe('Baseline (step-for-step)');
    // Not YAML at all: also refused.
    await page.setInputFiles('[data-testid="import-file"]', { name: 'junk.yaml', mimeType: 'text/yaml', buffer: Buffer.from('design: [unclosed') });
    await page.waitForFunction(() => document.getElementById('notice')!.textContent!.includes('junk.yaml'));
    expect(await page.textContent('#notice')).toContain('is not valid YAML or JSON');
    expect(await page.inputValue(detection)).toBe('0.42');
    expect(problems).toEqual([]);
  });

  it('keeps saved designs and the draft across a reload', async () => {
    const { page, problems } = await newPage(app());
    await page.fill(detection, '0.81');
    await page.fill('[data-testid="save-name"]', 'Strict inspections');
    await page.click('[data-testid="save"]');
    await page.waitForSelector('#notice[data-kind="info"]');
    await page.fill(detection, '0.2');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // The draft (last edit) is back...
    expect(await page.inputValue(detection)).toBe('0.2');
    // ...and the saved design is listed and opens with its own value.
    await page.click('[data-tab="saved"]');
    await page.waitForSelector('[data-saved="Strict inspections"]');
    await page.click('[data-saved="Strict inspections"] button:has-text("Open")');
    await page.waitForSelector('#view-workspace:not([hidden])');
    expect(await page.inputValue(detection)).toBe('0.81');
    expect(problems).toEqual([]);
  });
});
