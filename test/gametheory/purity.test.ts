import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The solvers run in the browser too: they may import each other, yaml and zod, never
// the file system, the CLI, the engine or Node built-ins; and they take no randomness or clock.
describe('src/gametheory is pure', () => {
  const dir = 'src/gametheory';
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec).toMatch(/^\.\/[\w-]+\.ts$|^yaml$|^zod$/);
      expect(text).not.toMatch(/Math\.random|Date\.now|new Date\(|performance\.now/);
    });
  }
});

// The audit and the tournaments run in the browser too: no file system, CLI, Node built-ins, clock or unseeded randomness.
describe('src/audit and src/tournament are pure', () => {
  for (const dir of ['src/audit', 'src/tournament']) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      it(`${dir}/${f}`, () => {
        const text = readFileSync(join(dir, f), 'utf8');
        const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
        for (const spec of imports) expect(spec).toMatch(/^\.\.?\/[\w\-/.]+\.ts$/);
        for (const spec of imports) expect(spec).not.toMatch(/\/(cli|node|browser)\/|^node:/);
        expect(text).not.toMatch(/Math\.random|Date\.now|new Date\(|performance\.now/);
      });
    }
  }
});
