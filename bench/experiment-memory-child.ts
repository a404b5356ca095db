/**
 * Child process of the experiment bench: runs an experiment of `points` points x
 * `runs` runs per point on the baseline (2 worker threads), writing its table to a
 * temporary folder, and prints its peak resident memory (maxRSS, worker threads
 * included). A fresh process per measurement.
 *
 * Usage: node --import tsx bench/experiment-memory-child.ts <points> <runsPerPoint>
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenario } from '../src/scenario/validate.ts';
import { experimentSchema, prepareExperiment } from '../src/experiments/index.ts';
import { runExperimentToDir } from '../src/node/experiments.ts';

const points = Number(process.argv[2]);
const runsPerPoint = Number(process.argv[3]);
const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('baseline.yaml is invalid');
const file = experimentSchema.parse({
  name: 'memory',
  scenario: 'baseline.yaml',
  runsPerPoint,
  masterSeed: 1,
  levers: { sampling: 'latin-hypercube', samples: points - 1, seed: 3, ranges: { 'design.verification.detectionProbability': [0.2, 0.95] } },
});
const e = prepareExperiment(file, parsed.scenario);
const out = mkdtempSync(join(tmpdir(), 'relief-bench-exp-'));
const started = performance.now();
const r = await runExperimentToDir(e, { out, workers: 2 });
const seconds = (performance.now() - started) / 1000;
rmSync(out, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ points: e.design.values.length, rows: r.rowsWritten, seconds, maxRssKb: process.resourceUsage().maxRSS })}\n`);
