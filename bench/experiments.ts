/**
 * Experiment benchmark (part of `npm run bench`; alone: node --import tsx bench/experiments.ts [--quick]).
 * Prints the figures and writes bench/EXPERIMENTS.md.
 *
 * 1. Overhead of an experiment over a plain batch of the same total runs, both on
 *    a warm pool of 2 worker threads, best of REPS interleaved repetitions: the
 *    experiment with summaries only, and with its table written (CSV + Arrow).
 * 2. Peak memory (maxRSS, fresh processes) of 1,000 points against 10 points at
 *    the same runs per point, table written: flat when the table is streamed.
 * 3. Rows written per second by the table writer alone (CSV and Arrow together),
 *    on the real rows of one point written again and again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchReport, fmt, loadBaseline, loadNow, now } from './report.ts';
import { runMonteCarlo } from '../src/montecarlo/index.ts';
import { createNodePool } from '../src/node/index.ts';
import { createNodeExperimentPool, runExperimentToDir, TableFiles } from '../src/node/experiments.ts';
import { experimentHeader, experimentSchema, prepareExperiment, runExperiment, type PointRows } from '../src/experiments/index.ts';

const QUICK = process.argv.includes('--quick');
const REPS = 3;
const baseline = loadBaseline();
const load = loadNow();
const { lines, say } = benchReport();
const experimentOf = (points: number, runsPerPoint: number) =>
  prepareExperiment(
    experimentSchema.parse({
      name: 'bench',
      scenario: 'baseline.yaml',
      runsPerPoint,
      masterSeed: 1,
      levers: { sampling: 'latin-hypercube', samples: points - 1, seed: 3, ranges: { 'design.verification.detectionProbability': [0.2, 0.95], 'design.tranches[step2].sustainedPeriods': [0, 12] } },
    }),
    baseline,
  );

// 1. Overhead on warm pools.
const POINTS = 20;
const PER_POINT = QUICK ? 500 : 2_000;
const TOTAL = POINTS * PER_POINT;
const e = experimentOf(POINTS, PER_POINT);
const batchPool = createNodePool({ workers: 2 });
const expPool = createNodeExperimentPool({ workers: 2 });
await runMonteCarlo(baseline, { runs: 2_000, masterSeed: 2, pool: batchPool });
await runExperiment(experimentOf(2, 500), { pool: expPool });
const bestMs = { batch: Infinity, experiment: Infinity, table: Infinity };
const out = mkdtempSync(join(tmpdir(), 'relief-bench-exp-'));
for (let i = 0; i < REPS; i++) {
  let t = now();
  await runMonteCarlo(baseline, { runs: TOTAL, masterSeed: 1, pool: batchPool });
  bestMs.batch = Math.min(bestMs.batch, now() - t);
  t = now();
  await runExperiment(e, { pool: expPool });
  bestMs.experiment = Math.min(bestMs.experiment, now() - t);
  t = now();
  await runExperimentToDir(e, { out, pool: expPool });
  bestMs.table = Math.min(bestMs.table, now() - t);
}
await Promise.all([batchPool.close(), expPool.close()]);

// 3. Rows per second of the table writer alone, on one real point's rows.
const ROWS_POINT = 10_000;
const REPEAT = QUICK ? 20 : 100;
const one = experimentOf(2, ROWS_POINT);
let rows: PointRows | undefined;
await runExperiment(one, { sink: { begin: () => {}, point: (p) => void (rows ??= { ...p, records: p.records.slice() }) } });
const table = new TableFiles(out);
const columns = experimentHeader(one).columns;
const tw = now();
table.begin(columns);
for (let k = 0; k < REPEAT; k++) await table.point({ ...rows!, point: k });
await table.finish();
const writeMs = now() - tw;
table.discard();
rmSync(out, { recursive: true, force: true });

// 2. Memory, fresh processes.
const memory = (points: number, runsPerPoint: number) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', new URL('./experiment-memory-child.ts', import.meta.url).pathname, String(points), String(runsPerPoint)], { encoding: 'utf8' })) as {
    points: number;
    rows: number;
    seconds: number;
    maxRssKb: number;
  };
const MEM_RUNS = QUICK ? 20 : 100;
const mem10 = memory(10, MEM_RUNS);
const mem1000 = memory(1000, MEM_RUNS);

say(`# Experiment benchmark${QUICK ? ' (quick)' : ''}`);
say('');
say(`Date: ${new Date().toISOString().slice(0, 10)}. Node ${process.version}, load average ${fmt(load, 2)} at start (shared machine). Baseline scenario, ${baseline.horizonPeriods} periods; 2 worker threads; best of ${REPS} interleaved repetitions.`);
say('');
say('| Figure | Value | Target |');
say('|---|---|---|');
say(`| Plain batch, ${fmt(TOTAL)} runs (warm pool) | ${fmt(bestMs.batch / 1000, 2)} s (${fmt((TOTAL * 1000) / bestMs.batch)} runs/s) | |`);
say(`| Experiment, ${POINTS} points x ${fmt(PER_POINT)} runs, summaries only | ${fmt(bestMs.experiment / 1000, 2)} s: overhead ${fmt((bestMs.experiment / bestMs.batch - 1) * 100, 1)}% over the batch | <= 10% |`);
say(`| The same experiment, table written (CSV + Arrow) | ${fmt(bestMs.table / 1000, 2)} s: overhead ${fmt((bestMs.table / bestMs.batch - 1) * 100, 1)}% over the batch | |`);
say(`| Table writer alone (CSV + Arrow, ${columns.length} columns) | ${fmt((REPEAT * ROWS_POINT * 1000) / writeMs)} rows/s (${fmt(REPEAT * ROWS_POINT)} rows in ${fmt(writeMs / 1000, 2)} s) | |`);
say(`| Peak memory (maxRSS), ${mem10.points} points x ${MEM_RUNS} runs, table written | ${fmt(mem10.maxRssKb / 1024, 1)} MB (${fmt(mem10.seconds, 1)} s) | |`);
say(`| Peak memory (maxRSS), ${mem1000.points} points x ${MEM_RUNS} runs, table written | ${fmt(mem1000.maxRssKb / 1024, 1)} MB (${fmt(mem1000.seconds, 1)} s, ${fmt(mem1000.rows)} rows) | |`);
say(`| Peak memory ratio, ${mem1000.points} / ${mem10.points} points | ${fmt(mem1000.maxRssKb / mem10.maxRssKb, 3)} | flat (<= 1.10) |`);
say('');
if (!QUICK) {
  writeFileSync(new URL('./EXPERIMENTS.md', import.meta.url), `${lines.join('\n')}\n`);
  console.log('wrote bench/EXPERIMENTS.md');
}
