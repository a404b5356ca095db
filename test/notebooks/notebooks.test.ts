import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { runCli } from '../../src/cli/program.ts';
import { createRunner } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { falseAlarmScenario } from '../../src/validation/index.ts';

/**
 * Every notebook in notebooks/ runs headless in Deno's Jupyter kernel, as a reader
 * would run it (`jupyter nbconvert --execute`), without an error; and what it computes
 * equals what Node computes: the same batches, byte for byte, across runtimes.
 * `npm run setup` installs what this needs (Jupyter from Debian, Deno from npm, the
 * kernel registration).
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const NOTEBOOKS = join(ROOT, 'notebooks');
const DENO_BIN = join(ROOT, 'node_modules', '.bin');
const out = mkdtempSync(join(tmpdir(), 'relief-notebooks-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Notebook {
  cells: { cell_type: string; execution_count?: number | null; outputs?: Output[] }[];
}

/** Whether Jupyter finds a kernel named deno in any of its data directories. */
function kernelRegistered(): boolean {
  try {
    const paths = JSON.parse(execFileSync('jupyter', ['--paths', '--json'], { encoding: 'utf8' })) as { data: string[] };
    return paths.data.some((dir) => existsSync(join(dir, 'kernels', 'deno', 'kernel.json')));
  } catch {
    return false;
  }
}

/** The sizes stress-and-discovery.ipynb uses under RELIEF_LAB_NOTEBOOK_SIZES=small, which the CLI cross-check repeats. */
const SMALL_STUDIES = { sobolBaseSamples: 8, stressRuns: 20, discoverSamples: 20 };

interface Executed {
  nb: Notebook;
  /** What the notebook's last cell hands to this test, as written to RELIEF_LAB_NOTEBOOK_RESULTS. */
  results: unknown;
}
const executed = new Map<string, Executed>();

/** Runs a notebook once per test file (both tests below read the same execution). */
function execute(file: string): Executed {
  const done = executed.get(file);
  if (done) return done;
  const missing = [
    ['jupyter-nbconvert (Debian: jupyter-nbconvert, python3-nbclient)', ['/usr/bin/jupyter-nbconvert', '/usr/local/bin/jupyter-nbconvert'].some(existsSync)],
    ['deno (npm: deno)', existsSync(join(DENO_BIN, 'deno'))],
    ['the Deno Jupyter kernel (deno jupyter --install)', kernelRegistered()],
  ].filter(([, ok]) => !ok);
  if (missing.length > 0) throw new Error(`missing ${missing.map(([what]) => what).join(', ')}: run npm run setup`);
  const target = join(out, file);
  const resultsFile = join(out, `${file}.results.json`);
  // nbclient waits only 4 s (iopub_timeout) for a cell's outputs after the kernel replies, and
  // then drops what has not come: wait up to 120 s for a reader's outputs, and fail loudly past
  // that. That did not save validation.ipynb's last display in CI (the kernel said the cell was
  // done without it), so the data the tests check comes through RELIEF_LAB_NOTEBOOK_RESULTS.
  execFileSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=600', '--ExecutePreprocessor.iopub_timeout=120', '--ExecutePreprocessor.raise_on_iopub_timeout=True', '--output', target, join(NOTEBOOKS, file)], {
    cwd: NOTEBOOKS,
    // stress-and-discovery.ipynb runs at half its study sizes here (SMALL_STUDIES: each of its points solves a new design's plans).
    env: { ...process.env, PATH: `${DENO_BIN}:${process.env.PATH}`, RELIEF_LAB_NOTEBOOK_SIZES: 'small', RELIEF_LAB_NOTEBOOK_RESULTS: resultsFile },
    stdio: 'pipe',
  });
  const nb = JSON.parse(readFileSync(target, 'utf8')) as Notebook;
  const run = { nb, results: existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined };
  executed.set(file, run);
  return run;
}

/**
 * The data a notebook's last cell shows for this test. It is read from the file the notebook
 * writes, not from the executed notebook: CI lost that display twice (nbconvert had the cell's
 * end without it, even waiting 120 s for outputs). Where the display did arrive it must agree.
 */
function resultsOf<T>(file: string): T {
  const { nb, results } = execute(file);
  expect(results, `${file} wrote no results to RELIEF_LAB_NOTEBOOK_RESULTS`).toBeDefined();
  const shown = nb.cells.flatMap((c) => c.outputs ?? []).find((o) => o.data?.['application/json'])?.data?.['application/json'];
  if (shown !== undefined) expect(shown).toEqual(results);
  return results as T;
}

const files = readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb'));

