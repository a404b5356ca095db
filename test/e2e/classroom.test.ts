import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startClassroomServer, type ClassroomServer } from '../../src/server/classroom/server.ts';
import { CHROMIUM_ARGS } from './harness.ts';

/**
 * The classroom end to end: the facilitator and four players, each in their own
 * headless Chromium context (the players on a 390 px phone screen), play a short
 * exercise through the negotiation, an inject and the debrief. Every step waits for a
 * state of the page, never for time. UPDATE_SCREENSHOTS=1 also writes the screenshots
 * of docs/screenshots/classroom-*.png.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : null;

let dir: string;
let server: ClassroomServer;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relief-lab-classroom-e2e-'));
  // The e2e build made once for the run (test/e2e/global-build.ts); the server only reads it.
  const web = inject('e2eWebDir');
  server = await startClassroomServer({ port: 0, host: '127.0.0.1', dataFile: join(dir, 'classroom.sqlite'), staticDir: web, scenarioDir: 'scenarios', utilityRuns: 12, debriefRuns: 400 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string, phone: boolean): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

const stage = (p: Page) => p.locator('[data-testid="stage"]').innerText();

/** Submits the seat's decision if it is due; resolves once the page shows it submitted or the moment moved on. */
async function submitIfDue(p: Page, rationale: string): Promise<boolean> {
  const due = p.locator('[data-testid="seat"][data-due="true"]');
  if ((await due.count()) === 0) return false;
  const before = await stage(p);
  await p.fill('[data-testid="rationale"]', rationale);
  await p.click('[data-testid="submit-action"]');
  await p.waitForFunction((b) => !document.querySelector('[data-testid="seat"][data-due="true"]') || document.querySelector('[data-testid="stage"]')?.textContent !== b || document.body.dataset.phase !== 'implementation', before);
  return true;
}

