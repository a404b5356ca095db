import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The report runs in the browser too: it may import the engine's metric lists and
// types and the format module (src/format, itself pure), never the file system, the CLI or Node built-ins.
describe('src/report is pure', () => {
  const dir = 'src/report';
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(f, () => {
      const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec).toMatch(/^\.\/|^\.\.\/(engine|scenario|format|montecarlo\/types)/);
    });
  }
});
