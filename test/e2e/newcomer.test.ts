import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/scenario/validate.ts';
import { formatShare } from '../../src/index.ts';
import { batchId, chartData, download, newPage, useApp, waitForRun } from './harness.ts';
import { baselineWith, expectedScenario, expectedSummary } from './expected.ts';

/** The paths a new user takes (issue #16): one test each, waiting only for states the app sets. */
const app = useApp();
const field = (path: string) => `[data-path="${path}"] input[type="number"]`;
const detection = field('design.verification.detectionProbability');
const access = field('design.verification.access');

describe('web app: what a new user trips over', () => {
  it('keeps every edit when a list item is added or removed', async () => {
    const { page, problems } = await newPage(app());
    await page.fill(detection, '0.3');
    await page.fill(access, '0.5');
    await page.click('[data-section="benchmarks"] > summary');
    await page.click('[data-path="design.benchmarks[0]"] > summary');
    await page.fill(field('design.benchmarks[0].verifiability'), '0.55');
    await page.click('[data-section="sequencing"] > summary');
    const tranches = await page.locator('[data-path="design.tranches"] > details').count();
    await page.click('[data-path="design.tranches"] > button:has-text("Add tranche")');
    await page.waitForFunction((n) => document.querySelectorAll('[data-path="design.tranches"] > details').length === n + 1, tranches);
    expect([await page.inputValue(detection), await page.inputValue(access), await page.inputValue(field('design.benchmarks[0].verifiability'))]).toEqual(['0.3', '0.5', '0.55']);
    // Remove it again: the edits stay too, in the form and in the file.
    await page.click(`[data-path="design.tranches[${tranches}]"] > summary [data-action="remove"]`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-path="design.tranches"] > details').length === n, tranches);
    expect(await page.inputValue(detection)).toBe('0.3');
    const parsed = readScenario((await download(page, '[data-testid="export-yaml"]')).body.toString());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.scenario.design.verification).toMatchObject({ detectionProbability: 0.3, access: 0.5 });
      expect(parsed.scenario.design.benchmarks[0].verifiability).toBe(0.55);
      expect(parsed.scenario.design.tranches).toHaveLength(tranches);
    }
    expect(problems).toEqual([]);
  });

  it('shows the result before an edit beside the result after it, names the edited design in Compare, and undoes an Open', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    expect(await page.isHidden('[data-testid="before-after"]')).toBe(true);
    await page.fill(detection, '0.05');
    await waitForRun(page, 'done', 'preview', { after: first });
    const [before, after] = await Promise.all([expectedSummary(baselineWith(), 2000, 1), expectedSummary(baselineWith({ design: { verification: { detectionProbability: 0.05 } } }), 2000, 1)]);
    // The new result, and the median as opened drawn beside it.
    expect((await chartData(page, 'fan-trueCompliance', 'fan')).map((r) => r.q50)).toEqual(after.periods.trueCompliance.q50);
    expect((await chartData(page, 'fan-leverage', 'reference')).map((r) => r.q50)).toEqual(before.periods.leverage.q50);
    expect((await chartData(page, 'outcome-probabilities', 'reference')).map((r) => r.probability)).toEqual([before.outcomes.collapsed.mean, before.outcomes.fullRelief.mean]);
    const line = await page.textContent('[data-testid="before-after"]');
    expect(line).toContain('Before (Baseline (step-for-step) as opened, 2,000 runs) → now (2,000 runs)');
    // The app's share format (one decimal below 10%, whole percents above): the values are under test here, not the format.
    expect(line).toContain(`collapse ${formatShare(before.outcomes.collapsed.mean)} → ${formatShare(after.outcomes.collapsed.mean)}`);

    // Compare: the edited design and the shipped one have names that say which is which.
    await page.click('[data-tab="compare"]');
    await page.check('[data-testid="compare-picks"] input[value="gallery:baseline.yaml"]');
    await page.check('[data-testid="compare-picks"] input[value="current"]');
    await page.fill('[data-testid="compare-runs"]', '500');
    await page.click('[data-testid="compare-run"]');
    await page.waitForSelector('#view-compare[data-state="done"]', { state: 'attached', timeout: 90_000 });
    const heads = await page.$$eval('[data-testid="comparison-table"] thead th', (ths) => ths.map((t) => t.textContent));
    expect(heads).toContain('Baseline (step-for-step) (edited): mean [95% CI]');
    expect(heads.join(' ')).not.toContain('(2)');

    // Opening a gallery scenario over the edited draft says so and can be undone, edits included.
    await page.click('[data-tab="gallery"]');
    await page.click('[data-open="front-loaded.yaml"]');
    await page.waitForSelector('#notice [data-testid="notice-action"]');
    expect(await page.textContent('#notice')).toContain('in place of "Baseline (step-for-step), with your edits"');
    await page.click('#notice [data-testid="notice-action"]');
    await page.waitForFunction((sel) => document.querySelector<HTMLInputElement>(sel)?.value === '0.05', detection);
    expect(await page.textContent('.doc-title')).toBe('Baseline (step-for-step)');
    expect(problems).toEqual([]);
  }, 120_000);

  it('exports charts, tables and summaries that say which scenario, edit, version and runs they show', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    await page.fill(detection, '0.4');
    await waitForRun(page, 'done', 'preview', { after: first });
    const svg = await download(page, '[data-chart="fan-leverage"] ~ figcaption [data-export="svg"]');
    expect(svg.name).toMatch(/^relief-lab_baseline-step-for-step-edited_fan-leverage_seed1_2000runs_v\d+\.\d+\.\d+\.svg$/);
    // The provenance line is drawn into the exported image itself, under the subtitle.
    expect(svg.body.toString()).toContain('scenario "Baseline (step-for-step)" (edited) · master seed 1 · 2,000 runs');
    const png = await download(page, '[data-chart="fan-leverage"] ~ figcaption [data-export="png"]');
    expect(png.name).toMatch(/^relief-lab_baseline-step-for-step-edited_fan-leverage_seed1_2000runs_v\d+\.\d+\.\d+\.png$/);
    // The chart on screen is put back as it was.
    expect(await page.evaluate(() => (window as any).reliefLab.chartSignal('fan-leverage', 'subline').join(' '))).not.toContain('Relief Lab');
    const csv = await download(page, '[data-testid="export-outcomes"]');
    expect(csv.name).toMatch(/^relief-lab_baseline-step-for-step-edited_seed1_2000runs_v\d+\.\d+\.\d+_outcomes\.csv$/);
    const rows = csv.body.toString().trim().split('\n');
    expect(rows[0].startsWith('scenario,scenario_edited,master_seed,runs,runs_requested,partial,version,metric,unit,')).toBe(true);
    expect(rows.find((r) => r.includes(',collapsed,'))).toMatch(/^Baseline \(step-for-step\),true,1,2000,2000,false,[^,]+,collapsed,share \(0-1\),/);

    // The comparison table exports too.
    await page.click('[data-tab="compare"]');
    await page.check('[data-testid="compare-picks"] input[value="gallery:baseline.yaml"]');
    await page.check('[data-testid="compare-picks"] input[value="gallery:back-loaded.yaml"]');
    await page.fill('[data-testid="compare-runs"]', '500');
    await page.click('[data-testid="compare-run"]');
    await page.waitForSelector('#view-compare[data-state="done"]', { state: 'attached', timeout: 90_000 });
    const table = await download(page, '[data-testid="export-comparison"]');
    expect(table.name).toMatch(/_comparison_seed1_500runs_v\d+\.\d+\.\d+\.csv$/);
    const lines = table.body.toString().trim().split('\n');
    expect(lines[0]).toBe('reference,design,master_seed,runs_per_design,version,metric,label,unit,better_is,n,mean,ci95_low,ci95_high,difference_from_reference,difference_ci95_low,difference_ci95_high,verdict');
    expect(lines).toHaveLength(1 + 14 * 2);

    // An export taken while a batch runs says it is partial, in its name and its rows.
    await page.click('[data-tab="workspace"]');
    const before = await batchId(page);
    await page.fill('[data-testid="runs"]', '1000000');
    await page.click('[data-testid="run"]');
    await page.waitForFunction((b) => {
      const r = document.getElementById('results')!.dataset;
      return Number(r.batch) > b && r.kind === 'full' && r.state === 'running' && Number(r.summaryRuns) > 0 && Number(r.summaryRuns) < 1_000_000;
    }, before);
    // While it runs, the charts say "so far", never "cancelled".
    await page.waitForFunction(() => ((window as any).reliefLab.chartSignal('fan-trueCompliance', 'subline') ?? []).join(' ').includes('of 1,000,000 runs'));
    const subline = await page.evaluate(() => (window as any).reliefLab.chartSignal('fan-trueCompliance', 'subline').join(' '));
    expect(subline).toMatch(/[\d,]+ of 1,000,000 runs \(so far\)/);
    const partial = await download(page, '[data-testid="export-csv"]');
    expect(partial.name).toMatch(/_seed1_\d+runs_partial_v/);
    expect(partial.body.toString().split('\n')[1]).toMatch(/^Baseline \(step-for-step\),true,1,\d+,1000000,true,/);
    await page.click('[data-testid="cancel"]');
    await waitForRun(page, 'cancelled', 'full', { after: before });
    expect(problems).toEqual([]);
  }, 180_000);

  it('fits a phone: the page is as wide as the viewport, and the status is in view after Run and Cancel', async () => {
    const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
    app().contexts.add(context);
    const page = await context.newPage();
    await page.goto(app().url);
    await waitForRun(page, 'done', 'preview');
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth])).toEqual([390, 390, 390]);
    // Every field, slider included, fits the editor column.
    const overflowing = await page.$$eval('.editor-column .field', (fields) => fields.filter((f) => f.scrollWidth > f.clientWidth + 1).map((f) => f.getAttribute('data-path')));
    expect(overflowing).toEqual([]);
    const inView = () => page.evaluate(() => {
      const r = document.querySelector('[data-testid="run-status"]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    // Results come first on a phone.
    expect(await inView()).toBe(true);
    const before = await batchId(page);
    await page.fill('[data-testid="runs"]', '1000000');
    await page.click('[data-testid="run"]');
    await page.waitForFunction((b) => Number(document.getElementById('results')!.dataset.batch) > b && document.getElementById('results')!.dataset.state === 'running', before);
    await page.mouse.wheel(0, 3000);
    await page.waitForFunction(() => window.scrollY > 1000);
    expect(await inView()).toBe(true);
    await page.click('[data-testid="cancel"]');
    await waitForRun(page, 'cancelled', 'full', { after: before });
    expect(await inView()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  });

  it('works from the keyboard alone: skip link to Run, tabs with arrow keys, Back between panels', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('data-tab'));
    // The skip link comes first, then the tab bar: one tab stop, arrows move between panels and the address follows.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip-to-run');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('workspace');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#view-compare:not([hidden])');
    expect(await page.evaluate(() => location.search)).toBe('?view=compare');
    expect(await page.getAttribute('[data-tab="compare"]', 'aria-selected')).toBe('true');
    expect(await focused()).toBe('compare');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#view-saved:not([hidden])');
    await page.goBack();
    await page.waitForSelector('#view-compare:not([hidden])');
    await page.goBack();
    await page.waitForSelector('#view-workspace:not([hidden])');
    expect(await page.evaluate(() => location.search)).toBe('');
    // From the skip link, Enter goes to Run, and Enter runs.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('skip-to-run');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('run');
    await page.keyboard.press('Enter');
    await waitForRun(page, 'done', 'full', { after: first });
    // Hidden controls take no focus; labels, help and errors are tied to their fields.
    expect(await page.getAttribute('[data-testid="import-file"]', 'tabindex')).toBe('-1');
    expect(await page.getAttribute('label[for="import-file"]', 'role')).toBe('button');
    const described = await page.getAttribute(detection, 'aria-describedby');
    expect(await page.textContent(`#${described!.split(' ')[0]}`)).toContain('chance an inspection detects a real violation');
    await page.fill(detection, '1.4');
    await page.waitForSelector(`${detection}[aria-invalid="true"]`);
    expect(await page.textContent(`#${described!.split(' ')[1]}`)).toContain('1.4 is not in [0, 1]');
    expect(await page.getAttribute('[data-chart="fan-trueCompliance"]', 'aria-label')).toMatch(/^Chart: Median true compliance /);
    expect(problems).toEqual([]);
  });

  it('shares a short link that restores the seed and the run count, and says when a link was cut short', async () => {
    const { page, problems } = await newPage(app());
    await page.fill('[data-testid="seed"]', '7');
    await page.fill('[data-testid="runs"]', '3000');
    await page.fill(detection, '0.37');
    await page.waitForSelector('[data-testid="validity"][data-valid="true"]');
    await page.click('[data-testid="share"]');
    const url = await page.inputValue('[data-testid="share-url"]');
    expect(url).toMatch(/#v=2&seed=7&runs=3000&scenario=[^&]+&end$/);
    // Only the change travels: the shipped baseline is named, not copied.
    expect(url.length).toBeLessThan(400);
    const opened = await newPage(app(), url.slice(url.indexOf('#')));
    await waitForRun(opened.page, 'done', 'preview');
    expect([await opened.page.inputValue('[data-testid="seed"]'), await opened.page.inputValue('[data-testid="runs"]'), await opened.page.inputValue(detection)]).toEqual(['7', '3000', '0.37']);
    // The preview ran with the link's seed.
    expect(await opened.page.textContent('[data-testid="run-status"]')).toContain('master seed 7');
    const cut = await newPage(app(), url.slice(url.indexOf('#'), url.length - 20));
    await cut.page.waitForSelector('#notice[data-kind="error"]');
    expect(await cut.page.textContent('#notice')).toContain('the link is incomplete');
    expect(await cut.page.locator('#notice li').count()).toBe(0);
    expect([...problems, ...opened.problems, ...cut.problems]).toEqual([]);
  });

  it('follows a slider dragged without pause: previews are drawn while it moves', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    // The stimulus moves the slider every 100 ms until two previews were drawn during the drag (the old
    // debounce restarted on every move and drew none until the drag stopped; a preview's first stage
    // counts); nothing waits for a time.
    await page.evaluate((sel) => {
      const slider = document.querySelector<HTMLInputElement>(`${sel} input[type="range"]`)!;
      const w = window as any;
      w.dragDraws = 0;
      w.sublines = [];
      // Any preview drawn: a first stage (256 runs, said so on the charts) or a whole preview.
      document.getElementById('results')!.addEventListener('relief:drawn', (e) => {
        if ((e as CustomEvent<{ kind: string }>).detail.kind !== 'preview') return;
        w.dragDraws++;
        w.sublines.push(w.reliefLab.chartSignal('fan-trueCompliance', 'subline').join(' '));
      });
      let step = 0;
      w.drag = setInterval(() => {
        step++;
        slider.value = String(0.2 + 0.02 * (step % 30));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      }, 100);
    }, '[data-path="design.verification.detectionProbability"]');
    await page.waitForFunction(() => (window as any).dragDraws >= 2, undefined, { timeout: 60_000 });
    const stillMoving = await page.evaluate(() => {
      const w = window as any;
      const moving = w.drag !== undefined;
      clearInterval(w.drag);
      return moving;
    });
    expect(stillMoving).toBe(true);
    // A chart drawn from a first stage says how many of the preview's runs it holds.
    const sublines: string[] = await page.evaluate(() => (window as any).sublines);
    for (const line of sublines) expect(line).toMatch(/(256 of 2,000 runs \(so far\)|2,000 runs)/);
    expect(problems).toEqual([]);
  });

  it('marks what history did on the charts of a historical case', async () => {
    const { page, problems } = await newPage(app());
    await waitForRun(page, 'done', 'preview');
    const first = await batchId(page);
    await page.click('[data-tab="gallery"]');
    await page.click('[data-open="cases/iran-jcpoa-2015.yaml"]');
    await waitForRun(page, 'done', 'preview', { after: first });
    const h = expectedScenario('cases/iran-jcpoa-2015.yaml').metadata.historicalOutcome!;
    const horizon = expectedScenario('cases/iran-jcpoa-2015.yaml').horizonPeriods;
    expect(await chartData(page, 'fan-trueCompliance', 'history')).toEqual([{ period: horizon - 1, value: h.finalCompliance, label: `history: compliance ${Math.round(h.finalCompliance! * 100)}% at the end` }]);
    const marks = await chartData(page, 'outcome-probabilities', 'history');
    expect(marks.map((m) => [m.outcome, m.probability])).toEqual([
      ['The arrangement collapses', h.collapsed ? 1 : 0],
      ['Full relief is reached', h.fullReliefPeriod !== undefined ? 1 : 0],
    ]);
    // The baseline is not a case: no history on its charts.
    await page.click('[data-tab="gallery"]');
    const iran = await batchId(page);
    await page.click('[data-open="baseline.yaml"]');
    await waitForRun(page, 'done', 'preview', { after: iran });
    expect(await page.evaluate(() => Object.keys((window as any).reliefLab.chartSpec('fan-trueCompliance').datasets))).toEqual(['fan']);
    expect(problems).toEqual([]);
  });
});
