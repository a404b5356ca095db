/**
 * Web app benchmark (a script, not a test). Run: npx tsx bench/web.ts [rounds] [--page-thread]
 *
 * The app is built and served as the end-to-end tests serve it (preview server, CSP;
 * the e2e build, which differs from the shipped one only by its test hooks), opened in
 * Debian's Chromium. Every figure is the median over `rounds` fresh pages; the load
 * average is printed before and after, because the machine is shared.
 *
 * 1. First chart after navigation: navigation start to the first chart on screen.
 * 2. Startup: main-thread long tasks (PerformanceObserver 'longtask', > 50 ms) from
 *    navigation until the first preview is on every chart.
 * 3. Typed lever change: a value typed into detection probability (one input event) to
 *    the 2,000-run preview of the new design on every chart, with a warm pool.
 * 4. A 10,000-run batch: long tasks from the click on Run to the final charts, time to
 *    the first chart update and to the final charts.
 * 5. A continuous drag: the detection slider moves every 100 ms for 5 s; the gaps
 *    between chart updates while it moves (a preview must draw at least every 300 ms).
 * `--page-thread` also runs (4) with ?pool=page (the Monte Carlo layer in the page's thread).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { batchId, newPage, startApp, waitForRun, type App } from '../test/e2e/harness.ts';

const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const withPageThread = process.argv.includes('--page-thread');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const detection = '[data-path="design.verification.detectionProbability"]';

/** Installed before any page script: records every long task and when the first chart appears. */
function observeStartup(): void {
  const w = window as any;
  w.__bench = { longTasks: [] as { start: number; duration: number }[], firstChart: undefined as number | undefined };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (w.__bench.firstChart === undefined && document.querySelector('.chart[data-rendered] svg')) w.__bench.firstChart = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered'] });
}

interface Startup {
  firstChartMs: number;
  settledMs: number;
  longTasks: number;
  longestMs: number;
}

async function startup(app: App): Promise<{ page: Page; figures: Startup }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
  app.contexts.add(context);
  const page = await context.newPage();
  await page.addInitScript(observeStartup);
  await page.goto(app.url);
  await waitForRun(page, 'done', 'preview', 120_000);
  const figures = await page.evaluate(() => {
    const b = (window as any).__bench;
    const settled = performance.now();
    const tasks = b.longTasks.filter((t: { start: number }) => t.start <= settled);
    return { firstChartMs: b.firstChart, settledMs: settled, longTasks: tasks.length, longestMs: Math.max(0, ...tasks.map((t: { duration: number }) => t.duration)) };
  });
  return { page, figures };
}

/**
 * A value typed into the detection box, to the new preview on every chart (ms), split
 * into the batch (input to the batch's done state) and drawing (done to data-drawn);
 * the pool is warm from the preview before.
 */
interface Lever {
  totalMs: number;
  /** Input to the batch's done state (page, batch worker, engine). */
  batchMs: number;
  /** Of which the chunk workers held its batches (the engine compiling the scenario and running the runs; both stages of a preview). */
  engineMs: number;
  /** Of engineMs, the workers' prepare: compiling the scenario and solving the target's plan between them. */
  prepareMs: number;
  /** Parts of the plan solved (src/browser/plan-exchange.ts). */
  planParts: number;
}

