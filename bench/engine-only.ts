/**
 * The engine part of the benchmark alone (`npm run bench:engine`): engine runs per
 * second on the baseline, the random-number floor and the previous engine beside it
 * (bench/engine-speed.ts, in a worker thread running the pool's kind of bundle), and
 * the plan's solve cost per design and type as its own line (bench/plan-solve.ts).
 * Then two worker threads: a scaled-down batch extrapolated to 1,000,000 runs, and a
 * lever change redrawing 2,000 runs (one the plan cache serves, one it cannot).
 * Options: --runs N (one core), --reps N, --worker-runs N, --no-previous.
 * Prints a table; bench/run.ts writes RESULTS.md from the full benchmark.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readScenario } from '../src/scenario/validate.ts';
import { workerBundle } from '../src/node/worker-bundle.ts';
import { createNodePool } from '../src/node/index.ts';
import { runMonteCarlo } from '../src/montecarlo/index.ts';
import type { EngineSpeed } from './engine-speed.ts';
import type { PlanSolveCost } from './plan-solve.ts';
import { previousEngineBundle } from './previous-engine.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 20_000);
const REPS = arg('reps', 3);
const PREVIOUS = process.env.PREVIOUS_ENGINE ?? '3c0faa5';
const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('baseline.yaml is invalid');
const scenario = parsed.scenario;
const H = scenario.horizonPeriods;
const load = loadavg()[0];
const previousBundle = process.argv.includes('--no-previous') ? null : previousEngineBundle(PREVIOUS);
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const result = await new Promise<{ speed: EngineSpeed; plan: PlanSolveCost[] }>((resolve, reject) => {
  const w = new Worker(workerBundle(new URL('./engine-only-worker.ts', import.meta.url)), { eval: true, workerData: { scenario, runs: RUNS, reps: REPS, previousBundle } });
  w.once('message', (m) => void w.terminate().then(() => resolve(m)));
  w.once('error', reject);
});
const { speed, plan } = result;
const runsPerS = (RUNS * 1000) / speed.engineMs;
console.log(`Engine bench ${new Date().toISOString().slice(0, 16)}Z: baseline, ${H} periods, ${fmt(RUNS)} runs, best of ${REPS}; load average ${fmt(load, 2)} at start (${fmt(loadavg()[0], 2)} after the one-core part).`);
console.log('| Figure | Value |');
console.log('|---|---|');
console.log(`| Engine, one core (worker bundle) | ${fmt(runsPerS)} runs/s (${fmt((speed.engineMs * 1000) / RUNS, 1)} us/run, ${fmt(runsPerS * H)} run-periods/s) |`);
console.log(`| Batch layer in one thread | ${fmt((RUNS * 1000) / speed.batchMs)} runs/s (summaries ${speed.batchMs >= speed.engineMs ? '+' : ''}${fmt((speed.batchMs / speed.engineMs - 1) * 100)}% on the engine's time) |`);
console.log(`| Random draws per run | ${fmt(speed.drawsPerRun, 1)} |`);
console.log(`| Engine / random-number floor | ${fmt(speed.engineMs / speed.floorMs, 2)}x (floor ${fmt((speed.floorMs * 1000) / RUNS, 2)} us/run) |`);
if (speed.previousMs !== undefined) console.log(`| Previous engine (${PREVIOUS}) | ${fmt((RUNS * 1000) / speed.previousMs)} runs/s (today's takes ${fmt(speed.engineMs / speed.previousMs, 2)}x its time) |`);
for (const p of plan)
  console.log(`| Plan solve, type ${p.type} | ${fmt(p.constructMs, 2)} ms constructor + ${fmt(p.allLayersMs, 1)} ms for all ${p.units} units x 3 kappa points (a batch used ${p.layersUsed} of ${p.units * 3}) |`);
const total = plan.reduce((a, p) => a + p.constructMs + p.allLayersMs, 0);
console.log(`| Plan solve, all types (upper bound per runner) | ${fmt(total, 1)} ms |`);

// Two worker threads (the pool users' batches run on): a scaled-down batch, extrapolated to
// 1,000,000 runs, and a lever change redrawing 2,000 runs, with and without the plan cache's help.
const WORKER_RUNS = arg('worker-runs', 20_000);
const pool = createNodePool({ workers: 2 });
await runMonteCarlo(scenario, { runs: 2_000, masterSeed: 2, pool });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await runMonteCarlo(scenario, { runs: WORKER_RUNS, masterSeed: 3, pool });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cores = (cpu.user + cpu.system) / 1000 / wallMs;
const rate = (WORKER_RUNS * 1000) / wallMs;
const perCpuS = rate / cores;
console.log(`| 2 workers, ${fmt(WORKER_RUNS)} runs x ${H} periods (warm pool) | ${fmt(wallMs / 1000, 2)} s, ${fmt(rate)} runs/s (process got ${fmt(cores, 2)} cores); 1,000,000 runs at this rate: ${fmt(1e6 / rate, 0)} s (goal 30 s) |`);
console.log(`| The same per CPU-second (what 2 free cores would give) | ${fmt(perCpuS)} runs per CPU-second; 1,000,000 runs on 2 free cores: ${fmt(1e6 / perCpuS / 2, 0)} s |`);
const redraw = async (label: string, s: typeof scenario, seed: number) => {
  const c0 = process.cpuUsage();
  const t = performance.now();
  await runMonteCarlo(s, { runs: 2_000, masterSeed: seed, pool });
  const ms = performance.now() - t;
  const c = process.cpuUsage(c0);
  const got = (c.user + c.system) / 1000 / ms;
  console.log(`| Lever change, 2,000 runs on 2 workers: ${label} | ${fmt(ms)} ms (process got ${fmt(got, 2)} cores; ${fmt(((c.user + c.system) / 1000) / 2)} ms on 2 free cores) (goal 200 ms) |`);
};
const aid = structuredClone(scenario);
aid.design.humanitarian.carveOutAidPerPeriod *= 1.1;
await redraw('carve-out aid +10% (plans from the cache)', aid, 5);
const detection = structuredClone(scenario);
detection.design.verification.detectionProbability = Math.min(1, detection.design.verification.detectionProbability + 0.1);
await redraw('detection probability +0.1 (plans solved again)', detection, 6);
await pool.close();
console.log(`Load average at the end: ${fmt(loadavg()[0], 2)}.`);
