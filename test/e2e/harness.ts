import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

/**
 * End-to-end harness: serves the web app's e2e build (made once per run by
 * test/e2e/global-build.ts, or here outside vitest) with
 * Vite's preview server (which sends the production Content-Security-Policy) on a
 * free localhost port, and drives Debian's Chromium through playwright-core.
 * One browser per test file; every test gets a fresh context (empty storage).
 */
const CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface App {
  url: string;
  browser: Browser;
  /** The browser contexts newPage opened and closePages has not closed yet. */
  contexts: Set<BrowserContext>;
  /** Closes every page opened with newPage so far. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the built app once for a test file and closes it after; returns a getter
 * (the app exists only once beforeAll has run).
 */
export function useApp(): () => App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  // A test's pages are closed after it, so their workers and charts do not compete with the next test for the CPU.
  afterEach(async () => {
    await app?.closePages();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('the app has not started (useApp() must be called at the top of the test file)');
    return app;
  };
}

/** `minify: false` keeps function names readable in profiles (bench/web-trace.ts). */
export async function startApp(options: { minify?: boolean } = {}): Promise<App> {
  // Under vitest the e2e build is made once for the whole run (test/e2e/global-build.ts) and
  // only served here; outside it (bench/web.ts, bench/web-trace.ts) and for an unminified
  // build, this call builds its own.
  const shared = process.env.VITEST && options.minify !== false ? inject('e2eWebDir') : undefined;
  const outDir = shared ?? mkdtempSync(join(tmpdir(), 'relief-lab-web-'));
  // The e2e build: the shipped app plus its test hooks (window.reliefLab, ?pool=page), see web/vite.config.ts.
  if (!shared) await build({ configFile: CONFIG, mode: 'e2e', logLevel: 'error', build: { outDir, emptyOutDir: true, ...(options.minify === false ? { minify: false } : {}) } });
  const server: PreviewServer = await preview({ configFile: CONFIG, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its URL');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts = new Set<BrowserContext>();
  return {
    url,
    browser,
    contexts,
    async closePages() {
      const open = [...contexts];
      contexts.clear();
      await Promise.all(open.map((c) => c.close()));
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      // The shared build belongs to the whole run: its global setup removes it.
      if (!shared) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  page: Page;
  /** Page errors, console errors and Content-Security-Policy violations seen so far. */
  problems: string[];
}

/** A fresh page (own storage) that records errors and CSP violations. */
export async function newPage(app: App, path = ''): Promise<Watched> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  app.contexts.add(context);
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(`console: ${m.text()}`);
  });
  await page.goto(app.url + path);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

/** The id of the batch the results column describes (ids only grow); 0 before the first. */
export async function batchId(page: Page): Promise<number> {
  return Number((await page.getAttribute('#results', 'data-batch')) ?? 0);
}

export interface RunWait {
  /** Only a batch newer than this id (from batchId) counts: the state of the batch before it does not. */
  after?: number;
  timeout?: number;
}

/**
 * Waits until the results column reached a state (and, when given, a kind of run) with
 * that batch's final summary on every chart. `waitFor` is a timeout in ms or options.
 */
export async function waitForRun(page: Page, state: 'done' | 'cancelled', kind?: 'preview' | 'full', waitFor: number | RunWait = {}): Promise<void> {
  const { after = 0, timeout = 120_000 } = typeof waitFor === 'number' ? { timeout: waitFor } : waitFor;
  // data-drawn is cleared when a batch is asked for and set once its final summary is on every chart,
  // so waiting for it (not just the state) means the charts show this batch's result. data-batch
  // tells this batch from an earlier one in the same state and kind.
  await page.waitForFunction(
    ([st, k, a]) => {
      const r = document.getElementById('results')!.dataset;
      return r.state === st && (!k || r.kind === k) && r.drawn !== undefined && Number(r.batch) > a;
    },
    [state, kind, after] as const,
    { timeout },
  );
}

export function chartData(page: Page, chart: string, dataset: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(([c, d]) => (window as any).reliefLab.chartData(c, d), [chart, dataset] as const);
}

/** Clicks what starts a download and returns the file's suggested name and bytes. */
export async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks: Buffer[] = [];
  for await (const c of (await file.createReadStream())!) chunks.push(c as Buffer);
  return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
}
