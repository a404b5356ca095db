import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Every point is a new design, whose target policy the engine solves (an MDP) before its runs: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });
import { runCli } from '../../src/cli/program.ts';

/** The analysis commands in this process, in one thread (--workers 1), with few runs. */
async function cli(argv: string[], signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...(signal ? { signal } : {}) });
  return { code, stdout, stderr };
}
const BASE = 'scenarios/baseline.yaml';

describe('bad input to the analysis commands: a clear error, exit 2, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['sweep', BASE, '--lever', 'design.verification.detectionProbabilty=0.2:0.9'], /design\.verification has no field "detectionProbabilty"/],
    [['sweep', BASE, '--lever', 'design.verification.detectionProbability=0.5:0.5'], /the range \[0\.5, 0\.5\] is empty or reversed/],
    [['sweep', BASE, '--lever', 'design.verification.detectionProbability=0.2:1.5'], /the range \[0\.2, 1\.5\] is outside the field's allowed range \[0, 1\] \(share\)/],
    [['sweep', BASE, '--lever', 'design.verification.detectionProbability'], /takes PATH=LOW:HIGH/],
    [['sweep', BASE], /name at least one lever and its range with --lever PATH=LOW:HIGH/],
    [['sensitivity', BASE, '--lever', 'design.verification.detectionProbability=0:1', '--samples', '100'], /baseSamples must be a power of two/],
    [['sensitivity', BASE, '--lever', 'design.consequences.trigger=0:1'], /is a choice field/],
    [['discover', BASE, '--lever', 'coalition.collapseCohesion=0.9:0.1'], /empty or reversed/],
    [['stress', BASE, '--shock', 'earthquake'], /--shock earthquake: takes KIND, KIND@PERIOD or KIND@PERIOD=LOW:HIGH \(the intensities searched\) with KIND one of regimeChange, election/],
    [['stress', BASE, '--shock', 'accessDenial@99'], /atPeriod: 99 is not a whole number in \[0, 59\]/],
    [['stress', BASE, '--shock', 'accessDenial@6=0.8:0.2'], /\[0\.8, 0\.2\] is empty or reversed/],
    [['stress', BASE, '--shock', 'accessDenial@6=0:20'], /\[0, 20\] is outside the magnitude's allowed range \[-10, 10\]/],
    [['stress', BASE, '--shock', 'snapback@6=0:1'], /a snapback has no intensity/],
    [['stress', BASE, '--shock', 'accessDenial@6=low:high'], /LOW:HIGH must be two numbers/],
    [['stress', BASE, '--member', 'nobody', '--shock', 'memberExit'], /"nobody" is not a coalition member \(known: lead, ally, partner\)/],
    [['sweep', BASE, '--lever', 'design.verification.detectionProbability=0.2:0.9', '--outcome', 'happiness'], /--outcome <name>' argument 'happiness' is invalid\. takes one of finalCompliance/],
    [['report', BASE, '--at', '60'], /--at 60 is past the scenario's horizon; give a period in \[0, 59\]/],
    [['report', BASE, '--audit-runs', '0'], /--audit-runs/],
  ];
  for (const [argv, message] of cases) {
    it(argv.slice(2).join(' ') || argv[0], async () => {
      const r = await cli([...argv, '--runs', '2', '--workers', '1']);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }
});

describe('the analysis commands from real runs', () => {
  it('sweep: an ignored lever has zero differences; json parses; the text names runs and seed', async () => {
    const argv = ['sweep', BASE, '--lever', 'metadata.periodLengthMonths=1:12', '--lever', 'target.typePrior.hardliner=0:0.8', '--levels', '3', '--runs', '40', '--workers', '1'];
    const text = await cli(argv);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('| metadata.periodLengthMonths |');
    expect(text.stdout).toContain('7 points x 40 runs per point on common random numbers (run i of every point uses the seed "1/i")');
    const json = await cli([...argv, '--format', 'json']);
    const r = JSON.parse(json.stdout);
    const ignored = r.differences.find((d: { factor: string }) => d.factor === 'metadata.periodLengthMonths');
    for (const l of ignored.levels) expect(l.difference.estimate).toBe(0);
    expect(r.sweep.tornado[0].factor).toBe('target.typePrior.hardliner');
    const chart = JSON.parse((await cli([...argv, '--format', 'vega-lite'])).stdout);
    expect(chart.$schema).toMatch(/vega-lite/);
    const subtitle = chart.params.find((p: { name: string }) => p.name === 'subline').value.join(' ');
    expect(subtitle).toContain('Baseline (step-for-step); 40 runs per point, seed 1');
    expect(chart.params[0].value.join(' ')).toMatch(/target\.typePrior\.hardliner moves the collapse probability most/);
  });

  it('stress: the intensities searched can be chosen per shock', async () => {
    const r = await cli(['stress', BASE, '--shock', 'accessDenial@6=0.25:0.75', '--runs', '3', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| accessDenial at period 6 \| magnitude 0\.25 to 0\.75 \|/);
  });

  it('stress: a table of verdicts for every shock of the library', async () => {
    const r = await cli(['stress', BASE, '--runs', '20', '--workers', '1', '--shock', 'regimeChange@12', '--shock', 'snapback@12']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| regimeChange at period 12 \| magnitude 0 to 1 \| (breaks|holds)/);
    expect(r.stdout).toMatch(/\| snapback at period 12 \(lead\) \| on\/off \| (breaks|holds): collapse/);
  });

  it('sensitivity and discover print their tables', async () => {
    const s = await cli(['sensitivity', BASE, '--lever', 'metadata.periodLengthMonths=1:12', '--lever', 'target.typePrior.hardliner=0:0.8', '--samples', '8', '--runs', '10', '--workers', '1']);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/\| metadata\.periodLengthMonths \| 0 \| \[0, 0\] \| 0 \| \[0, 0\] \|/);
    const m = await cli(['sensitivity', BASE, '--method', 'morris', '--lever', 'metadata.periodLengthMonths=1:12', '--lever', 'target.typePrior.hardliner=0:0.8', '--samples', '4', '--runs', '10', '--workers', '1']);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/\| metadata\.periodLengthMonths \| 0 \|/);
    const d = await cli(['discover', BASE, '--lever', 'target.typePrior.hardliner=0:0.8', '--samples', '30', '--runs', '10', '--workers', '1']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('### Scenario discovery (PRIM)');
  });

  // The audit's content is checked on the memo itself (memo-print.test.ts); here it is left out (--no-audit), for time.
  it('report: the memo in Markdown with its charts beside it, and the command that reproduces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-memo-'));
    try {
      const out = join(dir, 'memo.md');
      const r = await cli(['report', 'scenarios/step-for-step.yaml', '--alternative', 'scenarios/front-loaded.yaml', '--runs', '8', '--batch-runs', '40', '--no-audit', '--seed', '4', '--workers', '1', '--out', out]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(0);
      const md = readFileSync(out, 'utf8');
      for (const h of ['## The design', '## Expected outcomes', '## Which shocks break it', '## What the outcome depends on most', '## Against Front-loaded']) expect(md).toContain(h);
      expect(md).not.toContain('## Where cheating pays');
      expect(md).toContain('The design audit (where cheating pays) was left out of this memo.');
      expect(md).toContain('relief-lab report scenarios/step-for-step.yaml --alternative scenarios/front-loaded.yaml --seed 4 --runs 8 --batch-runs 40 --at 15 --no-audit');
      for (const c of ['compliance', 'leverage', 'breakPoints', 'tornado']) {
        expect(md).toContain(`![${c}](memo-charts/${c}.svg)`);
        expect(existsSync(join(dir, 'memo-charts', `${c}.svg`))).toBe(true);
      }
      // On a cluster: two shards' partials, combined with --parts, write the same memo byte for byte, charts included.
      const argv = ['report', 'scenarios/step-for-step.yaml', '--alternative', 'scenarios/front-loaded.yaml', '--runs', '8', '--batch-runs', '40', '--no-audit', '--seed', '4', '--workers', '1'];
      const parts = [1, 2].map((i) => join(dir, `part-${i}.json`));
      for (const [i, f] of parts.entries()) {
        const shard = await cli([...argv, '--shard', `${i + 1}/2`, '--out', f]);
        expect(shard.code, shard.stderr).toBe(0);
        expect(JSON.parse(readFileSync(f, 'utf8')).format).toBe('relief-lab/memo-partial@1');
      }
      mkdirSync(join(dir, 'combined'));
      const combinedOut = join(dir, 'combined', 'memo.md');
      const combined = await cli([...argv, '--parts', parts[1], parts[0], '--out', combinedOut]);
      expect(combined.code, combined.stderr).toBe(0);
      expect(readFileSync(combinedOut, 'utf8')).toBe(md);
      for (const c of ['compliance', 'leverage', 'breakPoints', 'tornado']) expect(readFileSync(join(dir, 'combined', 'memo-charts', `${c}.svg`), 'utf8')).toBe(readFileSync(join(dir, 'memo-charts', `${c}.svg`), 'utf8'));
      // Refused, naming what is wrong, and nothing written: a missing shard, a shard asked for a memo's format.
      const missing = await cli([...argv, '--parts', parts[0], '--out', join(dir, 'missing.md')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/shard 2\/2 missing/);
      expect(existsSync(join(dir, 'missing.md'))).toBe(false);
      const formatted = await cli([...argv, '--shard', '1/2', '--format', 'markdown', '--out', join(dir, 'x.json')]);
      expect(formatted.code).toBe(2);
      expect(formatted.stderr).toMatch(/--shard writes the shard's partial \(JSON\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Its studies solve plans for every swept and sampled design: 33 s on 2 cores here, and as much again for the shards.
  }, 300_000);

  it('stopped (Ctrl-C): writes what ran, marked PARTIAL, and exits 130', async () => {
    const ac = new AbortController();
    ac.abort('SIGINT');
    const r = await cli(['sweep', BASE, '--lever', 'target.typePrior.hardliner=0:0.8', '--runs', '10', '--workers', '1'], ac.signal);
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('PARTIAL');
    expect(r.stderr).toMatch(/stopped before the sweep finished/);
  });

  it('sharded (a cluster): the shards\' partials, combined with --parts, give the unsharded study byte for byte (a stress test shards by shock); parts of another study are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-study-shards-'));
    try {
      const argv = ['sensitivity', BASE, '--lever', 'target.typePrior.hardliner=0:0.8', '--lever', 'coalition.collapseCohesion=0.1:0.9', '--samples', '8', '--runs', '10', '--workers', '1', '--format', 'json'];
      const files = [1, 2, 3].map((i) => join(dir, `part-${i}.json`));
      for (const [i, f] of files.entries()) expect((await cli([...argv, '--shard', `${i + 1}/3`, '--out', f])).code).toBe(0);
      const whole = await cli(argv);
      const merged = await cli([...argv, '--parts', files[2], files[0], files[1]]);
      expect(merged.code).toBe(0);
      expect(merged.stdout).toBe(whole.stdout);
      const other = await cli([...argv.map((a) => (a === '10' ? '11' : a)), '--parts', ...files]);
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(/part 1 belongs to another study/);
      // A stress test shards by shock: each shard runs its shocks' whole searches; combined, the same text byte for byte.
      const stressArgv = ['stress', BASE, '--shock', 'regimeChange@5', '--shock', 'domesticCrisis@5', '--shock', 'snapback@5', '--runs', '10', '--workers', '1', '--tolerance', '0.125'];
      const stressFiles = [1, 2].map((i) => join(dir, `stress-${i}.json`));
      for (const [i, f] of stressFiles.entries()) {
        const shard = await cli([...stressArgv, '--shard', `${i + 1}/2`, '--out', f]);
        expect(shard.code).toBe(0);
        expect(shard.stderr).toContain(`wrote the partial of shard ${i + 1}/2 (${i === 0 ? 2 : 1} shock`);
      }
      const stressWhole = await cli(stressArgv);
      const stressMerged = await cli([...stressArgv, '--parts', stressFiles[1], stressFiles[0]]);
      expect(stressMerged.code).toBe(0);
      expect(stressMerged.stdout).toBe(stressWhole.stdout);
      expect(stressWhole.stdout).toContain('regimeChange at period 5');
      const stressMissing = await cli([...stressArgv, '--parts', stressFiles[0]]);
      expect(stressMissing.code).toBe(2);
      expect(stressMissing.stderr).toMatch(/--parts: shard 2\/2 missing; give the partials of all 2 shards/);
      const stressOther = await cli([...stressArgv.map((a) => (a === '10' ? '11' : a)), '--parts', ...stressFiles]);
      expect(stressOther.code).toBe(2);
      expect(stressOther.stderr).toMatch(/part 1 belongs to another study/);
      const notStress = await cli([...stressArgv, '--parts', files[0]]);
      expect(notStress.code).toBe(1);
      expect(notStress.stderr).toMatch(/is not a stress partial \(relief-lab\/stress-partial@1/);
      const tooMany = await cli([...stressArgv, '--shard', '4/4']);
      expect(tooMany.code).toBe(2);
      expect(tooMany.stderr).toMatch(/4\/4: needs 1 <= i <= N <= 3 \(a stress test shards by shock/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

