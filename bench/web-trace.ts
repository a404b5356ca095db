/**
 * Where the web app's time goes (a diagnostic script, not a test). Run:
 *   npx tsx bench/web-trace.ts [startup|lever|drag] [--out trace.json]
 *
 * Records a Chrome trace (CDP Tracing: devtools.timeline, User Timing and the V8
 * sampling profiler of every thread: the page, the batch worker, the chunk workers)
 * around one scenario of bench/web.ts and prints, per thread, the busy time in
 * top-level tasks, the longest tasks, and the functions with the most self time;
 * then the User Timing marks and measures the app sets. `--out` also writes the raw
 * trace, which chrome://tracing or the DevTools Performance panel can open.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { batchId, startApp, waitForRun } from '../test/e2e/harness.ts';

type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; id?: string; args?: any };

const what = (process.argv[2] ?? 'lever') as 'startup' | 'lever' | 'drag';
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : undefined;
const detection = '[data-path="design.verification.detectionProbability"]';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'toplevel'].join(',');

async function record(cdp: CDPSession, body: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents', options: 'sampling-frequency=10000' } as any);
  await body();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/**
 * The trace's first task on each thread carries the profiler's start-up (hundreds of ms
 * of V8.InvokeApiInterruptCallbacks), so the scenario runs twice and only what follows
 * the last 'bench:input' mark is analysed.
 */
function analyse(all: TraceEvent[]): void {
  const inputs = all.filter((e) => e.name === 'bench:input').map((e) => e.ts);
  const from = inputs.length ? Math.max(...inputs) : 0;
  const events = all.filter((e) => e.ph === 'M' || e.name === 'Profile' || e.name === 'ProfileChunk' || e.ts >= from);
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined);
  const t0 = Math.min(...events.filter((e) => e.ts > 0 && e.ph !== 'M').map((e) => e.ts));
  const ms = (us: number) => (us / 1000).toFixed(1);
  const byThread = new Map<string, TraceEvent[]>();
  for (const t of tasks) {
    const k = `${t.pid}:${t.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(t);
  }
  // Self time per function from the sampling profiler (ProfileChunk events, per thread's profile id), in the window only.
  const profiles = new Map<string, { thread: string; t: number; nodes: Map<number, { name: string; url: string; line: number }>; self: Map<number, number> }>();
  for (const e of all) {
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, t: e.args.data.startTime, nodes: new Map(), self: new Map() });
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, { name: n.callFrame.functionName || '(anonymous)', url: n.callFrame.url ?? '', line: n.callFrame.lineNumber ?? 0 });
    const samples: number[] = d.cpuProfile?.samples ?? [];
    const deltas: number[] = d.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const dt = Math.max(0, deltas[i] ?? 0);
      p.t += deltas[i] ?? 0;
      if (p.t >= from) p.self.set(samples[i], (p.self.get(samples[i]) ?? 0) + dt);
    }
  }
  const rows = [...byThread.entries()].map(([k, ts]) => ({ k, name: threadName.get(k) ?? k, busy: ts.reduce((a, t) => a + t.dur!, 0), ts })).filter((r) => r.busy > 2000);
  rows.sort((a, b) => b.busy - a.busy);
  for (const r of rows) {
    const long = [...r.ts].sort((a, b) => b.dur! - a.dur!).slice(0, 6);
    console.log(`\n== ${r.name} (${r.k}): busy ${ms(r.busy)} ms in ${r.ts.length} tasks; longest: ${long.map((t) => `${ms(t.dur!)} @${ms(t.ts - t0)}`).join(', ')}`);
    const prof = [...profiles.values()].filter((p) => p.thread === r.k);
    const self = new Map<string, number>();
    for (const p of prof) for (const [id, us] of p.self) {
      const n = p.nodes.get(id);
      if (!n) continue;
      const file = n.url.split('/').pop() ?? '';
      const key = `${n.name} ${file}:${n.line}`;
      self.set(key, (self.get(key) ?? 0) + us);
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18);
    for (const [k, us] of top) console.log(`   ${ms(us).padStart(8)} ms  ${k}`);
  }
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'e'));
  if (marks.length) {
    console.log('\n== User Timing (ms from the first event)');
    const begins = new Map<string, number>();
    for (const m of marks.sort((a, b) => a.ts - b.ts)) {
      if (m.ph === 'b') begins.set(`${m.name}:${m.id}`, m.ts);
      else if (m.ph === 'e') {
        const b = begins.get(`${m.name}:${m.id}`);
        console.log(`   ${ms((b ?? m.ts) - t0).padStart(8)}  ${m.name}  ${b !== undefined ? `${ms(m.ts - b)} ms` : ''} (${threadName.get(`${m.pid}:${m.tid}`) ?? m.tid})`);
      } else console.log(`   ${ms(m.ts - t0).padStart(8)}  ${m.name} (mark, ${threadName.get(`${m.pid}:${m.tid}`) ?? m.tid})`);
    }
  }
}

async function typeLever(page: Page, value: string): Promise<void> {
  const before = await batchId(page);
  await page.evaluate(
    ([sel, v]) => {
      const input = document.querySelector<HTMLInputElement>(`${sel} input[type="number"]`)!;
      input.value = v;
      performance.mark('bench:input');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [detection, value] as const,
  );
  await waitForRun(page, 'done', 'preview', { after: before, timeout: 60_000 });
}

console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; tracing: ${what}`);
const app = await startApp({ minify: false });
try {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
  app.contexts.add(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let events: TraceEvent[];
  if (what === 'startup') {
    events = await record(cdp, async () => {
      await page.goto(app.url);
      await waitForRun(page, 'done', 'preview', 120_000);
    });
  } else {
    await page.goto(app.url);
    await waitForRun(page, 'done', 'preview', 120_000);
    await typeLever(page, '0.31');
    if (what === 'lever')
      events = await record(cdp, async () => {
        await typeLever(page, '0.52');
        await typeLever(page, '0.73');
      });
    else
      events = await record(cdp, () =>
        page.evaluate(async (sel) => {
          const slider = document.querySelector<HTMLInputElement>(`${sel} input[type="range"]`)!;
          for (let step = 1; step <= 20; step++) {
            slider.value = String(0.2 + 0.6 * ((step % 25) / 25));
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((r) => setTimeout(r, 100));
          }
        }, detection),
      );
  }
  if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
  analyse(events);
} finally {
  await app.close();
}
console.log(`\nload average after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
