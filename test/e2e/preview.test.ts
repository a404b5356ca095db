import { describe, expect, it } from 'vitest';
import { batchId, chartData, newPage, useApp, waitForRun } from './harness.ts';
import { baselineWith, expectedSummary } from './expected.ts';

const app = useApp();
const detection = '[data-path="design.verification.detectionProbability"] input[type="number"]';

describe('web app: live preview while a lever moves', () => {
  it('does not restart a running preview on every edit: its first stage comes in, then one preview of the latest value follows', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    // Record every (batch, state) the results column goes through.
    await page.evaluate(() => {
      const r = document.getElementById('results')!;
      const log: string[] = [];
      (window as any).runLog = log;
      new MutationObserver(() => {
        const entry = `${r.dataset.batch}:${r.dataset.state}:${r.dataset.runsDone ?? ''}`;
        if (log[log.length - 1] !== entry) log.push(entry);
      }).observe(r, { attributes: true });
    });
    const first = await batchId(page);
    await page.fill(detection, '0.3');
    // The preview of 0.3 starts after the pause in editing; the lever keeps moving while it runs.
    await page.waitForFunction((a) => {
      const r = document.getElementById('results')!.dataset;
      return Number(r.batch) > a && r.state === 'running';
    }, first);
    const moving = await batchId(page);
    await page.fill(detection, '0.25');
    await page.fill(detection, '0.2');
    await waitForRun(page, 'done', 'preview', { after: moving });
    const log: string[] = await page.evaluate(() => (window as any).runLog);
    // The preview that was running when the lever moved was not dropped before its first stage (256 runs)
    // was in (or it finished), and exactly one more followed it, for the value the lever stopped at.
    expect(log.some((e) => e === `${moving}:running:256` || e === `${moving}:done:2000`)).toBe(true);
    expect(log.filter((e) => e.includes(':cancelled'))).toEqual([]);
    expect(await batchId(page)).toBe(moving + 1);
    const fan = await chartData(page, 'fan-trueCompliance', 'fan');
    const expected = await expectedSummary(baselineWith({ design: { verification: { detectionProbability: 0.2 } } }), 2000, 1);
    expect(fan.map((r) => r.q50)).toEqual(expected.periods.trueCompliance.q50);
    expect(problems).toEqual([]);
  });
});
