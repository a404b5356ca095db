/**
 * Screenshots of the main views for docs/screenshots/ (run: npx tsx web/tools/screenshots.ts).
 * Builds the app, serves it with the preview server, and drives Chromium like the
 * end-to-end tests do, at 1440x900 (desktop) and 390x844 (phone); every image shows
 * real runs of the shipped scenarios.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { batchId, startApp, waitForRun, type App } from '../../test/e2e/harness.ts';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

async function open(app: App, width: number, height: number, path = ''): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width, height } });
  app.contexts.add(context);
  const page = await context.newPage();
  await page.goto(app.url + path);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const detection = '[data-path="design.verification.detectionProbability"] input[type="number"]';
const app = await startApp();
try {
  const page = await open(app, 1440, 900);
  await waitForRun(page, 'done', 'preview', 120_000);
  let seen = await batchId(page);
  await page.fill('[data-testid="runs"]', '10000');
  await page.click('[data-testid="run"]');
  await waitForRun(page, 'done', 'full', { after: seen, timeout: 180_000 });
  await page.screenshot({ path: `${out}workspace.png` });
  await page.locator('#results').screenshot({ path: `${out}results.png` });

  // Before and after: weaker detection, drawn beside the result as opened.
  seen = await batchId(page);
  await page.fill(detection, '0.2');
  await waitForRun(page, 'done', 'preview', { after: seen, timeout: 120_000 });
  await page.locator('#results .run-panel').screenshot({ path: `${out}before-after-status.png` });
  await page.locator('[data-chart="fan-leverage"]').screenshot({ path: `${out}before-after.png` });

  await page.fill('[data-path="design.verification.falseAlarmProbability"] input[type="number"]', '1.4');
  await page.waitForSelector('[data-testid="validity"][data-valid="false"]');
  await page.locator('#editor').screenshot({ path: `${out}validation.png` });
  await page.fill('[data-path="design.verification.falseAlarmProbability"] input[type="number"]', '0.03');
  await page.fill(detection, '0.6');

  await page.click('[data-section="coalition"] > summary');
  await page.click('[data-path="coalition.members[1]"] > summary');
  await page.locator('[data-section="coalition"]').screenshot({ path: `${out}coalition.png` });

  await page.click('[data-tab="gallery"]');
  await page.waitForSelector('[data-file]');
  await page.screenshot({ path: `${out}gallery.png` });

  // A historical case: what history did is marked on its charts.
  seen = await batchId(page);
  await page.click('[data-open="cases/iran-jcpoa-2015.yaml"]');
  await waitForRun(page, 'done', 'preview', { after: seen, timeout: 120_000 });
  await page.locator('[data-chart="fan-trueCompliance"]').screenshot({ path: `${out}case-history.png` });
  await page.click('#notice [data-testid="notice-action"]');

  await page.click('[data-tab="compare"]');
  for (const f of ['gallery:baseline.yaml', 'gallery:front-loaded.yaml', 'gallery:back-loaded.yaml']) {
    const box = page.locator(`[data-testid="compare-picks"] input[value="${f}"]`);
    if (await box.count()) await box.check();
  }
  await page.click('[data-testid="compare-run"]');
  await page.waitForSelector('#view-compare[data-state="done"]', { state: 'attached', timeout: 300_000 });
  await page.screenshot({ path: `${out}compare.png`, fullPage: true });

  const phone = await open(app, 390, 844);
  await waitForRun(phone, 'done', 'preview', 120_000);
  await phone.screenshot({ path: `${out}phone-workspace.png` });
  await phone.mouse.wheel(0, 2500);
  await phone.waitForFunction(() => window.scrollY > 1500);
  await phone.screenshot({ path: `${out}phone-scrolled.png` });
  await phone.click('[data-tab="gallery"]');
  await phone.waitForSelector('[data-file]');
  await phone.screenshot({ path: `${out}phone-gallery.png` });
  console.log(`screenshots written to ${out}`);
} finally {
  await app.close();
}
