import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAN_METRICS } from '../../src/charts/fan.ts';
import { batchId, chartData, download, newPage, useApp, waitForRun } from './harness.ts';
import { baselineWith, expectedScenario, expectedSummary } from './expected.ts';
import { readScenario } from '../../src/scenario/validate.ts';

const app = useApp();

function shippedScenarios(): { file: string; description: string; name: string }[] {
  const dir = new URL('../../scenarios/', import.meta.url);
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.yaml')), ...readdirSync(new URL('cases/', dir)).filter((f) => f.endsWith('.yaml')).map((f) => `cases/${f}`)];
  return files.map((file) => {
    const meta = parse(readFileSync(new URL(file, dir), 'utf8')).metadata ?? {};
    return { file, description: meta.description, name: meta.name };
  });
}

describe('web app: run and results', () => {
  it('opens the gallery with every shipped scenario and its one-line description, and opens one', async () => {
    const { page, problems } = await newPage(app());
    const before = await batchId(page);
    await page.click('[data-tab="gallery"]');
    const shipped = shippedScenarios();
    await page.waitForSelector('[data-file]');
    const cards = await page.$$eval('[data-file]', (els) => els.map((e) => ({ file: e.getAttribute('data-file'), text: e.textContent })));
    expect(cards.map((c) => c.file).sort()).toEqual(shipped.map((s) => s.file).sort());
    for (const s of shipped.filter((x) => x.description)) expect(cards.find((c) => c.file === s.file)!.text).toContain(s.description);
    const other = shipped.find((s) => s.file !== 'baseline.yaml' && s.name)!;
    await page.click(`[data-open="${other.file}"]`);
    await page.waitForSelector('#view-workspace:not([hidden])');
    expect(await page.textContent('.doc-title')).toBe(other.name);
    // Opening a scenario runs it: the charts then show that scenario, not the one before.
    await waitForRun(page, 'done', 'preview', { after: before });
    expect(await page.evaluate(() => (window as any).reliefLab.summary().scenarioName)).toBe(other.name);
    const expected = await expectedSummary(expectedScenario(other.file), 2000, 1);
    expect((await chartData(page, 'fan-trueCompliance', 'fan')).map((r) => r.q50)).toEqual(expected.periods.trueCompliance.q50);
    expect(await page.isHidden('[data-testid="stale"]')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('runs the baseline with 2,000 runs and draws exactly the engine summary for that seed', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const preview = await batchId(page);
    await page.fill('[data-testid="runs"]', '2000');
    await page.fill('[data-testid="seed"]', '7');
    await page.click('[data-testid="run"]');
    await waitForRun(page, 'done', 'full', { after: preview });
    const expected = await expectedSummary(baselineWith(), 2000, 7);
    for (const m of FAN_METRICS) {
      const rows = await chartData(page, `fan-${m}`, 'fan');
      expect(rows.map((r) => r.q50), m).toEqual(expected.periods[m].q50);
      expect(rows.map((r) => r.q05), m).toEqual(expected.periods[m].q05);
      expect(rows.map((r) => r.q95), m).toEqual(expected.periods[m].q95);
    }
    const probabilities = await chartData(page, 'outcome-probabilities', 'probabilities');
    expect(probabilities.map((r) => r.probability)).toEqual([expected.outcomes.collapsed.mean, expected.outcomes.fullRelief.mean]);
    expect(await page.textContent('[data-testid="run-status"]')).toContain('2,000 runs, master seed 7');
    expect(problems).toEqual([]);
  });

  it('re-runs a preview when a lever is edited, and the charts follow the new design', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    const before = await chartData(page, 'fan-trueCompliance', 'fan');
    const input = page.locator('[data-path="design.verification.detectionProbability"] input[type="number"]');
    await input.fill('0.05');
    // The preview starts after a pause in editing: wait for a batch newer than the first to finish
    // (its short running phase can come and go between two looks, so that is not waited for).
    await waitForRun(page, 'done', 'preview', { after: first });
    const after = await chartData(page, 'fan-trueCompliance', 'fan');
    const expected = await expectedSummary(baselineWith({ design: { verification: { detectionProbability: 0.05 } } }), 2000, 1);
    expect(after.map((r) => r.q50)).toEqual(expected.periods.trueCompliance.q50);
    expect(after.map((r) => r.mean)).not.toEqual(before.map((r) => r.mean));
    expect(problems).toEqual([]);
  });

  it('exports charts (PNG, SVG), summaries (JSON, CSV) and the scenario (YAML) with the run provenance', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const grab = (selector: string) => download(page, selector);
    const svg = await grab('[data-chart="fan-leverage"] ~ figcaption [data-export="svg"]');
    expect(svg.name).toMatch(/^relief-lab_baseline-step-for-step_fan-leverage_seed1_2000runs_v.+\.svg$/);
    expect((await grab('[data-testid="export-json"]')).name).toMatch(/^relief-lab_baseline-step-for-step_seed1_2000runs_v\d+\.\d+\.\d+\.json$/);
    expect(svg.body.toString()).toMatch(/^<svg[^>]*><desc>Relief Lab .+; scenario "Baseline \(step-for-step\)"; master seed 1; 2000 runs<\/desc>/);
    const png = await grab('[data-chart="fan-leverage"] ~ figcaption [data-export="png"]');
    expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const json = JSON.parse((await grab('[data-testid="export-json"]')).body.toString());
    expect([json.format, json.runs, json.masterSeed, typeof json.version]).toEqual(['relief-lab/batch-summary@1', 2000, 1, 'string']);
    const expected = await expectedSummary(baselineWith(), 2000, 1);
    expect(json.periods.leverage.q50).toEqual(expected.periods.leverage.q50);
    const csv = (await grab('[data-testid="export-csv"]')).body.toString().trim().split('\n');
    expect(csv[0]).toBe('scenario,scenario_edited,master_seed,runs,runs_requested,partial,version,metric,unit,period,mean,se,q05,q25,q50,q75,q95');
    expect(csv).toHaveLength(1 + Object.keys(expected.periods).length * expected.horizonPeriods);
    expect(csv[1].startsWith('Baseline (step-for-step),false,1,2000,2000,false,')).toBe(true);
    expect(csv.find((r) => r.includes(',leverage,'))).toMatch(/,leverage,share \(0-1\),0,/);
    const yaml = (await grab('[data-testid="export-yaml"]')).body.toString();
    expect(readScenario(yaml).ok).toBe(true);
    expect(problems).toEqual([]);
  });

  it('stays usable during a long run, cancels it mid-way and keeps the partial result', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const preview = await batchId(page);
    await page.fill('[data-testid="runs"]', '1000000');
    await page.click('[data-testid="run"]');
    // The long run's own progress: the preview before it also had runs done.
    await page.waitForFunction((p) => {
      const r = document.getElementById('results')!.dataset;
      return Number(r.batch) > p && r.kind === 'full' && r.state === 'running' && Number(r.runsDone) > 0;
    }, preview);
    // The page handles input while the workers run (how fast is bench/web.ts's job).
    await page.click('[data-tab="gallery"]');
    await page.waitForSelector('#view-gallery:not([hidden])');
    await page.click('[data-tab="workspace"]');
    await page.waitForSelector('#view-workspace:not([hidden])');
    expect(await page.getAttribute('#results', 'data-state')).toBe('running');
    await page.click('[data-testid="cancel"]');
    await waitForRun(page, 'cancelled', 'full', { after: preview });
    const status = await page.textContent('[data-testid="run-status"]');
    expect(status).toMatch(/^Cancelled after [\d,]+ of 1,000,000 runs/);
    const kept = Number(status!.match(/after ([\d,]+)/)![1].replace(/,/g, ''));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(1_000_000);
    // The charts show the partial batch and say so.
    expect(await page.getAttribute('#results', 'data-drawn')).toBe(String(kept));
    const subline = await page.evaluate(() => (window as any).reliefLab.chartSignal('fan-trueCompliance', 'subline').join(' '));
    expect(subline).toContain(`${kept.toLocaleString('en-US')} of 1,000,000 runs (cancelled)`);
    expect(problems).toEqual([]);
  });
});
