/**
 * The issue's analysis benchmark (part of `npm run bench`; alone:
 * `node --import tsx bench/analysis-runs.ts [--quick] [--n N]`): a Sobol' analysis
 * of 6 levers of the baseline at N = 512 with 100 runs per point, N (D + 2) = 4,096
 * points, 409,600 runs, on a warm pool of 2 worker threads, through the studies
 * layer (src/analysis/studies, which runs runExperiment); beside it a plain batch
 * of the same runs on a warm pool of 2 workers; and the same Sobol' design with 1
 * run per point: a lower bound of the cost per point apart from its runs (each point
 * is a new design: it is compiled and the target's plan solved for every type its
 * runs draw, #9; one run draws one type). Best of REPS interleaved repetitions; the load
 * average is written beside the figures (shared machine). `--n 128` runs a quarter
 * of the points on a loaded machine, and says so. Writes bench/ANALYSIS.md (not with
 * --quick). Target (issue #13): 15 s or less on a quiet machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { sobolStudy } from '../src/analysis/studies/index.ts';
import { runMonteCarlo } from '../src/montecarlo/index.ts';
import { createNodePool } from '../src/node/index.ts';
import { createNodeExperimentPool } from '../src/node/experiments.ts';
import { readScenario } from '../src/scenario/validate.ts';

const QUICK = process.argv.includes('--quick');
const REPS = QUICK ? 1 : Number(process.env.REPS ?? 2);
const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : QUICK ? 32 : 512;
if (!Number.isInteger(Math.log2(N)) || N < 2) throw new Error(`--n ${process.argv[nArg + 1]}: give a power of two >= 2`);
const RUNS = 100;
const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('baseline.yaml is invalid');
const baseline = parsed.scenario;
const ranges: Record<string, [number, number]> = {
  'design.verification.detectionProbability': [0.3, 0.9],
  'design.verification.falseAlarmProbability': [0, 0.3],
  'design.verification.access': [0.5, 1],
  'coalition.collapseCohesion': [0.2, 0.6],
  'target.typePrior.hardliner': [0, 0.5],
  'target.discountFactor': [0.85, 0.99],
};
const D = Object.keys(ranges).length;
const points = N * (D + 2);
const total = points * RUNS;
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const loadStart = loadavg();

const expPool = createNodeExperimentPool({ workers: 2 });
const batchPool = createNodePool({ workers: 2 });
// Warm both pools (worker start and bundle evaluation are not what is measured).
await sobolStudy(baseline, ranges, { outcome: 'collapsed', runsPerPoint: 10, baseSamples: 4, resamples: 10, pool: expPool });
await runMonteCarlo(baseline, { runs: 2000, masterSeed: 1, pool: batchPool });

let sobolMs = Infinity;
let batchMs = Infinity;
let pointsMs = Infinity;
let result: Awaited<ReturnType<typeof sobolStudy>> | undefined;
const loads: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  loads.push(loadavg()[0]);
  let t = performance.now();
  result = await sobolStudy(baseline, ranges, { outcome: 'collapsed', runsPerPoint: RUNS, baseSamples: N, resamples: 1000, pool: expPool });
  sobolMs = Math.min(sobolMs, performance.now() - t);
  loads.push(loadavg()[0]);
  t = performance.now();
  await runMonteCarlo(baseline, { runs: total, masterSeed: 1, pool: batchPool });
  batchMs = Math.min(batchMs, performance.now() - t);
  loads.push(loadavg()[0]);
  t = performance.now();
  await sobolStudy(baseline, ranges, { outcome: 'collapsed', runsPerPoint: 1, baseSamples: N, resamples: 1000, pool: expPool });
  pointsMs = Math.min(pointsMs, performance.now() - t);
}
loads.push(loadavg()[0]);
await expPool.close();
await batchPool.close();

const top = [...result!.indices!.indices].sort((a, b) => b.total.estimate - a.total.estimate);
const lines = [
  `# Analysis benchmark${QUICK ? ' (quick)' : ''}`,
  '',
  `Date: ${new Date().toISOString().slice(0, 10)}. Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), shared by other jobs: load average (1 min) ${fmt(loadStart[0], 2)} at start, ${loads.map((l) => fmt(l, 2)).join(' / ')} at each measurement's start and the end. Baseline scenario, ${baseline.horizonPeriods} periods; 2 worker threads, warm pools; best of ${REPS} interleaved repetitions.`,
  '',
  '| Figure | Value | Target |',
  '|---|---|---|',
  `| Sobol' analysis, ${D} levers, N = ${N}: ${fmt(N * (D + 2))} points x ${RUNS} runs = ${fmt(total)} runs, indices with 1,000 bootstrap resamples | ${fmt(sobolMs / 1000, 2)} s (${fmt((total * 1000) / sobolMs)} runs/s) | <= 15 s on a quiet machine |`,
  `| Plain batch of the same ${fmt(total)} runs | ${fmt(batchMs / 1000, 2)} s (${fmt((total * 1000) / batchMs)} runs/s) | |`,
  `| Sobol' analysis / plain batch | ${fmt(sobolMs / batchMs, 3)} | |`,
  `| The same ${fmt(points)} points with 1 run each (compile, and the plan of the one type that run draws: a lower bound of the cost per point, whose 100 runs draw every type) | ${fmt(pointsMs / 1000, 2)} s (${fmt(pointsMs / points, 1)} ms per point on 2 workers) | |`,
  `| That lower bound as a share of the analysis | ${fmt(Math.min(1, pointsMs / sobolMs), 3)} | |`,
  ...(N === 512 ? [] : [`| Sobol' analysis at N = 512 (409,600 runs), scaled from this N (time is linear in the points) | ${fmt(((sobolMs / 1000) * 512) / N, 1)} s | <= 15 s on a quiet machine |`]),
  '',
  `Levers and ranges: ${Object.entries(ranges).map(([p, [a, b]]) => `${p} [${a}, ${b}]`).join('; ')}. Outcome: collapse probability per point.`,
  `Largest total indices: ${top.slice(0, 3).map((f) => `${f.factor} ${fmt(f.total.estimate, 3)} [${fmt(f.total.ci[0], 3)}, ${fmt(f.total.ci[1], 3)}]`).join('; ')}.`,
  '',
];
console.log(lines.join('\n'));
if (!QUICK) writeFileSync(new URL('./ANALYSIS.md', import.meta.url), lines.join('\n'));
