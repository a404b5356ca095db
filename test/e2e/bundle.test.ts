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
    const shipped = await bundleText('production');
    expect(shipped).not.toContain('reliefLab');
    expect(shipped).not.toContain('chartSignal');
    expect(shipped).not.toMatch(/["']pool["']/);
    const e2e = await bundleText('e2e');
    expect(e2e).toContain('reliefLab');
    expect(e2e).toMatch(/["']pool["']/);
  }, 120_000);
});
