import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-classroom-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), signal });
  return { code, stdout, stderr };
}

describe('relief-lab classroom', () => {
  it('refuses a port that is not one, with exit 2 and no stack trace', async () => {
    const r = await cli(['classroom', '--port', '80a']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"80a" is not a port in \[0, 65535\]/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says how to build the web app when it is missing (exit 1)', async () => {
    const r = await cli(['classroom', '--port', '0', '--web', join(dir, 'nowhere'), '--data', join(dir, 'a.sqlite')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no built web app here \(classroom\.html is missing\); run npm run build:web first/);
  });

  it('refuses a data file that is not a classroom store, naming it (exit 1)', async () => {
    const web = join(dir, 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'classroom.html'), '<!doctype html>');
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'this is not a database, just some notes that happen to be long enough to read as a header.\n'.repeat(20));
    const r = await cli(['classroom', '--port', '0', '--web', web, '--data', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}: cannot open the classroom data file`);
  });

  it('serves until stopped, printing where students join', async () => {
    const web = join(dir, 'web');
    const stop = new AbortController();
    const running = cli(['classroom', '--port', '0', '--host', '127.0.0.1', '--web', web, '--data', join(dir, 'ok.sqlite')], stop.signal);
    // Stopped at once: the command still starts the server, prints the banner, then closes it.
    stop.abort('SIGINT');
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Relief Lab classroom on http:\/\/127\.0\.0\.1:\d+\/classroom/);
  });
});
