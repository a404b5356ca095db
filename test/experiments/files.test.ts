import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { EXIT } from '../../src/cli/io.ts';
import { experimentJsonSchemaText, runExperiment, type PointRows } from '../../src/experiments/index.ts';
import { loadExperimentFile, runExperimentToDir } from '../../src/node/experiments.ts';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'relief-experiment-'));
const BASE = join(process.cwd(), 'scenarios/baseline.yaml');
function experimentFile(name: string, body: string): string {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, `name: ${name}\nscenario: ${BASE}\n${body}`);
  return f;
}
const SMALL = experimentFile(
  'small',
  `runsPerPoint: 40\nmasterSeed: 6\nlevers:\n  sampling: grid\n  values:\n    design.verification.detectionProbability: [0.3, 0.8]\n    design.verification.crossChecks: [true, false]\n    design.consequences.trigger: [majority, unilateral]\n`,
);
const FILES = ['summary.json', 'rows.csv', 'rows.arrow', 'dictionary.csv'];

/** A python3 with pandas (Debian's python3-pandas lives in /usr/bin's python). */
function pandasPython(): string {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import pandas'], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with pandas: apt-get install python3-pandas (scripts/setup.sh does)');
}

describe('relief-lab experiment: files', () => {
  it('shards merged in any order give byte for byte the files of one unsharded run', async () => {
    const one = join(dir, 'one');
    const whole = await cli(['experiment', SMALL, '--out', one, '--workers', '2']);
    expect(whole.code, whole.stderr).toBe(EXIT.ok);
    const shards = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `shard-${i}`);
      const r = await cli(['experiment', SMALL, '--out', out, '--shard', `${i}/3`, '--workers', '1']);
      expect(r.code, r.stderr).toBe(EXIT.ok);
      shards.push(out);
    }
    const merged = join(dir, 'merged');
    const m = await cli(['merge', shards[2], shards[0], shards[1], '--out', merged]);
    expect(m.code, m.stderr).toBe(EXIT.ok);
    expect(m.stdout).toBe(whole.stdout);
    for (const f of FILES) expect(readFileSync(join(merged, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    const lonely = join(dir, 'lonely');
    const partial = await cli(['merge', shards[1], '--out', lonely]);
    expect(partial.stderr).toMatch(/cover 3 of 9 points; the result is marked partial/);
    expect(JSON.parse(readFileSync(join(lonely, 'summary.json'), 'utf8')).partial).toBe(true);
    // Every shard and the unsharded run solve the points' plans again: 29 s on 2 cores here.
  }, 180_000);

  it('the Arrow file, read with apache-arrow, equals the rows in memory', async () => {
    const r = loadExperimentFile(SMALL);
    if (!r.ok) throw new Error('small experiment does not load');
    const mem: PointRows[] = [];
    const partial = await runExperiment(r.experiment, { sink: { begin: () => {}, point: (p) => void mem.push({ ...p, records: p.records.slice() }) } });
    const table = tableFromIPC(readFileSync(join(dir, 'one', 'rows.arrow')));
    const columns = partial.header.columns;
    expect(table.schema.fields.map((f) => f.name)).toEqual(columns.map((c) => c.name));
    expect(table.numRows).toBe(mem.length * 40);
    const P = r.experiment.design.parameters.length;
    let row = 0;
    for (const p of mem) {
      for (let i = 0; i < p.runs; i++, row++) {
        const got = table.get(row)!.toJSON() as Record<string, unknown>;
        expect(got.point).toBe(BigInt(p.point));
        expect(got.run).toBe(BigInt(i));
        p.values.forEach((v, k) => expect(got[columns[2 + k].name]).toBe(v));
        for (let j = 0; j < p.layout.width; j++) {
          const c = columns[2 + P + j];
          const x = p.records[i * p.layout.width + j];
          expect(got[c.name], c.name).toEqual(c.categories ? c.categories[x] : x);
        }
      }
    }
  });

  it('the CSV read by pandas has the dtypes of the data dictionary', () => {
    const out = join(dir, 'one');
    const script = [
      'import sys, pandas as pd',
      'd = pd.read_csv(sys.argv[1] + "/rows.csv")',
      'dic = pd.read_csv(sys.argv[1] + "/dictionary.csv")',
      'names = {"int64": "int64", "float64": "float64", "bool": "bool", "string": "object"}',
      'bad = [(c, str(d[c].dtype), t) for c, t in zip(dic["column"], dic["dtype"]) if str(d[c].dtype) != names[t]]',
      'print(len(d), list(d.columns) == list(dic["column"]), bad)',
    ].join('\n');
    const text = execFileSync(pandasPython(), ['-c', script, out], { encoding: 'utf8' });
    expect(text.trim()).toBe('360 True []');
  });

  it('bad experiment files and lever paths get an error naming the field, exit 1, and write nothing', async () => {
    const cases: [string, string, RegExp][] = [
      ['runs0', 'runsPerPoint: 0\n', /runs0\.yaml: runsPerPoint: 0 is not in \[1, 10000000\]/],
      ['sampling', 'runsPerPoint: 5\nlevers:\n  sampling: grod\n', /sampling\.yaml: levers\.sampling: "grod" is not one of "list", "grid", "latin-hypercube"/],
      ['path', 'runsPerPoint: 5\nlevers:\n  sampling: grid\n  values:\n    design.verification.detectionProb: [0.5]\n', /path\.yaml: levers\.values: design\.verification\.detectionProb: design\.verification has no field "detectionProb"/],
      ['range', 'runsPerPoint: 5\nlevers:\n  sampling: list\n  points:\n    - design.tranches[step2].sustainedPeriods: 900\n', /range\.yaml: levers\.points\[0\]: design\.tranches\[step2\]\.sustainedPeriods: 900 is not in \[0, 600\] \(periods\)/],
      ['unknown', 'runsPerPoint: 5\nrunPerPoint: 4\n', /unknown\.yaml: runPerPoint: unknown key/],
      ['lhs-enum', 'runsPerPoint: 5\nlevers:\n  sampling: latin-hypercube\n  samples: 3\n  seed: 1\n  ranges:\n    design.consequences.trigger: [0, 1]\n', /levers\.ranges\.design\.consequences\.trigger: is a choice field; only numbers can be sampled/],
      ['horizon', 'runsPerPoint: 5\nlevers:\n  sampling: list\n  points:\n    - design.tranches[step4].earliestPeriod: 80\n', /horizon\.yaml: point 1: design\.tranches\[step4\]\.earliestPeriod: these values make the scenario invalid/],
    ];
    for (const [name, body, pattern] of cases) {
      const out = join(dir, `bad-${name}`);
      const r = await cli(['experiment', experimentFile(name, body), '--out', out]);
      expect(r.code, name).toBe(EXIT.failure);
      expect(r.stderr, name).toMatch(pattern);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      let written: string[] = [];
      try {
        written = readdirSync(out);
      } catch {
        // not even the folder: fine
      }
      expect(written, name).toEqual([]);
    }
  });

  it('a cancelled experiment writes what it finished, marked partial, and exits 130', async () => {
    const ac = new AbortController();
    ac.abort();
    let stderr = '';
    const out = join(dir, 'cancelled');
    const code = await runCli(['experiment', SMALL, '--out', out], { stdout: () => {}, stderr: (s) => (stderr += s), signal: ac.signal });
    expect(code).toBe(EXIT.interrupted);
    expect(stderr).toMatch(/stopped after 0 of 9 points; what is written covers the finished points and is marked partial/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect([summary.partial, summary.pointsDone, summary.points.length]).toEqual([true, 0, 0]);
    expect(readFileSync(join(out, 'rows.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    const arrow = tableFromIPC(readFileSync(join(out, 'rows.arrow')));
    expect([arrow.numRows, arrow.schema.fields.length]).toEqual([0, summary.columns.length]);
  });

  it('scenarios/experiment.schema.json is the generated schema, and every example experiment loads', () => {
    expect(readFileSync('scenarios/experiment.schema.json', 'utf8')).toBe(experimentJsonSchemaText());
    for (const f of readdirSync('scenarios/experiments')) {
      const r = loadExperimentFile(join('scenarios/experiments', f));
      expect(r.ok, f).toBe(true);
    }
    const big = loadExperimentFile('scenarios/experiments/detection-sustain.yaml');
    expect(big.ok && big.experiment.design.values.length).toBe(200);
  });

  it('done means: the 200-point example runs and its table opens in pandas with one line', async () => {
    const r = loadExperimentFile('scenarios/experiments/detection-sustain.yaml');
    if (!r.ok) throw new Error('detection-sustain.yaml does not load');
    // Its 200 points with 1 run each (the file asks 200): what is tested is the path, not the
    // statistics. Each point is a new design whose target plans are solved before its runs, so
    // the cost is the points, not the runs: 5 runs per point took 206 s of the suite, 1 takes 172 s
    // (106 s on a quiet machine beside another test file).
    const out = join(dir, 'two-hundred');
    // Two worker threads: each point's runner is built once (the target's plan solved per design), 200 times.
    const done = await runExperimentToDir({ ...r.experiment, runsPerPoint: 1 }, { out, workers: 2 });
    expect([done.pointsDone, done.rowsWritten, done.partial]).toEqual([200, 200, false]);
    // The one line of the file's own comment, on the table it wrote.
    const line = `import pandas as pd; d = pd.read_csv('${out}/rows.csv'); print(d.point.nunique(), len(d), d.groupby('point').collapsed.mean().between(0, 1).all())`;
    expect(execFileSync(pandasPython(), ['-c', line], { encoding: 'utf8' }).trim()).toBe('200 200 True');
  }, 600_000);
});
