import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

/** Runs the CLI in this process (fast); test/cli/cli-process.test.ts runs the real binary. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const BASELINE = 'scenarios/baseline.yaml';

describe('usage errors exit 2 with a message that says what to do', () => {
  const cases: [string[], RegExp][] = [
    [['run', BASELINE, '--runs', '0'], /--runs <n>' argument '0' is invalid\. --runs takes a whole number in \[1, 1000000000\], e\.g\. --runs 1000\./],
    [['run', BASELINE, '--runs', '1.5'], /--runs takes a whole number in \[1, 1000000000\]/],
    [['run', BASELINE, '--runs', '1e3'], /--runs takes a whole number/],
    [['run', BASELINE, '--runs', '1000000001'], /--runs takes a whole number in \[1, 1000000000\]/],
    [['run', BASELINE, '--workers', '0'], /--workers takes a whole number in \[1, 64\]/],
    [['run', BASELINE, '--shard', '3/2'], /--shard takes i\/N with 1 <= i <= N, e\.g\. --shard 3\/8\./],
    [['run', BASELINE, '--shard', 'two'], /--shard takes i\/N/],
    [['run', BASELINE, '--runs', '4', '--shard', '1/5'], /N cannot exceed --runs \(4\)/],
    [['run', BASELINE, '--shard', '1/2', '--format', 'csv'], /--shard writes a mergeable partial \(JSON\)/],
    [['merge'], /missing required argument 'parts'/],
    [['run', BASELINE, '--seed', 'abc'], /--seed <n>' argument 'abc' is invalid\. --seed takes a whole number in \[0, 9007199254740991\], e\.g\. --seed 42\./],
    [['run', BASELINE, '--seed', '-1'], /--seed takes a whole number/],
    [['run', BASELINE, '--format', 'xml'], /--format <format>' argument 'xml' is invalid\. Allowed choices are table, json, csv\./],
    [['run', BASELINE, '--bogus'], /unknown option '--bogus'/],
    [['run', BASELINE, '--formt', 'json'], /unknown option '--formt'\n\(Did you mean --format\?\)/],
    [['run'], /missing required argument 'scenario'/],
    [['run', BASELINE, 'extra.yaml'], /too many arguments/],
    [['validate'], /missing required argument 'files'/],
    [['simulate', BASELINE], /unknown command 'simulate'/],
    [['run', BASELINE, '--runs'], /option '--runs <n>' argument missing/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' '), async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^relief-lab: /);
      expect(r.stderr).toContain('(add --help for usage)');
      expect(r.stdout).toBe('');
    });
  }
  it('no command at all shows the usage on stderr', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: relief-lab');
  });
});

describe('run', () => {
  it('prints the readable summary by default', async () => {
    const r = await cli('run', BASELINE, '--runs', '50');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Baseline (step-for-step)\n50 runs (master seed 1), 60 periods of 1 month = 5 years.');
    expect(r.stdout).toMatch(/True compliance \(weighted over benchmarks\) started at \d+% in month 1/);
    expect(r.stdout).toMatch(/Full relief came in [\d.]+% of runs \(95% CI/);
    expect(r.stdout).toContain('Run outcomes over runs');
  });
  it('defaults: 1000 runs, seed 1', async () => {
    const r = JSON.parse((await cli('run', BASELINE, '--format', 'json')).stdout);
    expect([r.format, r.runs, r.masterSeed, r.scenarioName, r.partial]).toEqual(['relief-lab/batch-summary@1', 1000, 1, 'Baseline (step-for-step)', false]);
  });
  it('same seed, byte-identical output; another seed, another output', async () => {
    const a = await cli('run', BASELINE, '--runs', '30', '--seed', '9', '--format', 'json');
    const b = await cli('run', BASELINE, '--runs', '30', '--seed', '9', '--format', 'json');
    const c = await cli('run', BASELINE, '--runs', '30', '--seed', '10', '--format', 'json');
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });
  it('csv: one row per period', async () => {
    const r = await cli('run', BASELINE, '--runs', '10', '--format', 'csv');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^period,month,trueCompliance_mean,/);
    expect(lines).toHaveLength(61);
  });
  it('an invalid scenario exits 1 with every problem as file: field: problem', async () => {
    const r = await cli('run', 'test/cli/fixtures/invalid.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'test/cli/fixtures/invalid.yaml: horizonPeriods: 100000 is not in [1, 600]',
      'test/cli/fixtures/invalid.yaml: design.verification.falseAlarmProbability: 1.4 is not in [0, 1]',
      expect.stringMatching(/^relief-lab: test\/cli\/fixtures\/invalid\.yaml: 2 problems .*fix them and run again/),
    ]);
  });
  it('a missing file exits 1 and says to check the path', async () => {
    const r = await cli('run', 'scenarios/no-such-file.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('scenarios/no-such-file.yaml: (file): file not found; check the path (relative paths start from the current folder)\n');
  });
});

describe('validate', () => {
  it('checks every file and lists every problem', async () => {
    const r = await cli('validate', BASELINE, 'test/cli/fixtures/invalid.yaml', 'test/cli/fixtures/valid-override.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('scenarios/baseline.yaml: ok (Baseline (step-for-step))\ntest/cli/fixtures/valid-override.yaml: ok (Shorter horizon)\n');
    expect(r.stderr).toContain('test/cli/fixtures/invalid.yaml: design.verification.falseAlarmProbability: 1.4 is not in [0, 1]');
    expect(r.stderr).toContain('relief-lab: 1 of 3 files are not valid; fix the problems listed above');
  });
  it('exits 0 when all are valid', async () => {
    expect((await cli('validate', BASELINE)).code).toBe(0);
  });
});

describe('schema and help', () => {
  it('schema prints the generated JSON Schema', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('scenarios/schema.json', 'utf8'));
  });
  it('--help lists the commands and the exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('run [options] <scenario>');
    expect(r.stdout).toContain('Exit codes: 0 success; 1 invalid scenario, model or file error; 2 wrong command line;');
    expect(r.stdout).toContain('merge [options] <parts...>');
  });
  it('run --help documents every option', async () => {
    const r = await cli('run', '--help');
    for (const flag of ['--seed <n>', '--runs <n>', '--format <format>', '--out <file>', '--workers <n>', '--shard <i/N>', '--timings']) expect(r.stdout).toContain(flag);
  });
});
