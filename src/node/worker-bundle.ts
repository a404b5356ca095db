import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * The code a worker thread runs: its TypeScript entry and everything it imports
 * (engine, batch layer, comlink, seedrandom), bundled by esbuild into one
 * CommonJS script that the worker evaluates. It replaces running the sources
 * through tsx inside every worker, where each worker transpiled them again (zod
 * included) and ran them through the loader's module wrappers; it is the same
 * kind of single bundle the browser's Web Workers get from Vite. `npm run bench`
 * reports the pool's start time and the engine's speed in this bundle.
 *
 * Built once per entry and process (about 0.1 s) and kept: the sources do not
 * change while a process runs.
 */
const bundles = new Map<string, string>();

export function workerBundle(entry: URL): string {
  let code = bundles.get(entry.href);
  if (code === undefined) {
    const result = buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
    bundles.set(entry.href, code);
  }
  return code;
}
