import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { shortBaseline } from './helpers.ts';

/**
 * The Web Worker pool in a real browser: a page bundled by Vite (which must
 * recognise and bundle the worker) runs batches in Chromium's Web Workers, and
 * the summary must equal, byte for byte, the one Node computes in its own thread.
 */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

describe('Web Worker pool in Chromium (Vite bundle)', () => {
  let dir: string;
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relief-mc-page-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      root: fileURLToPath(new URL('./browser-page/', import.meta.url)),
      build: { outDir: dir, emptyOutDir: true, minify: false },
      worker: { format: 'es' },
    });
    server = createServer((req, res) => {
      const path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]) === '/' ? 'index.html' : decodeURIComponent(req.url!.split('?')[0])));
      if (!path.startsWith(dir)) return void res.writeHead(403).end();
      try {
        const body = readFileSync(path);
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.ready === true);
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('2 Web Workers give the same JSON bytes as Node in its own thread', async () => {
    const scenario = shortBaseline(24);
    const expected = JSON.stringify(await runMonteCarlo(scenario, { runs: 300, masterSeed: 99 }));
    const json = await page.evaluate(([s]) => window.runBatch(s, 300, 99, 2, 40), [scenario] as const);
    expect(json).toBe(expected);
  });

  it('the batch worker (merging off the page thread) gives the same JSON bytes, and no progress report after the result', async () => {
    const scenario = shortBaseline(24);
    const expected = JSON.stringify(await runMonteCarlo(scenario, { runs: 300, masterSeed: 99 }));
    const r = await page.evaluate(([s]) => window.batchWorker(s, 300, 99, 2, 40), [scenario] as const);
    expect(r.json).toBe(expected);
    expect(r.progressReports).toBeGreaterThan(0);
    expect(r.progressAfterResult).toBe(0);
  });

  it('the batch worker returns the runs merged so far on abort, marked partial, and reports bad options by name', async () => {
    const r = await page.evaluate(([s]) => window.batchWorkerCancel(s), [shortBaseline(24)] as const);
    expect(r.partial).toBe(true);
    // The abort crosses to the batch worker while chunks keep merging, so it may keep a few
    // more runs than the page saw; the last report before the result says exactly how many.
    expect(r.runs).toBeGreaterThanOrEqual(r.atAbort);
    expect(r.runs).toBeLessThan(1_000_000);
    expect(r.lastReported).toBe(r.runs);
    const error = await page.evaluate(([s]) => window.batchWorkerError(s), [shortBaseline(24)] as const);
    expect(error).toMatch(/^MonteCarloOptionError: .*runs/);
  });

  it('abort in the browser returns the runs merged so far, marked partial', async () => {
    const r = await page.evaluate(([s]) => window.cancelBatch(s, 2), [shortBaseline(24)] as const);
    expect(r.partial).toBe(true);
    expect(r.runs).toBe(r.atAbort);
  });
});
