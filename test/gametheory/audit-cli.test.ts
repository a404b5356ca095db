import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('relief-lab audit', () => {
  it('prints the table with the weak link marked and why', async () => {
    const r = await cli('audit', 'scenarios/cases/iran-jcpoa-2015.yaml', '--runs', '20');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Design audit: Iran, JCPOA');
    expect(r.stdout).toMatch(/^> hardliner \/ \S+/m);
    expect(r.stdout).toContain('Weak link (>): the hardliner');
    expect(r.stdout).toContain('Why: cheating on');
  });

  it('json: the rows, the weak link, the heat map', async () => {
    const r = await cli('audit', 'scenarios/baseline.yaml', '--runs', '20', '--format', 'json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.rows.length).toBeGreaterThan(3);
    expect(a.weakLink).toBeGreaterThanOrEqual(0);
    expect(a.heat.length).toBeGreaterThan(100);
    expect(a.fixes).toEqual([]);
  });

  it('bad input: exit 2 for a wrong flag, 1 for a missing or invalid file', async () => {
    const runs = await cli('audit', 'scenarios/baseline.yaml', '--runs', '0');
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain('--runs takes a whole number in [1, 100000]');
    const missing = await cli('audit', 'no-such-file.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-file.yaml');
    expect(missing.stderr).not.toContain('    at ');
  });
});

describe('relief-lab tournament', () => {
  it('ranks the chosen policies', async () => {
    const r = await cli('tournament', 'scenarios/baseline.yaml', '--runs', '10', '--sanctioners', 'snapback,lenient', '--targets', 'always-comply,always-cheat', '--outcomes', 'finalCompliance,collapsed');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('2 sanctioner policies x 2 target policies, 10 runs per match');
    expect(r.stdout).toContain('Collapsed (lower is better):');
  });

  it('bad input: unknown policy or outcome exits 1 naming it, bad noise exits 2', async () => {
    const policy = await cli('tournament', 'scenarios/baseline.yaml', '--runs', '1', '--sanctioners', 'kind');
    expect(policy.code).toBe(1);
    expect(policy.stderr).toContain('--sanctioners[0]: unknown coalition policy "kind"');
    const outcome = await cli('tournament', 'scenarios/baseline.yaml', '--runs', '1', '--outcomes', 'wins');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('outcomes[0]: unknown outcome "wins"');
    const noise = await cli('tournament', 'scenarios/baseline.yaml', '--noise', '2');
    expect(noise.code).toBe(2);
    expect(noise.stderr).toContain('--noise takes a probability in [0, 1]');
  });
});
