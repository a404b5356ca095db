import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { experimentJson, experimentSchema, finalizeExperiment, prepareExperiment, runExperiment } from '../../src/experiments/index.ts';
import { createNodeExperimentPool } from '../../src/node/experiments.ts';
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

  describe('experiments', () => {
    // Three points (the base and two detection probabilities) x 150 runs, in chunks of 40: several chunks per point and worker.
    const file = { name: 'browser', scenario: '-', runsPerPoint: 150, masterSeed: 5, levers: { sampling: 'grid', values: { 'design.verification.detectionProbability': [0.3, 0.9] } } };
    const base = shortBaseline(24);
    const e = prepareExperiment(experimentSchema.parse(file), base);
    let expected: string;

    beforeAll(async () => {
      const r = await runExperiment(e);
      expected = experimentJson(finalizeExperiment(r.header, r.points));
      const pool = createNodeExperimentPool({ workers: 2 });
      try {
        const n = await runExperiment(e, { pool, chunkSize: 40 });
        expect(experimentJson(finalizeExperiment(n.header, n.points))).toBe(expected);
      } finally {
        await pool.close();
      }
    });

    it('1, 2 and 3 Web Workers give the JSON bytes of Node (its own thread and worker threads)', async () => {
      for (const workers of [1, 2, 3]) {
        const json = await page.evaluate(([f, s, w]) => window.experimentInPage(f, s, w, 40), [file, base, workers] as const);
        expect(json, `${workers} workers`).toBe(expected);
      }
    });

    it('the experiment worker (off the page thread) gives the same bytes, with progress', async () => {
      for (const workers of [1, 3]) {
        const r = await page.evaluate(([f, s, w]) => window.experimentInWorker(f, s, w, 40), [file, base, workers] as const);
        expect(r.json, `${workers} workers`).toBe(expected);
        expect(r.progressReports).toBeGreaterThan(0);
      }
    });

    it('a cancelled experiment returns the points finished', async () => {
      const long = { ...file, runsPerPoint: 4000, levers: { sampling: 'grid', values: { 'design.verification.detectionProbability': [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] } } };
      const r = await page.evaluate(([f, s]) => window.experimentCancel(f, s), [long, base] as const);
      expect(r.atAbort).toBeGreaterThanOrEqual(1);
      expect(r.points).toBeGreaterThanOrEqual(r.atAbort);
      expect(r.points).toBeLessThan(r.pointCount);
    });
  });
});
