import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { familyDesigns, parseNegotiationFile, resolveFamily } from '../../src/negotiation/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'relief-lab-negotiate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const baseline = resolve('scenarios/baseline.yaml');
const small = `
name: small
scenario: ${baseline}
family: { parameters: [{ name: frontLoadedShare, low: 0, high: 1, steps: 3 }] }
runsPerDesign: 60
bargaining: { parameter: frontLoadedShare, discount: { coalition: 0.9, target: 0.85 }, deadlineRounds: 10, coalition: boulware, target: conceder, sessions: 30 }
`;

describe('relief-lab negotiate', () => {
  it('every shipped negotiation file reads, its scenario loads and its family resolves against it', () => {
    const files = readdirSync('scenarios/negotiations').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const path = join('scenarios/negotiations', f);
      const parsed = parseNegotiationFile(readFileSync(path, 'utf8'));
      const s = loadScenarioFile(resolve(dirname(path), parsed.scenario));
      expect([f, s.ok]).toEqual([f, true]);
      if (s.ok) expect(familyDesigns(resolveFamily(s.scenario, parsed.family)).length).toBeGreaterThan(1);
    }
  });

  it('table: who signs, the zone per type, the bargaining run and what its agreed designs deliver', async () => {
    const r = await cli('negotiate', file('small.yaml', small), '--workers', '1');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('small: Baseline (step-for-step), 3 designs x 60 runs (seed 1, common random numbers)');
    expect(r.stdout).toMatch(/current design +signs/);
    expect(r.stdout).toMatch(/If the target is hardliner \(prior 20%\): \d+ of 3 designs in the zone of agreement/);
    expect(r.stdout).toMatch(/Bargaining over frontLoadedShare \(no other parameter\), 30 sessions/);
    expect(r.stdout).toContain('What the agreed designs deliver in implementation');
  });

  it('json: the whole report, the same bytes for 1 and 2 workers; flags override the bargaining', async () => {
    const f = file('small.yaml', small);
    const one = await cli('negotiate', f, '--format', 'json', '--workers', '1', '--coalition', 'linear', '--sessions', '12');
    const two = await cli('negotiate', f, '--format', 'json', '--workers', '2', '--coalition', 'linear', '--sessions', '12');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout);
    expect(report.format).toBe('relief-lab/negotiation@1');
    expect(report.designs.map((d: { id: string }) => d.id)).toEqual(['frontLoadedShare=0', 'frontLoadedShare=0.5', 'frontLoadedShare=1']);
    expect(report.bargaining.summary.sessions).toBe(12);
    expect(Object.keys(report.designs[0].acceptance)).toEqual(['byType', 'signingProbability', 'signingProbabilityRange', 'signersMix', 'selection']);
  });

  it('--out writes the report whole', async () => {
    const out = join(dir, 'report.json');
    const r = await cli('negotiate', file('small.yaml', small), '--format', 'json', '--out', out, '--runs', '20', '--sessions', '3', '--workers', '1');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stderr).toContain('wrote the negotiation report');
  });

  it('bad input: exit 1 naming the field and the allowed values; nothing written', async () => {
    const out = join(dir, 'never.json');
    const cases: [string, RegExp][] = [
      [small.replace('family: { parameters: [{ name: frontLoadedShare, low: 0, high: 1, steps: 3 }] }', 'family: { parameters: [] }'), /: family.parameters: is empty/],
      [small.replace('frontLoadedShare, low: 0, high: 1,', 'frontLoadedShare, low: 0, high: 1.4,'), /family.parameters\[0\].high: 1.4 is outside the allowed values \[0, 1\] of frontLoadedShare/],
      [small.replace('coalition: 0.9,', 'coalition: 0,'), /negotiation.bargaining.discount.coalition: 0 is not in \(0, 1\)/],
      [small.replace('runsPerDesign: 60', 'runsPerDesign: 1'), /negotiation.runsPerDesign: 1 is not in \[2, 1000000\]/],
      [small.replace(baseline, 'missing.yaml'), /scenario: missing.yaml does not load/],
    ];
    for (const [text, message] of cases) {
      const r = await cli('negotiate', file('bad.yaml', text), '--out', out, '--workers', '1');
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a wrong command line exits 2', async () => {
    const r = await cli('negotiate', file('small.yaml', small), '--coalition', 'nobody');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--coalition.*nobody.*Allowed choices are subgame-perfect, boulware/s);
  });
});
