import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

/**
 * Vitest global setup: builds the e2e web app (the shipped app plus its test hooks, mode
 * 'e2e' of web/vite.config.ts) once per `vitest` invocation, before any test file runs,
 * and hands its folder to the files that serve it (`inject('e2eWebDir')`: test/e2e/harness.ts
 * `startApp`, the classroom e2e). Every such file used to build the same app itself in its
 * beforeAll: ten builds of several seconds each (the browser files' user CPU fell from 148
 * to 114 s). The folder is read-only for the tests (each serves it with its own server) and
 * is removed at the end. The cost: a run of a single unit test file also waits for this one
 * build (about 4 s on a quiet machine).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the e2e build of the web app, built once for the whole run. */
    e2eWebDir: string;
  }
}

const CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'relief-lab-web-e2e-'));
  await build({ configFile: CONFIG, mode: 'e2e', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  project.provide('e2eWebDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