async function typedLeverChange(page: Page, value: string): Promise<Lever> {
  const before = await batchId(page);
  const spansBefore: number = await page.evaluate(() => (window as any).reliefLab.engineSpans?.().length ?? 0);
  const t0 = await page.evaluate(([sel, v, b]) => {
    const w = window as any;
    const results = document.getElementById('results')!;
    w.__doneAt = undefined;
    const watch = new MutationObserver(() => {
      if (Number(results.dataset.batch) > b && results.dataset.state === 'done' && w.__doneAt === undefined) {
        w.__doneAt = performance.now();
        watch.disconnect();
      }
    });
    watch.observe(results, { attributes: true });
    const input = document.querySelector<HTMLInputElement>(`${sel} input[type="number"]`)!;
    input.value = v;
    const t = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return t;
  }, [detection, value, before] as const);
  await waitForRun(page, 'done', 'preview', { after: before, timeout: 60_000 });
  // data-drawn-at is set in the task that drew the last chart (the panel records it).
  // The engine's share: every batch the change ran (a preview's first stage and the whole preview).
  const [t1, done, engine, prepare, parts] = await page.evaluate((from) => {
    const spans: { engineMs: number; prepareMs?: number; planParts?: number }[] = (window as any).reliefLab.engineSpans?.() ?? [];
    const mine = spans.slice(from);
    // (Sums in a loop: a named helper here would be wrapped by tsx in a helper the page does not have.)
    const sums = [0, 0, 0];
    for (const x of mine) {
      sums[0] += x.engineMs;
      sums[1] += x.prepareMs ?? NaN;
      sums[2] += x.planParts ?? NaN;
    }
    if (!mine.length) sums.fill(NaN);
    return [Number(document.getElementById('results')!.dataset.drawnAt ?? performance.now()), (window as any).__doneAt as number, ...sums];
  }, spansBefore);
  return { totalMs: t1 - t0, batchMs: done - t0, engineMs: engine, prepareMs: prepare, planParts: parts };
}

interface Batch {
  firstChartMs: number;
  completionMs: number;
  longTasks: number;
  longestMs: number;
  longTaskTotalMs: number;
}

async function batch(page: Page, runs: number): Promise<Batch> {
  await page.fill('[data-testid="runs"]', String(runs));
  await page.fill('[data-testid="seed"]', '1');
  return page.evaluate(async () => {
    const longTasks: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask' });
    const results = document.getElementById('results')!;
    const draws: number[] = [];
    const finished = new Promise<void>((resolve) => {
      results.addEventListener('relief:drawn', (e) => {
        draws.push(performance.now());
        if ((e as CustomEvent<{ final: boolean }>).detail.final) resolve();
      });
    });
    const t0 = performance.now();
    (document.querySelector('[data-testid="run"]') as HTMLButtonElement).click();
    await finished;
    const t1 = performance.now();
    // The observer delivers entries after the task ends: wait for one more frame's worth of tasks.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    observer.disconnect();
    const during = longTasks.filter((t) => t.start >= t0 && t.start <= t1);
    return {
      firstChartMs: draws[0] - t0,
      completionMs: t1 - t0,
      longTasks: during.length,
      longestMs: Math.max(0, ...during.map((t) => t.duration)),
      longTaskTotalMs: during.reduce((a, t) => a + t.duration, 0),
    };
  });
}

interface Drag {
  /** Preview passes drawn while the slider moved (a first stage of 256 runs, or a whole 2,000-run preview). */
  updates: number;
  /** Of which whole 2,000-run previews. */
  complete: number;
  longestGapMs: number;
  firstUpdateMs: number;
}

