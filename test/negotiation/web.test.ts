import { describe, expect, it } from 'vitest';
import { newPage, useApp } from '../e2e/harness.ts';

const app = useApp();

describe('web app: the negotiation panel', () => {
  it('values a family, shows who signs and the zone, bargains and replays a session, and lets a person play the target to the end', async () => {
    const { page, problems } = await newPage(app());
    await page.click('[data-tab="negotiation"]');
    await page.selectOption('[data-testid="family-parameter-0"]', 'frontLoadedShare');
    await page.fill('[data-testid="family-steps-0"]', '3');
    await page.selectOption('[data-testid="family-parameter-1"]', '(none)');
    await page.fill('[data-testid="negotiation-runs"]', '40');
    await page.click('[data-testid="negotiation-run"]');
    await page.waitForSelector('#view-negotiation[data-state="done"]', { state: 'attached', timeout: 90_000 });
    const designs = await page.$$eval('[data-testid="acceptance-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-design')));
    expect(designs).toEqual(['current design', 'frontLoadedShare=0', 'frontLoadedShare=0.5', 'frontLoadedShare=1']);
    expect(await page.textContent('[data-testid="zone-summary"]')).toMatch(/of 3 designs beat no deal for both sides if the target is sincere/);
    await page.click('[data-testid="bargain-run"]');
    await page.waitForSelector('[data-testid="bargain-implementation"]', { timeout: 90_000 });
    expect(await page.textContent('[data-testid="bargain-summary"]')).toMatch(/Agreement in \d+% of 200 sessions/);
    expect(await page.$$eval('[data-testid="bargain-replay"] li', (lis) => lis.length)).toBeGreaterThan(1);
    // A person plays the target against Boulware: reject until the last round, then accept (or walk away if offered nothing).
    await page.click('[data-testid="play-start"]');
    for (let i = 0; i < 60 && !(await page.$('[data-testid="play-outcome"]')); i++) {
      if (await page.$('[data-testid="play-propose"]')) await page.click('[data-testid="play-propose"]');
      else if (await page.$('[data-testid="play-reject"]')) await page.click('[data-testid="play-reject"]');
    }
    expect(await page.textContent('[data-testid="play-outcome"]')).toMatch(/^Over: (agreement|breakdown|deadline|walked-away)/);
    expect(problems).toEqual([]);
  }, 180_000);
});
