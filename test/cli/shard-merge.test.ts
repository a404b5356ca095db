import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { EXIT } from '../../src/cli/io.ts';

async function cli(argv: string[], signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), signal });
  return { code, stdout, stderr };
}

const BASELINE = 'scenarios/baseline.yaml';
const dir = mkdtempSync(join(tmpdir(), 'relief-shard-'));

describe('run --shard i/N and merge', () => {
  it('shards merged in any order give byte for byte the JSON of one unsharded run, on any worker count', async () => {
    const whole = await cli(['run', BASELINE, '--runs', '300', '--seed', '4', '--format', 'json', '--workers', '2']);
    expect(whole.code).toBe(EXIT.ok);
    const parts = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `part-${i}.json`);
      const r = await cli(['run', BASELINE, '--runs', '300', '--seed', '4', '--shard', `${i}/3`, '--out', out, '--workers', '1']);
      expect(r.code, r.stderr).toBe(EXIT.ok);
      parts.push(out);
    }
    const merged = await cli(['merge', parts[2], parts[0], parts[1], '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(EXIT.ok);
    expect(merged.stdout).toBe(whole.stdout);
    // The table of the merged result is the table of the unsharded run.
    const table = await cli(['merge', ...parts]);
    expect(table.stdout).toBe((await cli(['run', BASELINE, '--runs', '300', '--seed', '4'])).stdout);
  });

  it('a missing shard leaves the merged result marked partial, and says which runs it covers', async () => {
    const out = join(dir, 'lonely.json');
    expect((await cli(['run', BASELINE, '--runs', '90', '--shard', '2/3', '--out', out])).code).toBe(EXIT.ok);
    const r = await cli(['merge', out, '--format', 'json']);
    expect(r.code).toBe(EXIT.ok);
    const summary = JSON.parse(r.stdout);
    expect([summary.partial, summary.runs, summary.runsRequested]).toEqual([true, 30, 90]);
    expect(r.stderr).toMatch(/cover 30 of 90 runs; the result is marked partial/);
  });

  it('the same shard twice, a file that is not a partial, and a missing file fail with exit 1 naming the file', async () => {
    const part = join(dir, 'twice.json');
    await cli(['run', BASELINE, '--runs', '20', '--shard', '1/2', '--out', part]);
    const twice = await cli(['merge', part, part]);
    expect(twice.code).toBe(EXIT.failure);
    expect(twice.stderr).toMatch(/cannot merge/);
    const notPartial = join(dir, 'not-partial.json');
    writeFileSync(notPartial, JSON.stringify({ format: 'something else' }));
    const bad = await cli(['merge', notPartial]);
    expect(bad.code).toBe(EXIT.failure);
    expect(bad.stderr).toContain(`${notPartial}: not a relief-lab batch partial`);
    const missing = await cli(['merge', join(dir, 'nope.json')]);
    expect(missing.code).toBe(EXIT.failure);
    expect(missing.stderr).toContain('nope.json');
  });
});

describe('run stopped by the user (Ctrl-C)', () => {
  it('writes the runs done so far, marked partial, and exits 130', async () => {
    const ctl = new AbortController();
    const out = join(dir, 'stopped.json');
    // Abort as soon as the batch is under way: the first progress report means runs are being merged.
    const pending = runCli(['run', BASELINE, '--runs', '200000', '--workers', '1', '--out', out], {
      stdout: () => {},
      stderr: () => {},
      signal: ctl.signal,
    });
    queueMicrotask(() => ctl.abort());
    expect(await pending).toBe(EXIT.interrupted);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('partial');
  });
});