/** Moves the slider every 100 ms for 5 s (the stimulus is timed; nothing is waited for by time). */
async function drag(page: Page): Promise<Drag> {
  return page.evaluate(async (sel) => {
    const slider = document.querySelector<HTMLInputElement>(`${sel} input[type="range"]`)!;
    const results = document.getElementById('results')!;
    const updates: number[] = [];
    let complete = 0;
    const stop = new AbortController();
    // (An inline listener: a named function here would be wrapped by tsx in a helper the page does not have.)
    results.addEventListener(
      'relief:drawn',
      (e) => {
        // Any preview pass (first stage or final; kind is absent before staged previews, when only
        // complete passes were previews); complete: a preview's final summary is on every chart (the app
        // before #16 sent only final).
        const d = (e as CustomEvent<{ complete?: boolean; final: boolean; kind?: string }>).detail;
        const whole = d.complete ?? d.final;
        if (d.kind === 'preview' || (d.kind === undefined && whole)) {
          updates.push(performance.now());
          if (whole) complete++;
        }
      },
      { signal: stop.signal },
    );
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let step = 0;
      const timer = setInterval(() => {
        step++;
        slider.value = String(0.2 + 0.6 * ((step % 25) / 25));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        if (step >= 50) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
    const t1 = performance.now();
    stop.abort();
    const during = updates.filter((t) => t <= t1);
    const marks = [t0, ...during, t1];
    let gap = 0;
    for (let i = 1; i < marks.length; i++) gap = Math.max(gap, marks[i] - marks[i - 1]);
    return { updates: during.length, complete, longestGapMs: gap, firstUpdateMs: during.length ? during[0] - t0 : NaN };
  }, detection);
}

function median(xs: number[]): number {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const r = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const med = <T>(all: T[], f: (x: T) => number) => median(all.map(f));
const each = <T>(all: T[], f: (x: T) => number) => all.map((x) => r(f(x))).join(', ');

const loadBefore = load();
const app = await startApp();
try {
  const starts: Startup[] = [];
  const levers: Lever[] = [];
  const batches: Batch[] = [];
  const drags: Drag[] = [];
  const pageBatches: Batch[] = [];
  for (let i = 0; i < rounds; i++) {
    const { page, figures } = await startup(app);
    starts.push(figures);
    for (const v of ['0.31', '0.52', '0.73']) levers.push(await typedLeverChange(page, v));
    batches.push(await batch(page, 10_000));
    drags.push(await drag(page));
    await app.closePages();
    if (withPageThread) {
      const { page: p } = await newPage(app, '?pool=page');
      await waitForRun(p, 'done', 'preview', 120_000);
      pageBatches.push(await batch(p, 10_000));
      await app.closePages();
    }
  }
  console.log(`Relief Lab web benchmark: baseline, master seed 1, ${rounds} rounds (fresh page each), medians`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after; Chromium headless, 1440x900`);
  console.log(`\n1. first chart after navigation: ${r(med(starts, (s) => s.firstChartMs))} ms (rounds: ${each(starts, (s) => s.firstChartMs)}); first preview on every chart ${r(med(starts, (s) => s.settledMs))} ms`);
  console.log(`2. startup long tasks (to the first preview on every chart): ${r(med(starts, (s) => s.longTasks))}, longest ${r(med(starts, (s) => s.longestMs))} ms (rounds: ${each(starts, (s) => s.longestMs)})`);
  console.log(
    `3. typed lever change to all charts updated, 2,000 runs, warm pool: ${r(med(levers, (l) => l.totalMs))} ms (each: ${each(levers, (l) => l.totalMs)}); input to the batch done ${r(med(levers, (l) => l.batchMs))} ms, of which the engine (chunk workers compiling and running) ${r(med(levers, (l) => l.engineMs))} ms (preparing: compiling and solving the plan, ${r(med(levers, (l) => l.prepareMs))} ms, ${r(med(levers, (l) => l.planParts))} plan parts solved); everything else (page, batch worker, drawing) ${r(med(levers, (l) => l.totalMs - l.engineMs))} ms`,
  );
  console.log(`4. 10,000-run batch: long tasks ${r(med(batches, (b) => b.longTasks))}, longest ${r(med(batches, (b) => b.longestMs))} ms (rounds: ${each(batches, (b) => b.longestMs)}), ${r(med(batches, (b) => b.longTaskTotalMs))} ms in total; first chart update ${r(med(batches, (b) => b.firstChartMs))} ms, final charts ${r(med(batches, (b) => b.completionMs))} ms`);
  console.log(`5. drag (a move every 100 ms for 5 s): ${r(med(drags, (d) => d.updates))} previews drawn (${r(med(drags, (d) => d.complete))} of them whole 2,000-run previews), longest gap without an update ${r(med(drags, (d) => d.longestGapMs))} ms (rounds: ${each(drags, (d) => d.longestGapMs)}), first update after ${r(med(drags, (d) => d.firstUpdateMs))} ms`);
  console.log(
    `\nThe four targets of #16: first chart ${r(med(starts, (s) => s.firstChartMs))} ms (1,000); longest startup task ${r(med(starts, (s) => s.longestMs))} ms (50); typed lever change to all charts ${r(med(levers, (l) => l.totalMs))} ms (200), the engine ${r(med(levers, (l) => l.engineMs))} of it; drag: longest gap between previews ${r(med(drags, (d) => d.longestGapMs))} ms (300)`,
  );
  if (withPageThread) {
    console.log(`   10,000 runs with ?pool=page: long tasks ${r(med(pageBatches, (b) => b.longTasks))}, longest ${r(med(pageBatches, (b) => b.longestMs))} ms; final charts ${r(med(pageBatches, (b) => b.completionMs))} ms`);
  }
} finally {
  await app.close();
}
