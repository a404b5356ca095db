import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { download, newPage, useApp } from './harness.ts';

/**
 * Issue #17 in the web app: share links carrying hostile documents (defects 3 and
 * 4), and a scenario name that tries to add a line to the exported YAML (defect 5).
 */
const app = useApp();
const baseline = parse(readFileSync('scenarios/baseline.yaml', 'utf8')) as Record<string, unknown>;
const link = (text: string) => `#v=2&seed=1&runs=1000&scenario=${LZString.compressToEncodedURIComponent(text)}&end`;

describe('web app: hostile share links', () => {
  it('a name with a line break stays inside the comment of the exported YAML: the file gets no real extends', async () => {
    const name = 'Plan\nextends: ../../evil.yaml';
    const { page, problems } = await newPage(app(), link(stringify({ ...baseline, metadata: { ...(baseline.metadata as object), name } })));
    await page.waitForSelector('[data-testid="validity"][data-valid="true"]', { state: 'attached' });
    const yaml = (await download(page, '[data-testid="export-yaml"]')).body.toString();
    expect(yaml.split('\n')[0]).toBe('# Relief Lab scenario "Plan\\nextends: ../../evil.yaml", exported from the web app.');
    const back = parse(yaml) as Record<string, unknown>;
    expect(back.extends).toBeUndefined();
    expect((back.metadata as { name: string }).name).toBe(name);
    expect(problems).toEqual([]);
  });

  it('a link hiding a value behind __proto__ is refused, naming the key, and the baseline stays', async () => {
    const text = stringify(baseline).replace(/^coalition:\n/m, 'coalition:\n  __proto__: { collapseCohesion: 1 }\n');
    const { page } = await newPage(app(), link(text));
    await page.waitForSelector('#notice[data-kind="error"]');
    const notice = await page.textContent('#notice');
    expect(notice).toContain('Could not open the share link');
    expect(notice).toContain('coalition.__proto__: the key "__proto__" is not allowed in a scenario');
    expect(await page.textContent('.doc-title')).toBe('Baseline (step-for-step)');
  });

  it('a link with 40,000 keys is refused with the key limit', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n');
    const { page } = await newPage(app(), link(keys));
    await page.waitForSelector('#notice[data-kind="error"]');
    expect(await page.textContent('#notice')).toContain('has more than 20000 keys');
  });
});