describe('the classroom, end to end', () => {
  it('a facilitator and four players on phones: join by code, negotiate, live with the terms through an inject, and debrief', async () => {
    const fac = await open('/classroom.html', false);
    const f = fac.page;
    // Create the room.
    await f.waitForSelector('[data-testid="create-room"]');
    await f.selectOption('[data-testid="create-scenario"]', 'baseline');
    await f.fill('[data-testid="create-rounds"]', '2');
    await f.fill('[data-testid="create-seed"]', 'e2e/1');
    // The default terms: a whole design of two levers, the detection probability and the share of relief in the first tranche.
    expect(await f.inputValue('[data-testid="create-issue-0"]')).toBe('design.verification.detectionProbability');
    expect(await f.inputValue('[data-testid="create-issue-1"]')).toBe('frontLoadedShare');
    await f.click('[data-testid="create-room"]');
    // The server values the designs on its analysis thread first (several seconds), then sends the room.
    await f.waitForSelector('[data-testid="room-code"]', { timeout: 180_000 });
    const code = (await f.innerText('[data-testid="room-code"]')).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(await f.getAttribute('[data-testid="join-link"]', 'href')).toMatch(new RegExp(`/join/${code}$`));
    // The QR code is served and decodes to an SVG image.
    await f.waitForFunction(() => (document.querySelector('[data-testid="qr"]') as HTMLImageElement)?.naturalWidth > 0);

    // Four players join by the link (the QR code's target) and pick their roles.
    const roles = ['coalition', 'target', 'verifier', 'aid'];
    const players: Page[] = [];
    for (const [i, role] of roles.entries()) {
      const { page } = await open(`/join/${code}`, true);
      await page.fill('[data-testid="player-name"]', `Student ${i + 1}`);
      await page.click('[data-testid="join"]');
      await page.click(`[data-testid="pick-${role}"]`);
      await page.waitForSelector(`[data-testid="your-role"][data-role="${role}"]`);
      players.push(page);
    }
    const [coalition, target, verifier, aid] = players;
    await f.waitForFunction(() => document.querySelectorAll('[data-testid="roster"] tr').length === 5);

    // Negotiation over the whole design: the coalition offers both levers, the target reads the audit of the offer, rejects and counters, the coalition accepts.
    const lever = (p: Page, path: string) => p.locator(`[data-testid="offer-${path}"]`);
    await f.click('[data-testid="start"]');
    await coalition.waitForSelector('[data-testid="propose"]');
    expect(await coalition.innerText('[data-testid="own-utility"]')).toMatch(/Your expected utility/);
    await lever(coalition, 'design.verification.detectionProbability').fill('0.8');
    await lever(coalition, 'frontLoadedShare').fill('0.2');
    await coalition.waitForFunction(() => /Your draft is worth -?\d/.test(document.querySelector('[data-testid="offer-worth"]')?.textContent ?? ''));
    await coalition.click('[data-testid="propose"]');
    await target.waitForSelector('[data-testid="reject"]');
    expect(await target.innerText('[data-testid="offer-on-table"]')).toMatch(/detection probability 0\.800, front-loaded share 0\.200 — worth -?\d+\.\d+ to you/);
    expect(await target.locator('[data-testid="lever-effects"] tr').count()).toBe(2);
    // The audit of the offer arrives from the server's analysis thread: the target sees its own type's row only.
    await target.waitForSelector('[data-testid="offer-audit"][data-status="done"]', { timeout: 180_000 });
    expect(await target.locator('[data-testid="offer-audit"] tr[data-testid^="audit-"]').count()).toBe(1);
    expect(await target.innerText('[data-testid="offer-audit"]')).toMatch(/cheats in \d+% of runs/);
    expect(await target.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await target.screenshot({ path: `${SHOTS}classroom-negotiation.png`, fullPage: true });
    await target.click('[data-testid="reject"]');
    await target.waitForSelector('[data-testid="propose"]');
    // The counter-offer starts from the offer on the table; a value outside the range is refused by the server, naming the lever.
    expect(await lever(target, 'design.verification.detectionProbability').inputValue()).toBe('0.8');
    await lever(target, 'frontLoadedShare').fill('1.5');
    await target.click('[data-testid="propose"]');
    await target.waitForFunction(() => /offer\.frontLoadedShare: 1\.5 is not in \[0, 1\]/.test(document.getElementById('cr-error')?.textContent ?? ''));
    await lever(target, 'design.verification.detectionProbability').fill('0.6');
    await lever(target, 'frontLoadedShare').fill('0.7');
    await target.click('[data-testid="propose"]');
    await coalition.waitForSelector('[data-testid="accept"]');
    // The coalition sees the audit for every type, with the prior, and the weak link.
    await coalition.waitForSelector('[data-testid="offer-audit"][data-status="done"]', { timeout: 180_000 });
    expect(await coalition.locator('[data-testid="offer-audit"] tr[data-testid^="audit-"]').count()).toBe(3);
    expect(await coalition.innerText('[data-testid="audit-weak-link"]')).toMatch(/Weak link|Complying pays/);
    await coalition.click('[data-testid="accept"]');
    for (const p of [f, ...players]) await p.waitForSelector('body[data-phase="implementation"]');

    // The target drops and comes back: same device, same seat.
    await target.reload();
    await target.waitForSelector('[data-testid="your-role"][data-role="target"]');

    // The facilitator injects a shock and a news item; every phone shows them.
    await f.click('[data-testid="inject-shock"]');
    await f.fill('[data-testid="news-text"]', 'Talks resume in Geneva');
    await f.click('[data-testid="post-news"]');
    for (const p of players) {
      await p.waitForFunction(() => [...document.querySelectorAll('[data-testid="feed-item"]')].some((li) => li.textContent?.includes('Talks resume in Geneva')));
      expect(await p.locator('[data-testid="feed-item"]').count()).toBe(2);
    }
    // The phone pages fit a 390 px screen: nothing wider than the viewport.
    for (const p of players) expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) {
      await target.screenshot({ path: `${SHOTS}classroom-player.png`, fullPage: true });
      await f.screenshot({ path: `${SHOTS}classroom-console.png`, fullPage: true });
    }

    // Two periods: everyone whose seat is due decides, until the debrief.
    let decided = 0;
    for (let guard = 0; guard < 40; guard++) {
      if ((await f.getAttribute('body', 'data-phase')) !== 'implementation') break;
      const before = await stage(f);
      let any = false;
      for (const [i, p] of players.entries()) if (await submitIfDue(p, `reason ${roles[i]} ${guard}`)) any = true;
      if (any) decided++;
      else await f.waitForFunction((b) => document.querySelector('[data-testid="stage"]')?.textContent !== b || document.body.dataset.phase !== 'implementation', before);
    }
    expect(decided).toBeGreaterThanOrEqual(2);

    // The debrief: three fans with percentiles, a score per seat, the replay under other designs.
    await f.waitForSelector('[data-testid="debrief"]', { timeout: 120_000 });
    for (const m of ['trueCompliance', 'leverage', 'needMet']) expect(await f.innerText(`[data-testid="fan-${m}"] figcaption`)).toMatch(/percentile \d+%/);
    expect(await f.locator('[data-testid="scores"] tr').count()).toBe(1 + 7);
    expect(await f.locator('[data-testid="what-ifs"] tr').count()).toBeGreaterThanOrEqual(4);
    expect(await f.innerText('[data-testid="scores"]')).toMatch(/people/);
    await aid.waitForSelector('[data-testid="debrief"]');
    await verifier.waitForSelector('[data-testid="debrief"]');
    // The research export: the full log as JSON, with the rationales and never a token.
    const key = await f.evaluate((c) => JSON.parse(localStorage.getItem(`relief-lab-classroom:${c}`)!).key, code);
    const log = await (await fetch(`${server.url}/api/rooms/${code}/log.json`, { headers: { 'x-facilitator-key': key } })).text();
    expect(JSON.parse(log).decisions.some((d: { rationale: string }) => d.rationale.startsWith('reason target'))).toBe(true);
    expect(log).not.toMatch(/"token"/);
    expect((await fetch(`${server.url}/api/rooms/${code}/log.csv`)).status).toBe(403);
    if (SHOTS) await f.locator('[data-testid="debrief"]').screenshot({ path: `${SHOTS}classroom-debrief.png` });
    expect(fac.problems).toEqual([]);
  }, 600_000);

  it('hot seat: one screen, the class takes turns at the seats and both sides of the talks', async () => {
    const { page: f, problems } = await open('/classroom.html', false);
    await f.waitForSelector('[data-testid="create-room"]');
    await f.fill('[data-testid="create-rounds"]', '1');
    await f.check('[data-testid="create-hotseat"]');
    await f.click('[data-testid="create-room"]');
    await f.waitForSelector('[data-testid="room-code"]', { timeout: 180_000 });
    await f.click('[data-testid="start"]');
    const side = (who: string, what: string) => `[data-testid="negotiation-${who}"] [data-testid="${what}"]`;
    await f.waitForSelector(side('coalition', 'propose'));
    await f.fill(side('coalition', 'offer-frontLoadedShare'), '0.5');
    await f.click(side('coalition', 'propose'));
    await f.click(side('target', 'accept'));
    await f.waitForSelector('body[data-phase="implementation"]');
    const seen = new Set<string>();
    for (let guard = 0; guard < 20 && (await f.getAttribute('body', 'data-phase')) === 'implementation'; guard++) {
      const turn = (await f.innerText('[data-testid="hot-seat"]')).replace('Pass the screen to: ', '');
      seen.add(turn);
      const before = await stage(f);
      await f.fill('[data-testid="rationale"]', `turn of ${turn}`);
      await f.click('[data-testid="submit-action"]');
      await f.waitForFunction(
        ([b, t]) => document.body.dataset.phase !== 'implementation' || document.querySelector('[data-testid="stage"]')?.textContent !== b || document.querySelector('[data-testid="hot-seat"]')?.textContent !== `Pass the screen to: ${t}`,
        [before, turn] as const,
      );
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Target government', 'Humanitarian agency']));
    await f.waitForSelector('[data-testid="debrief"]', { timeout: 120_000 });
    expect(await f.innerText('[data-testid="scores"]')).toMatch(/Target government\s+people/);
    expect(problems).toEqual([]);
  }, 600_000);
});
