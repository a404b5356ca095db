/**
 * Screenshots of the main views for docs/screenshots/ (run: npx tsx web/tools/screenshots.ts).
 * Builds the app, serves it with the preview server, and drives Chromium like the
 * end-to-end tests do; every image shows real runs of the shipped scenarios.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newPage, startApp, waitForRun } from '../../test/e2e/harness.ts';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
const app = await startApp();
try {
  const { page } = await newPage(app);
  await waitForRun(page, 'done', 'preview', 120_000);
  await page.fill('[data-testid="runs"]', '10000');
  await page.click('[data-testid="run"]');
  await waitForRun(page, 'done', 'full', 120_000);
  await page.screenshot({ path: `${out}workspace.png` });
  await page.locator('#results').screenshot({ path: `${out}results.png` });

  await page.click('[data-section="sequencing"] > summary');
  await page.fill('[data-path="design.verification.falseAlarmProbability"] input[type="number"]', '1.4');
  await page.waitForSelector('[data-testid="validity"][data-valid="false"]');
  await page.locator('#editor').screenshot({ path: `${out}validation.png` });
  await page.fill('[data-path="design.verification.falseAlarmProbability"] input[type="number"]', '0.03');
  await page.click('[data-section="sequencing"] > summary');

  await page.click('[data-tab="gallery"]');
  await page.screenshot({ path: `${out}gallery.png` });

  await page.click('[data-tab="compare"]');
  for (const f of ['gallery:baseline.yaml', 'gallery:front-loaded.yaml', 'gallery:back-loaded.yaml']) {
    const box = page.locator(`[data-testid="compare-picks"] input[value="${f}"]`);
    if (await box.count()) await box.check();
  }
  await page.click('[data-testid="compare-run"]');
  await page.waitForSelector('#view-compare[data-state="done"]', { state: 'attached', timeout: 300_000 });
  await page.screenshot({ path: `${out}compare.png`, fullPage: true });
  console.log(`screenshots written to ${out}`);
} finally {
  await app.close();
}
