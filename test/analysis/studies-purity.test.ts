import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The studies are core too: platform-neutral (the CLI and the web app pass their pools), no clock, no Math.random.
const dir = new URL('../../src/analysis/studies/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/analysis/studies is platform-neutral core code', () => {
  it.each(files)('%s uses no Math.random, clock or module-level mutable state, and imports nothing from the CLI, Node, the browser adapters, workers or the web app', (file) => {
    const src = readFileSync(new URL(file, dir), 'utf8');
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now/);
    expect(code).not.toMatch(/^(let|var) /m);
    for (const m of src.matchAll(/(?:from|import\() ?'([^']+)'/g)) expect(m[1]).not.toMatch(/^node:|\/(cli|node|browser)\/|\/web\/|worker/);
  });
});
