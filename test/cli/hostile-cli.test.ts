import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { EXIT } from '../../src/cli/io.ts';
import { base64ToFloat64, float64ToBase64 } from '../../src/montecarlo/encoding.ts';
import type { BatchPartial } from '../../src/montecarlo/partial.ts';

/**
 * Issue #17, defects 7, 8, 11 and 12: terminal escapes in names, forged
 * partials, SIGTERM / SIGHUP, unknown commands.
 */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'relief-hostile-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASELINE = join(process.cwd(), 'scenarios/baseline.yaml');

describe('terminal escapes in a scenario name (defect 7)', () => {
  const file = join(dir, 'escape-name.yaml');
  writeFileSync(file, `extends: ${BASELINE}\nmetadata: { name: "Plan\\e]0;pwned\\a\\e[2J" }\n`);

  it('validate prints "ok (name)" with the control characters escaped', async () => {
    const r = await cli('validate', file);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe(`${file}: ok (Plan\\x1b]0;pwned\\x07\\x1b[2J)\n`);
  });

  it('the run table shows the name escaped; the JSON keeps the name as data', async () => {
    const table = await cli('run', file, '--runs', '3');
    expect(table.code).toBe(EXIT.ok);
    expect(table.stdout.split('\n')[0]).toBe('Plan\\x1b]0;pwned\\x07\\x1b[2J');
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const json = await cli('run', file, '--runs', '3', '--format', 'json');
    expect(JSON.parse(json.stdout).scenarioName).toBe('Plan\u001b]0;pwned\u0007\u001b[2J');
  });
});

describe('merge refuses forged state (defect 8)', () => {
  const partPath = join(dir, 'part.json');
  const wholePath = join(dir, 'whole.json');
  let part: BatchPartial;

  async function forged(name: string, edit: (p: BatchPartial) => void) {
    const copy = structuredClone(part);
    edit(copy);
    const f = join(dir, `${name}.json`);
    writeFileSync(f, JSON.stringify(copy));
    return cli('merge', f, '--format', 'json');
  }

  it('an honest part merges to the unsharded result (the checks accept what run --shard writes)', async () => {
    expect((await cli('run', BASELINE, '--runs', '300', '--seed', '3', '--shard', '1/1', '--out', partPath)).code).toBe(EXIT.ok);
    part = JSON.parse(readFileSync(partPath, 'utf8'));
    expect((await cli('run', BASELINE, '--runs', '300', '--seed', '3', '--format', 'json', '--out', wholePath)).code).toBe(EXIT.ok);
    const merged = await cli('merge', partPath, '--format', 'json');
    expect(merged.code, merged.stderr).toBe(EXIT.ok);
    expect(merged.stdout).toBe(readFileSync(wholePath, 'utf8'));
  });

  for (const [label, value] of [['1e15', 1e15], ['-5', -5], ['NaN', NaN]] as const) {
    it(`a type count of ${label} is refused, naming the field`, async () => {
      const r = await forged(`types-${label}`, (p) => {
        const counts = base64ToFloat64(p.state.typeCounts, 'typeCounts');
        counts[0] = value;
        p.state.typeCounts = float64ToBase64(counts);
      });
      expect(r.code).toBe(EXIT.failure);
      expect(r.stderr).toMatch(/: state\.typeCounts(\[0\])? (is|add up to) [^;]+; .*the file is damaged or was not written by relief-lab run --shard/);
      expect(r.stdout).toBe('');
    });
  }

  it('type counts that do not add up to the runs are refused', async () => {
    const r = await forged('types-sum', (p) => {
      const counts = base64ToFloat64(p.state.typeCounts, 'typeCounts');
      counts[0] += 1;
      p.state.typeCounts = float64ToBase64(counts);
    });
    expect(r.stderr).toMatch(/state\.typeCounts add up to 301 runs but completed claims 300/);
  });

  it('a moment node moved outside the completed runs, or onto another node, is refused', async () => {
    const outside = await forged('node-outside', (p) => {
      p.state.nodes[0].index += 1000;
    });
    expect(outside.code).toBe(EXIT.failure);
    expect(outside.stderr).toMatch(/state\.nodes\[0\] covers runs \[\d+, \d+\), which are not among the completed runs/);
    const overlap = await forged('node-overlap', (p) => {
      const last = p.state.nodes[p.state.nodes.length - 1];
      last.index = 0;
    });
    expect(overlap.code).toBe(EXIT.failure);
    expect(overlap.stderr).toMatch(/state\.nodes\[\d+\] covers runs \[0, \d+\), which another node already covers|hold \d+ runs but completed claims 300/);
    const runs = await forged('node-runs', (p) => {
      p.state.nodes[0].runs = 5;
    });
    expect(runs.stderr).toMatch(/state\.nodes\[0\]\.runs is 5; a node at level \d+ holds \d+ runs/);
  });

  it('other counts: an event total that does not match its periods, a forged sample seed', async () => {
    const events = await forged('events', (p) => {
      const t = base64ToFloat64(p.state.eventRunTotals, 'eventRunTotals');
      t[0] += 7;
      p.state.eventRunTotals = float64ToBase64(t);
    });
    expect(events.stderr).toMatch(/state\.eventRunTotals\[0\] is \d+ but the \w+ events by period add up to \d+/);
    const seed = await forged('sample-seed', (p) => {
      p.state.samples[0].seed = '999/1';
    });
    expect(seed.stderr).toMatch(/state\.samples\[0\]\.seed is "999\/1"; run \d+ has the seed "3\/\d+"/);
  });
});

