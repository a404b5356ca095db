import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The negotiation core runs in the browser and in the classroom server alike: it imports
// its own modules, the engine's rng type and seeds, the confidence intervals, zod and yaml;
// never the file system, Node built-ins, the CLI or the web app; and it has no clock and no Math.random.
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
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec).toMatch(/^(\.\/|(\.\.\/)+(negotiation\/|errors|estimate|design-family|zod-problems|utility-table|frontier|nash|zone|issues|negotiator|session|protocol|backward-induction|play|time-based|common)|(\.\.\/)+(engine\/rng|montecarlo\/confidence)\.ts$|zod$|yaml$)/);
      expect(text).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now/);
    });
  }
});
