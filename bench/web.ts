/**
 * Web app benchmark (a script, not a test): main-thread long tasks during a
 * 10,000-run batch of the baseline, time to the first chart update and to the
 * final charts. Run: npx tsx bench/web.ts [runs] [rounds]
 *
 * The app is built and served as in production (preview server, CSP), opened in
 * Debian's Chromium; a PerformanceObserver records every 'longtask' (a main-thread
 * task over 50 ms) from the click on Run until the final charts are drawn.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { newPage, startApp, waitForRun } from '../test/e2e/harness.ts';

const runs = Number(process.argv[2] ?? 10_000);
/** Rounds of (workers, page thread), alternated so both see the same machine load; medians are reported. */
const rounds = Number(process.argv[3] ?? 3);

interface Figures {
  firstChartMs: number;
  firstChartRuns: number;
  completionMs: number;
  updates: number;
  longTasks: number;
  longTaskTotalMs: number;
  longestTaskMs: number;
  chartMs: Record<string, number>;
}

/** One batch in a fresh page; `query` selects the pool ('' = Web Workers, '?pool=page' = the page thread). */
async function measure(app: Awaited<ReturnType<typeof startApp>>, query: string): Promise<Figures> {
  const { page } = await newPage(app, query);
  await waitForRun(page, 'done', 'preview', 120_000);
  await page.fill('[data-testid="runs"]', String(runs));
  await page.fill('[data-testid="seed"]', '1');
  const figures = await page.evaluate(async () => {
    const longTasks: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask' });
    const results = document.getElementById('results')!;
    const draws: { at: number; runs: number; final: boolean }[] = [];
    const finished = new Promise<void>((resolve) => {
      results.addEventListener('relief:drawn', (e) => {
        const d = (e as CustomEvent<{ runs: number; final: boolean }>).detail;
        draws.push({ at: performance.now(), runs: d.runs, final: d.final });
        if (d.final) resolve();
      });
    });
    performance.clearMeasures();
    const t0 = performance.now();
    (document.querySelector('[data-testid="run"]') as HTMLButtonElement).click();
    await finished;
    const t1 = performance.now();
    // Let the observer deliver tasks that ended just before the final draw.
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    const during = longTasks.filter((t) => t.start >= t0 && t.start <= t1);
    const chartMs: Record<string, number> = {};
    for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('chart:')) chartMs[m.name.slice(6)] = (chartMs[m.name.slice(6)] ?? 0) + m.duration;
    return {
      chartMs,
      firstChartMs: draws[0].at - t0,
      firstChartRuns: draws[0].runs,
      completionMs: t1 - t0,
      updates: draws.length,
      longTasks: during.length,
      longTaskTotalMs: during.reduce((a, t) => a + t.duration, 0),
      longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
    };
  });
  await page.context().close();
  return figures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of every figure over rounds (per-chart times too). */
function medianFigures(all: Figures[]): Figures {
  const pick = (f: (x: Figures) => number) => median(all.map(f));
  const charts = [...new Set(all.flatMap((f) => Object.keys(f.chartMs)))];
  return {
    firstChartMs: pick((f) => f.firstChartMs),
    firstChartRuns: pick((f) => f.firstChartRuns),
    completionMs: pick((f) => f.completionMs),
    updates: pick((f) => f.updates),
    longTasks: pick((f) => f.longTasks),
    longTaskTotalMs: pick((f) => f.longTaskTotalMs),
    longestTaskMs: pick((f) => f.longestTaskMs),
    chartMs: Object.fromEntries(charts.map((c) => [c, median(all.map((f) => f.chartMs[c] ?? 0))])),
  };
}

const app = await startApp();
try {
  const w: Figures[] = [];
  const p: Figures[] = [];
  for (let i = 0; i < rounds; i++) {
    w.push(await measure(app, ''));
    p.push(await measure(app, '?pool=page'));
  }
  const workers = medianFigures(w);
  const pageThread = medianFigures(p);
  const r = (x: number) => Math.round(x);
  const report = (label: string, figures: Figures, all: Figures[]) => {
    const drawTotal = Object.values(figures.chartMs).reduce((a, b) => a + b, 0);
    console.log(`\n${label} (median of ${all.length}; completion per round: ${all.map((f) => r(f.completionMs)).join(', ')} ms)`);
    console.log(`  time to first chart update: ${r(figures.firstChartMs)} ms (after ${figures.firstChartRuns.toLocaleString('en-US')} runs)`);
    console.log(`  time to final charts:       ${r(figures.completionMs)} ms (${figures.updates} chart updates)`);
    console.log(`  main-thread long tasks (>50 ms): ${figures.longTasks}, ${r(figures.longTaskTotalMs)} ms in total (${((100 * figures.longTaskTotalMs) / figures.completionMs).toFixed(1)}% of the batch), longest ${r(figures.longestTaskMs)} ms`);
    console.log(`  chart drawing: ${r(drawTotal)} ms; by chart: ${Object.entries(figures.chartMs).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${r(v)}`).join(', ')}`);
  };
  console.log(`Relief Lab web benchmark: baseline, ${runs.toLocaleString('en-US')} runs, master seed 1, ${rounds} alternating rounds`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end; Chromium headless`);
  report('Web Workers (the app as shipped)', workers, w);
  report('Page thread (?pool=page, for comparison)', pageThread, p);
  console.log(`\nratios of medians, page thread / Web Workers: time to final charts ${(pageThread.completionMs / workers.completionMs).toFixed(2)}x; long-task time ${(pageThread.longTaskTotalMs / Math.max(1, workers.longTaskTotalMs)).toFixed(2)}x; longest task ${(pageThread.longestTaskMs / Math.max(1, workers.longestTaskMs)).toFixed(2)}x`);
} finally {
  await app.close();
}
