import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// The room's rules are core: they import the core (src/, not the adapters) and zod; never ws,
// SQLite, the file system, Node built-ins, the CLI or the web app; no clock, no Math.random
// (time and secrets come in the log entries).
const ADAPTERS = ['src/cli/', 'src/node/', 'src/browser/', 'src/server/'];

describe('src/classroom is core', () => {
  for (const f of readdirSync('src/classroom').map((n) => join('src/classroom', n))) {
    it(f, () => {
      const text = readFileSync(f, 'utf8');
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        if (!spec.startsWith('.')) {
          expect(['zod'], `${f} imports ${spec}`).toContain(spec);
          continue;
        }
        const target = normalize(join(dirname(f), spec));
        expect(target.startsWith('src/') && !ADAPTERS.some((a) => target.startsWith(a)), `${f} imports ${target}`).toBe(true);
      }
      expect(text).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\.|setTimeout/);
    });
  }
});
