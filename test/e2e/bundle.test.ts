import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from 'vite';

/** The shipped build (what `npm start` serves) carries no test hooks; the e2e build does. */
const CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

async function bundleText(mode: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `relief-lab-bundle-${mode}-`));
  try {
    await build({ configFile: CONFIG, mode, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const dir = join(outDir, 'assets');
    return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

describe('test hooks', () => {
  it('ship only in the e2e build', async () => {
    // Booleans, not the bundles: a failure should not print a megabyte of minified code.
    const hooks = (js: string) => ({ reliefLab: js.includes('reliefLab'), chartSignal: js.includes('chartSignal'), poolParam: /[`"']pool[`"']/.test(js) });
    expect(hooks(await bundleText('production'))).toEqual({ reliefLab: false, chartSignal: false, poolParam: false });
    expect(hooks(await bundleText('e2e'))).toEqual({ reliefLab: true, chartSignal: true, poolParam: true });
  }, 120_000);
});
