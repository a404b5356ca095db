import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/scenario/validate.ts';
import { batchId, chartData, download, newPage, useApp, waitForRun } from './harness.ts';
import { baselineWith, expectedSummary } from './expected.ts';

const app = useApp();

/** The target's prior and the coalition's members are levers like any other: forms, not only YAML. */
describe('web app: target and coalition forms', () => {
  it('edits the type prior in the form, and the preview follows the new prior', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    await page.click('[data-section="target"] > summary');
    await page.fill('[data-path="target.typePrior.sincere"] input[type="number"]', '0.5');
    await page.fill('[data-path="target.typePrior.opportunist"] input[type="number"]', '0.3');
    // The first edit alone leaves a prior that does not sum to 1, so only the second starts a preview;
    // waiting for a batch newer than the first (not for its short running phase, which can pass unseen) finds it.
    await waitForRun(page, 'done', 'preview', { after: first });
    const fan = await chartData(page, 'fan-trueCompliance', 'fan');
    const expected = await expectedSummary(baselineWith({ target: { typePrior: { sincere: 0.5, opportunist: 0.3 } } }), 2000, 1);
    expect(fan.map((r) => r.q50)).toEqual(expected.periods.trueCompliance.q50);
    expect(problems).toEqual([]);
  });

  it("edits a member's resolve as a fixed value or a range, refuses an inverted range, and exports what was set", async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-section="coalition"] > summary');
    await page.click('[data-path="coalition.members[1]"] > summary');
    const from = '[data-path="coalition.members[1].resolve.uniform[0]"] input[type="number"]';
    const to = '[data-path="coalition.members[1].resolve.uniform[1]"] input[type="number"]';
    // The baseline draws the ally's resolve from [4, 10].
    expect([await page.inputValue(from), await page.inputValue(to)]).toEqual(['4', '10']);
    await page.fill(from, '9');
    await page.fill(to, '5');
    await page.waitForSelector('[data-testid="validity"][data-valid="false"]', { state: 'attached' });
    expect(await page.textContent('[data-error-for="coalition.members[1].resolve"]')).toContain('lower bound must not exceed upper bound');
    await page.fill(to, '9');
    await page.waitForSelector('[data-testid="validity"][data-valid="true"]', { state: 'attached' });
    const parsed = readScenario((await download(page, '[data-testid="export-yaml"]')).body.toString());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.scenario.coalition.members[1].resolve).toBe(9);
    expect(problems).toEqual([]);
  });
  it("shows a regime change's own type prior only for a regime change, and exports it", async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-section="shocks"] > summary');
    await page.click('[data-path="shocks"] > button');
    await page.click('[data-path="shocks[0]"] > summary');
    const prior = (t: string) => `[data-path="shocks[0].typePrior.${t}"] input[type="number"]`;
    expect(await page.locator(prior('sincere')).count()).toBe(0);
    await page.selectOption('[data-path="shocks[0].kind"] select', 'regimeChange');
    await page.waitForSelector(prior('sincere'));
    await page.fill(prior('sincere'), '0.6');
    await page.waitForSelector('[data-testid="validity"][data-valid="false"]', { state: 'attached' });
    await page.fill(prior('opportunist'), '0.3');
    await page.fill(prior('hardliner'), '0.1');
    await page.waitForSelector('[data-testid="validity"][data-valid="true"]', { state: 'attached' });
    const parsed = readScenario((await download(page, '[data-testid="export-yaml"]')).body.toString());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.scenario.shocks[0]).toMatchObject({ kind: 'regimeChange', typePrior: { sincere: 0.6, opportunist: 0.3, hardliner: 0.1 } });
    expect(problems).toEqual([]);
  });
});
