import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The real binary, as a user runs it (`node bin/relief-lab.js ...`): exit codes
 * reach the shell, and no stack trace ever reaches the user for their mistakes.
 */
function relief(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/relief-lab.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node:internal/);

describe('relief-lab as a child process', () => {
  it('npm start (run the baseline, defaults) prints a readable summary', () => {
    const r = relief('run', 'scenarios/baseline.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('1000 runs (master seed 1), 60 periods of 1 month = 5 years.');
    expect(r.stdout).toMatch(/Leverage \(1 = full package, united coalition\) started at \d+%/);
    expect(r.stdout).toMatch(/Humanitarian need met started at \d+%/);
    expect(r.stdout).toMatch(/The arrangement (collapsed in [\d.]+% of runs|never collapsed)/);
  });
  it('a bad number exits 2', () => {
    const r = relief('run', 'scenarios/baseline.yaml', '--runs', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--runs takes a whole number in \[1, 1000000000\]/);
    noStack(r.stderr);
  });
  it('an unknown flag exits 2', () => {
    const r = relief('validate', 'scenarios/baseline.yaml', '--strict');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--strict'/);
  });
  it('an invalid scenario exits 1 naming the field and range', () => {
    const r = relief('run', 'test/cli/fixtures/invalid.yaml', '--runs', '5');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test/cli/fixtures/invalid.yaml: design.verification.falseAlarmProbability: 1.4 is not in [0, 1]');
    noStack(r.stderr);
  });
  it('a file that is not YAML, and a YAML list, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-cli-'));
    writeFileSync(join(dir, 'garbage.yaml'), '{{{{ not: [yaml\n');
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    const r = relief('validate', join(dir, 'garbage.yaml'), join(dir, 'list.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/garbage\.yaml: \(file\): is not valid YAML or JSON/);
    expect(r.stderr).toMatch(/list\.yaml: \(file\): must be a YAML or JSON mapping \(object\), got a list/);
    noStack(r.stderr);
    rmSync(dir, { recursive: true, force: true });
  });
  it('a missing file exits 1', () => {
    const r = relief('run', 'nowhere.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nowhere\.yaml: \(file\): file not found/);
  });
});
