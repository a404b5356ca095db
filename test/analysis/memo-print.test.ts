import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chartSvg, libraryShocks, memoCharts, memoHtml, memoMarkdown, memoStudies, stressStudy, type MemoMeta, type MemoStudies } from '../../src/analysis/studies/index.ts';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { scenarioFingerprint } from '../../src/montecarlo/seeds.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

/**
 * The memo from real runs (small ones) printed by headless Chromium to PDF: two
 * A4 pages, every chart inside the printable width and wholly on one page, and
 * every chart saying which scenario it shows and that the design was edited. The
 * page budget is also checked with every shock of the library breaking the
 * agreement (the stress test at a breaking level of 20%, below the design's own
 * collapse rate), the stress table's largest case.
 */
function load(file: string): Scenario {
  const l = loadScenarioFile(file);
  if (!l.ok) throw new Error(`${file} does not load`);
  return l.scenario;
}
const base = load('scenarios/step-for-step.yaml');
const alternative = load('scenarios/front-loaded.yaml');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
let browser: Browser;
let studies: MemoStudies;
let everyShockBreaks: MemoStudies;
let meta: MemoMeta;
let svgs: Record<string, string>;
let svgsEveryShock: Record<string, string>;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  studies = await memoStudies(base, { runsPerPoint: 40, masterSeed: 3, alternative, audit: { runs: 40 }, runBatch: (s) => runMonteCarlo(s, { runs: 200, masterSeed: 3 }) });
  meta = { scenario: base, scenarioHash: scenarioFingerprint(base), source: 'scenarios/step-for-step.yaml', edited: true, version: '0.1.0', masterSeed: 3, runsPerPoint: 40, reproduce: 'relief-lab report scenarios/step-for-step.yaml --seed 3' };
  svgs = {};
  for (const [name, spec] of Object.entries(memoCharts(studies, meta))) svgs[name] = await chartSvg(spec);
  const stress = await stressStudy(base, libraryShocks(base, Math.floor(base.horizonPeriods / 4)), { runsPerPoint: 40, masterSeed: 3, level: 0.2 });
  everyShockBreaks = { ...studies, stress };
  svgsEveryShock = { ...svgs, breakPoints: await chartSvg(memoCharts(everyShockBreaks, meta).breakPoints) };
}, 360_000);
afterAll(async () => browser?.close());