/**
 * Waits until the process has installed a handler for the signal (bit signo-1 of
 * SigCgt in /proc): a state, not a sleep. Gives up when `gone()` says the wait is over.
 */
async function handlerInstalled(pid: number, signo: number, gone: () => boolean): Promise<void> {
  while (!gone()) {
    let mask = 0n;
    try {
      const m = /SigCgt:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      mask = m ? BigInt(`0x${m[1]}`) : 0n;
    } catch {
      // Not started yet.
    }
    if ((mask >> BigInt(signo - 1)) & 1n) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('SIGTERM and SIGHUP keep the completed runs (defect 11)', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal}: the partial is written and the exit code is ${code}`, async () => {
      const out = join(dir, `stopped-${signal}.json`);
      const child = spawn(process.execPath, ['bin/relief-lab.js', 'run', BASELINE, '--runs', '100000000', '--workers', '1', '--format', 'json', '--out', out]);
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      let finished = false;
      onTestFinished(() => {
        finished = true;
        child.kill('SIGKILL');
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // SIGHUP's handler: Node catches SIGTERM from the start, and main.ts installs its handlers for all three at once.
      await handlerInstalled(child.pid!, 1, () => finished || child.exitCode !== null);
      child.kill(signal);
      expect(await exited).toBe(code);
      const summary = JSON.parse(readFileSync(out, 'utf8'));
      expect(summary.partial).toBe(true);
      expect(summary.runsRequested).toBe(100000000);
      expect(stderr).toMatch(new RegExp(`relief-lab: stopped by ${signal} after \\d+ of 100000000 runs; the result above is partial`));
    }, 60_000);
  }
});

describe('an unknown command (defect 12)', () => {
  for (const argv of [['simulate', '--help'], ['simulate'], ['--help', 'simulate'], ['simulate', 'scenarios/baseline.yaml', '--runs', '5']]) {
    it(`relief-lab ${argv.join(' ')} says so, lists the commands and exits 2`, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        "relief-lab: unknown command 'simulate'; the commands are run, experiment, merge, validate, schema, game, negotiate, classroom, history, audit, tournament, sweep, sensitivity, stress, discover, report, help (relief-lab <command> --help for one, relief-lab --help for all).\n(add --help for usage)\n",
      );
    });
  }
  it('known commands with --help, and help <command>, still exit 0', async () => {
    expect((await cli('run', '--help')).code).toBe(EXIT.ok);
    expect((await cli('help', 'merge')).code).toBe(EXIT.ok);
    expect((await cli('--help')).code).toBe(EXIT.ok);
  });
});
