import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The engine of an earlier commit, for side-by-side timing in one run (the game
 * rewrite had to be no slower than the engine it replaced). Its `src/` is taken
 * from git into a temporary folder and bundled by esbuild into one CommonJS script
 * exporting `createRunner` and `runSeed`, the same kind of bundle the pool runs.
 * Returns null when the commit is not in this clone (a shallow CI checkout).
 */
export function previousEngineBundle(ref: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'relief-lab-previous-'));
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "export { createRunner } from './src/engine/simulate.ts';\nexport { runSeed } from './src/engine/rng.ts';\n");
    const out = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent', nodePaths: [join(process.cwd(), 'node_modules')] });
    return out.outputFiles[0].text;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
