import { describe, expect, it } from 'vitest';
import { newPage, useApp } from './harness.ts';

const app = useApp();

describe('web app: the design audit', () => {
  it('a case is audited: the weak link is named and marked, a fix is applied with its simulated effect and CI, and the design is edited', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="gallery"]');
    await page.click('[data-open="cases/iran-jcpoa-2015.yaml"]');
    await page.click('[data-tab="audit"]');
    await page.fill('#audit-runs', '20');
    // Opening a case starts the workspace's preview batch; the button is usable once the page is idle.
    await page.click('#audit-run', { timeout: 150_000 });
    await page.waitForSelector('#audit-fixes li[data-fix-kind]', { timeout: 240_000 });
    expect(await page.textContent('#audit-weak-link')).toMatch(/^Weak link: the hardliner at tranche \S+ .*cheating pays there/);
    expect(await page.$$eval('#audit-table tr[data-weak-link]', (trs) => trs.length)).toBe(1);
    const fix = await page.textContent('#audit-fixes li[data-fix-kind]');
    expect(fix).toMatch(/Re-checked on \d+ hardliner runs/);
    expect(fix).toMatch(/95% CI -?\d/);
    await page.waitForSelector('#audit-heat canvas, #audit-heat svg', { state: 'attached' });
    await page.click('#audit-fixes button[data-fix]');
    expect(await page.textContent('#audit-status')).toMatch(/^Applied: /);
    expect(await page.textContent('#audit-design')).toMatch(/\(edited\)$/);
    expect(problems).toEqual([]);
  }, 400_000);

  it('runs off the page: while an audit runs the page answers a click, and Cancel stops it and says so', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="audit"]');
    // 2,000 runs with fixes re-checked: tens of seconds, so the audit is still running at the click.
    await page.fill('#audit-runs', '2000');
    await page.click('#audit-run', { timeout: 150_000 });
    await page.waitForSelector('#audit-status:has-text("Auditing")');
    // Were the audit on the page's thread, this click would wait for it to end (the button then disabled again).
    await page.click('#audit-cancel', { timeout: 20_000 });
    await page.waitForSelector('#audit-status:has-text("Audit cancelled")');
    expect(await page.isEnabled('#audit-run')).toBe(true);
    expect(await page.isDisabled('#audit-cancel')).toBe(true);
    expect(await page.$$eval('#audit-table tr', (trs) => trs.length)).toBe(0);
    expect(problems).toEqual([]);
  }, 400_000);
});