describe('notebooks', () => {
  it('there is at least one', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(`${file} runs from top to bottom without an error or a warning`, () => {
      const { nb } = execute(file);
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      expect(code.every((c) => typeof c.execution_count === 'number')).toBe(true);
      const outputs = code.flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`)).toEqual([]);
      const printed = outputs.filter((o) => o.output_type === 'stream').map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text ?? ''));
      expect(printed.filter((t) => /\b(WARN|warning|error)\b/i.test(t))).toEqual([]);
    }, 600_000);
  }

  it('compare-designs.ipynb computes the same batches as Node, byte for byte', async () => {
    const shown = resultsOf<Record<string, { collapsed: number; sha256: string }>>('compare-designs.ipynb');
    expect(Object.keys(shown).sort()).toEqual(['back-loaded', 'front-loaded', 'step-for-step']);
    const files = { 'step-for-step': 'baseline.yaml', 'front-loaded': 'front-loaded.yaml', 'back-loaded': 'back-loaded.yaml' };
    for (const [name, path] of Object.entries(files)) {
      const loaded = loadScenarioFile(join(ROOT, 'scenarios', path));
      if (!loaded.ok) throw new Error(`${path} is invalid`);
      // In this thread: the batch does not depend on where it runs.
      const summary = await runMonteCarlo(loaded.scenario, { runs: 5_000, masterSeed: 1 });
      expect(shown[name], name).toEqual({ collapsed: summary.outcomes.collapsed.mean, sha256: createHash('sha256').update(JSON.stringify(summary)).digest('hex') });
    }
  }, 600_000);

  it('validation.ipynb checks every closed-form result of MODEL.md, all within tolerance, and runs the deviation test', () => {
    const shown = resultsOf<{
      checks: { result: string; quantity: string; within: boolean; value?: number }[];
      deviation: { scenario: string; type: string; beats: boolean }[];
    }>('validation.ipynb');
    // Results 1 to 7 are all there (a notebook that skipped one would still run without an error).
    expect([...new Set(shown.checks.map((c) => c.result.split(' ')[0]))].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(shown.checks.filter((c) => !c.within)).toEqual([]);
    expect(shown.deviation.length).toBeGreaterThanOrEqual(6);
    expect(shown.deviation.filter((d) => d.beats)).toEqual([]);
    // Across runtimes: result 2's mean for (q, k) = (0.5, 2) in Node, same module, seeds and runs, to the bit.
    const runner = createRunner(falseAlarmScenario(0.5, 2));
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += runner.run(runSeed(11, i)).summary.collapsePeriod;
    expect(shown.checks.find((c) => c.quantity === 'inspections to it (q=0.5, k=2)')?.value).toBe(sum / 1000);
  }, 600_000);

  it('stress-and-discovery.ipynb gives the numbers of relief-lab sensitivity, stress and discover, exactly', async () => {
    const shown = resultsOf<{ sizes: unknown; sobol: unknown[]; stress: unknown[]; prim: unknown }>('stress-and-discovery.ipynb');
    // The sizes the test asked for, which the CLI commands below repeat.
    expect(shown.sizes).toEqual(SMALL_STUDIES);
    const cli = async (...argv: string[]) => {
      let stdout = '';
      const code = await runCli([...argv, '--without-shocks', '--format', 'json', '--workers', '2'], { stdout: (s) => (stdout += s), stderr: () => {} });
      expect(code, argv.join(' ')).toBe(0);
      return JSON.parse(stdout);
    };
    const CASE = join(ROOT, 'scenarios/cases/iran-jcpoa-2015.yaml');
    const sobol = await cli('sensitivity', CASE, '--outcome', 'finalCompliance', '--samples', String(SMALL_STUDIES.sobolBaseSamples), '--runs', '10', '--lever', 'design.verification.falseAlarmProbability=0:0.1', '--lever', 'design.verification.detectionProbability=0.4:0.95', '--lever', 'target.discountFactor=0.8:0.99', '--lever', 'target.typePrior.hardliner=0:0.5');
    expect(shown.sobol).toEqual(sobol.indices.indices.map((f: { factor: string; first: { estimate: number }; total: { estimate: number } }) => ({ factor: f.factor, first: f.first.estimate, total: f.total.estimate })));
    const stress = await cli('stress', CASE, '--runs', String(SMALL_STUDIES.stressRuns), '--tolerance', '0.125');
    expect(shown.stress).toEqual(stress.shocks.map((s: { label: string; result: { status: string; breakPoint: number | null } | null; single: { probability: number } | null }) => ({ shock: s.label, status: s.result?.status ?? null, breakPoint: s.result?.breakPoint ?? null, single: s.single?.probability ?? null })));
    const found = await cli('discover', CASE, '--samples', String(SMALL_STUDIES.discoverSamples), '--runs', '10', '--threshold', '0.25', '--lever', 'design.verification.falseAlarmProbability=0:0.08', '--lever', 'target.discountFactor=0.8:0.99', '--lever', 'target.typePrior.hardliner=0:0.6');
    expect(shown.prim).toEqual(found.chosen ? { box: found.chosen.index, coverage: found.chosen.inspection.coverage, density: found.chosen.inspection.density } : null);
  }, 600_000);
});
