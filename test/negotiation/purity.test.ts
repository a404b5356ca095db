import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// The negotiation core runs in the browser and in the classroom server alike: it imports
// its own modules, the engine's seeded generator, the confidence intervals, zod and yaml;
// its simulation bridge (src/negotiation/simulation/) also the pure core it values designs
// with (scenarios, the engine's metrics, the experiments layer, seeds and statistics);
// never the file system, Node built-ins, the CLI or the web app; and it has no clock and no Math.random.
const ALLOWED_OUTSIDE = ['src/engine/rng.ts', 'src/montecarlo/confidence.ts'];
const SIMULATION_CORE = ['src/engine/', 'src/scenario/', 'src/experiments/', 'src/montecarlo/', 'src/stats/', 'src/charts/'];
const ALLOWED_PACKAGES = ['zod', 'yaml'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/negotiation is pure', () => {
  for (const f of files('src/negotiation')) {
    it(f, () => {
      const text = readFileSync(f, 'utf8');
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        if (!spec.startsWith('.')) {
          expect(ALLOWED_PACKAGES).toContain(spec);
          continue;
        }
        const target = normalize(join(dirname(f), spec));
        const bridge = f.startsWith(join('src', 'negotiation', 'simulation')) && SIMULATION_CORE.some((d) => target.startsWith(d));
        expect(target.startsWith('src/negotiation/') || ALLOWED_OUTSIDE.includes(target) || bridge, `${f} imports ${target}`).toBe(true);
      }
      expect(text).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\./);
    });
  }
});