describe('the memo', () => {
  it('has the charts a memo needs, each naming the scenario and saying the design was edited', () => {
    expect(Object.keys(svgs).sort()).toEqual(['breakPoints', 'compliance', 'leverage', 'tornado']);
    for (const svg of Object.values(svgs)) expect(svg).toContain('Scenario: Step-for-step (edited from scenarios/step-for-step.yaml)');
  });

  it('states the seed, the version, the fingerprint, the break points and the comparison', () => {
    const html = memoHtml(studies, meta, svgs);
    expect(html).toContain(`fingerprint ${meta.scenarioHash}`);
    expect(html).toContain('relief-lab 0.1.0');
    expect(html).toContain('master seed 3');
    expect(html).toContain('Which shocks break it');
    // Every kind of shock is named, in the table of those that break it or the sentence of those that hold.
    for (const s of studies.stress.shocks) expect(html).toContain(s.shock.kind);
    expect(html).toContain(`Each of the library's ${studies.stress.shocks.length} kinds of shock added at period 15`);
    expect(html).toContain(`Against ${alternative.metadata.name}`);
    expect(html).not.toMatch(/<script|\son[a-z]+="|https?:\/\/(?!www\.w3\.org)/i);
    const md = memoMarkdown(studies, meta, 'memo-charts', Object.keys(svgs));
    expect(md).toContain('![breakPoints](memo-charts/breakPoints.svg)');
    expect(md).toContain(`fingerprint ${meta.scenarioHash}`);
  });

  it('has the design audit: where cheating pays each type, the weak tranche and why, the fixes re-checked by simulation', () => {
    const a = studies.audit && 'report' in studies.audit ? studies.audit.report : null;
    expect(a).not.toBeNull();
    const w = a!.rows[a!.weakLink];
    const html = memoHtml(studies, meta, svgs);
    expect(html).toContain('Where cheating pays: the design audit');
    for (const type of Object.keys(a!.weakLinkByType)) expect(html).toContain(`<td>${type}`);
    expect(html).toContain(`<td>${w.type} (weak link)</td>`);
    // Step-for-step's hardliner cheats from the start (docs/games.md); the memo names the stage, the margin and a fix that simulation confirms.
    expect(w.cheatingPays).toBe(true);
    expect(html).toContain(`Weak link: the ${w.type} at ${w.tranche === null ? 'the start, before any release' : `tranche ${w.tranche}`}`);
    expect(a!.fixes.length).toBeGreaterThan(0);
    for (const f of a!.fixes) expect(html).toContain(f.description);
    expect(html).toContain('confirmed by simulation');
    expect(html).not.toContain('is not in this memo');
    const md = memoMarkdown(studies, meta, 'memo-charts', Object.keys(svgs));
    expect(md).toContain('## Where cheating pays: the design audit');
    expect(md).toContain(a!.fixes[0].description);
  });

  it('lists every shock in the break-point table when every shock breaks it', () => {
    const html = memoHtml(everyShockBreaks, meta, svgsEveryShock);
    expect(everyShockBreaks.stress.shocks.every((s) => s.single ? s.single.probability >= 0.2 : s.result?.status !== 'holds-at-high')).toBe(true);
    const table = /<table><thead><tr><th>shock that breaks it<\/th>[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table.match(/<tr><td>/g)).toHaveLength(everyShockBreaks.stress.shocks.length);
    expect(html).toContain(`${everyShockBreaks.stress.shocks.length} of ${everyShockBreaks.stress.shocks.length} shocks added at period 15 break it`);
  });

  it.each([
    ['the memo', () => memoHtml(studies, meta, svgs)],
    ['the memo where every shock breaks it', () => memoHtml(everyShockBreaks, meta, svgsEveryShock)],
  ])('%s prints to two A4 pages, every chart inside the printable width and on one page', async (_name, html) => {
    const page = await browser.newPage();
    try {
      await page.setContent(html());
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(2);
      // The printed layout: A4 less the @page margins (13 mm top and bottom, 14 mm sides) at 96 px per inch.
      const mm = 96 / 25.4;
      const printable = { width: (210 - 28) * mm, height: (297 - 26) * mm };
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.floor(printable.width), height: Math.floor(printable.height) });
      const layout = await page.evaluate(() => {
        const second = document.querySelector('.page2')!.getBoundingClientRect().top + window.scrollY;
        const end = document.querySelector('footer')!.getBoundingClientRect().bottom + window.scrollY;
        return {
          second,
          end,
          charts: [...document.querySelectorAll('figure')].map((f) => {
            const svg = f.querySelector('svg')!;
            const r = svg.getBoundingClientRect();
            return { name: f.dataset.chart, left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, scroll: svg.scrollWidth, box: f.getBoundingClientRect().width };
          }),
        };
      });
      expect(layout.second).toBeLessThanOrEqual(printable.height);
      expect(layout.end - layout.second).toBeLessThanOrEqual(printable.height);
      expect(layout.charts).toHaveLength(4);
      for (const c of layout.charts) {
        expect(c.left, c.name).toBeGreaterThanOrEqual(0);
        expect(c.right, c.name).toBeLessThanOrEqual(printable.width + 0.5);
        // Wholly on the first page or wholly on the second.
        expect(c.bottom <= layout.second || c.top >= layout.second, c.name).toBe(true);
        expect(c.bottom - c.top, c.name).toBeGreaterThan(100);
      }
    } finally {
      await page.close();
    }
  });
});
