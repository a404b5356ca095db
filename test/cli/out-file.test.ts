import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { writeFileAtomic } from '../../src/node/scenario-files.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'relief-out-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('--out writes the whole report or nothing', () => {
  it('writes the same bytes the terminal would get, and says where', async () => {
    const dir = fresh();
    const out = join(dir, 'report.json');
    const toFile = await cli('run', 'scenarios/baseline.yaml', '--runs', '20', '--out', out);
    const toTerminal = await cli('run', 'scenarios/baseline.yaml', '--runs', '20', '--format', 'json');
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe(`relief-lab: wrote the json report to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(toTerminal.stdout);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
  it('the format follows the extension unless --format says otherwise', async () => {
    const dir = fresh();
    await cli('run', 'scenarios/baseline.yaml', '--runs', '5', '--out', join(dir, 'a.csv'));
    await cli('run', 'scenarios/baseline.yaml', '--runs', '5', '--out', join(dir, 'b.txt'));
    await cli('run', 'scenarios/baseline.yaml', '--runs', '5', '--out', join(dir, 'c.csv'), '--format', 'table');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toMatch(/^period,month,/);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toMatch(/^Baseline \(step-for-step\)\n/);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toMatch(/^Baseline \(step-for-step\)\n/);
  });
  it('an invalid scenario creates no file and leaves an existing one untouched', async () => {
    const dir = fresh();
    const r = await cli('run', 'test/cli/fixtures/invalid.yaml', '--out', join(dir, 'new.json'));
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
    writeFileSync(join(dir, 'old.json'), 'previous report');
    await cli('run', 'test/cli/fixtures/invalid.yaml', '--out', join(dir, 'old.json'));
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['old.json']);
  });
  it('a missing folder or a folder as target fails before running, exit 1', async () => {
    const dir = fresh();
    const missing = await cli('run', 'scenarios/baseline.yaml', '--out', join(dir, 'no', 'such', 'r.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/folder does not exist; create it first or choose another path; nothing was written\./);
    const folder = await cli('schema', '--out', dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder; give a file name/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content whole and leaves no temporary file', () => {
    const dir = fresh();
    const f = join(dir, 'x.txt');
    writeFileSync(f, 'old content that is longer than the new one');
    writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['x.txt']);
  });
  it('when the final rename fails, removes its temporary file and keeps what was there', () => {
    const dir = fresh();
    // A non-empty folder where the file should go: the temporary file is written, the rename fails.
    mkdirSync(join(dir, 'target'));
    writeFileSync(join(dir, 'target', 'keep.txt'), 'kept');
    expect(() => writeFileAtomic(join(dir, 'target'), 'x'.repeat(1_000_000))).toThrow(/is a folder; give a file name for the output; nothing was written/);
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(dir, 'target', 'keep.txt'), 'utf8')).toBe('kept');
  });
});
