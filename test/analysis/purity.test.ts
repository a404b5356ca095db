import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The analysis modules are core: pure functions, randomness passed in, nothing from the outside world.
const dir = new URL('../../src/analysis/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/analysis is pure core code', () => {
  it.each(files)('%s uses no Math.random, clock or module-level mutable state, and imports only its siblings and the shared statistics (src/stats)', (file) => {
    const src = readFileSync(new URL(file, dir), 'utf8');
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now/);
    expect(code).not.toMatch(/^(let|var) /m);
    for (const m of src.matchAll(/^import .* from '([^']+)';$/gm)) expect(m[1]).toMatch(/^(\.\/[a-z-]+|\.\.\/stats\/[a-z-]+)\.ts$/);
  });
});
