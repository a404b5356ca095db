import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { TARGET_TYPES } from '../src/scenario/schema.ts';

/**
 * The web app's own Vite config (the root vite.config.ts is the test runner's).
 * `vite web` picks it up; the npm scripts web, build:web and preview:web use it.
 *
 * The Content-Security-Policy has no 'unsafe-eval': Vega runs its expressions
 * through vega-interpreter (vega-embed `ast: true`), so a scenario or share link can
 * never become code. 'unsafe-inline' styles stay because vega-embed and
 * vega-tooltip insert <style> elements; scripts stay strictly same-origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Puts the policy into the built index.html too, so any static host applies it. */
function cspMeta(): Plugin {
  return {
    name: 'relief-lab-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      // frame-ancestors is ignored in a <meta> policy; the preview server sends it as a header.
      const meta = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${meta}">`);
    },
  };
}

/**
 * zod probes `new Function` when it builds object schemas, which a CSP without
 * 'unsafe-eval' reports as a violation; public/zod-jitless.js turns the probe off in
 * the page. Web Workers have their own global, so the same line goes at the top of
 * each worker entry (a worker is bundled as one file, so nothing runs before it).
 */
const ZOD_JITLESS = 'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });\n';
function zodJitlessInWorkers(): Plugin {
  return {
    name: 'relief-lab-zod-jitless-worker',
    renderChunk(code, chunk) {
      return chunk.isEntry ? { code: ZOD_JITLESS + code, map: null } : null;
    },
  };
}

/**
 * The engine and the Monte Carlo layer import one value from the scenario schema,
 * TARGET_TYPES; importing it evaluates the whole zod schema, which took a large part
 * of each worker's start (bench/web-trace.ts startup: zod's schema building in the
 * batch worker and in every chunk worker, on the way to the first chart). Workers
 * never validate, so in their bundles that import resolves to a module holding the
 * schema's constants only, taken from the schema itself when the app is built. A
 * worker module that imports anything else from the schema fails the build (Rollup:
 * "... is not exported"), so this cannot drift silently; src/scenario/ itself keeps
 * the real module.
 */
const SCENARIO_CONSTANTS = '\0relief-lab:scenario-constants';
function scenarioConstantsInWorkers(): Plugin {
  return {
    name: 'relief-lab-worker-scenario-constants',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[\\/]scenario[\\/]schema\.ts$/.test(source) || /[\\/]src[\\/]scenario[\\/]/.test(importer)) return null;
      return SCENARIO_CONSTANTS;
    },
    load(id) {
      return id === SCENARIO_CONSTANTS ? `export const TARGET_TYPES = ${JSON.stringify(TARGET_TYPES)};\n` : null;
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `vite build --mode e2e` (the end-to-end tests and the benchmark) turns on the test
 * hooks (window.reliefLab, the chart registry, ?pool=page); every other build folds
 * `__E2E__` to false and the minifier drops them, so they never ship.
 */
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  define: { __E2E__: JSON.stringify(mode === 'e2e') },
  plugins: [cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // The classroom's page (docs/classroom.md) is a second entry beside the app.
    rollupOptions: { input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), classroom: fileURLToPath(new URL('./classroom.html', import.meta.url)) } },
  },
  worker: { format: 'es', plugins: () => [zodJitlessInWorkers(), scenarioConstantsInWorkers()] },
  preview: {
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
}));
