/**
 * Monte Carlo benchmark (a script, not a test): `npm run bench [-- --quick]`.
 * Prints the figures and writes bench/RESULTS.md. The machine is shared, so
 * ratios are taken from interleaved repetitions (best of REPS for each side),
 * and the load average at the start is recorded beside them.
 *
 * 1. Engine speed, one core: run-periods per second of createRunner().run on the
 *    baseline (60 periods), and the same through the batch layer in one thread,
 *    measured in a worker thread running the same esbuild bundle as the pool
 *    (bench/engine-speed.ts); the tsx-run sources are measured for reference.
 * 2. Random-number floor: the draws a run makes (the runner counts them), then the
 *    time to key the same chance source and draw the same counts; engine time /
 *    floor time. The previous engine (PREVIOUS_ENGINE, a git ref) beside it.
 * 3. Alea vs seedrandom's default ARC4: draws per second.
 * 4. Worker threads: speedup of 2 over 1 on a warm pool; 100,000 runs with 2
 *    workers end to end (pool start included).
 * 5. Peak memory (maxRSS, child processes) at 10,000 and 1,000,000 runs.
 * 6. Experiments (bench/experiments.ts, written to bench/EXPERIMENTS.md).
 * 7. Negotiation (bench/negotiation.ts, written to bench/NEGOTIATION.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import seedrandom from 'seedrandom';
import { readScenario } from '../src/scenario/validate.ts';
import { runMonteCarlo } from '../src/montecarlo/index.ts';
import { workerBundle } from '../src/node/worker-bundle.ts';
import { measureEngineSpeed, type EngineSpeed } from './engine-speed.ts';
import { previousEngineBundle } from './previous-engine.ts';
import type { PlanSolveCost } from './plan-solve.ts';
import { analysisBench } from './analysis.ts';
import { gamesBench } from './games.ts';
import { Worker } from 'node:worker_threads';
import { createNodePool, runMonteCarlo as runWithThreads } from '../src/node/index.ts';

const QUICK = process.argv.includes('--quick');
const REPS = 3;
const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('baseline.yaml is invalid');
const baseline = parsed.scenario;
const H = baseline.horizonPeriods;
const load = loadavg()[0];
const now = () => performance.now();
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};

function best(f: () => number): number {
  let b = Infinity;
  for (let i = 0; i < REPS; i++) b = Math.min(b, f());
  return b;
}

// 1-2. Engine, draws and the floor: in a worker thread running the same kind of
// esbuild bundle as the pool's workers (what users' batches run), and for
// reference in this thread, where the sources run through tsx.
const ENGINE_RUNS = QUICK ? 5_000 : 20_000;
// The engine before the game rewrite (every party a policy, addressed chance), timed beside today's.
const PREVIOUS_ENGINE = process.env.PREVIOUS_ENGINE ?? '3c0faa5';
const previousBundle = previousEngineBundle(PREVIOUS_ENGINE);
const bundled = await new Promise<EngineSpeed & { plan: PlanSolveCost[] }>((resolve, reject) => {
  const w = new Worker(workerBundle(new URL('./engine-speed-worker.ts', import.meta.url)), { eval: true, workerData: { scenario: baseline, runs: ENGINE_RUNS, reps: REPS, previousBundle } });
  w.once('message', (m: EngineSpeed & { plan: PlanSolveCost[] }) => void w.terminate().then(() => resolve(m)));
  w.once('error', reject);
});
const viaTsx = await measureEngineSpeed(baseline, ENGINE_RUNS, REPS);
const realAlea = seedrandom.alea;
let sink = 0;
const engineBest = bundled.engineMs;
const floorBest = bundled.floorMs;
const batchBest = bundled.batchMs;
const totalDraws = bundled.drawsPerRun * ENGINE_RUNS;
const enginePeriodsPerS = (ENGINE_RUNS * H * 1000) / engineBest;

// 3. Alea vs ARC4.
const DRAWS = QUICK ? 2_000_000 : 10_000_000;
const drawRate = (make: (s: string) => () => number) =>
  best(() => {
    const g = make('bench');
    const t = now();
    // A local sum: adding to the module-level `sink` boxes a number per draw (see engine-speed.ts).
    let local = 0;
    for (let i = 0; i < DRAWS; i++) local += g();
    sink += local;
    return now() - t;
  });
const aleaMs = drawRate((s) => realAlea(s));
const arc4Ms = drawRate((s) => seedrandom(s));

// 4. Worker threads: warm pools, interleaved, then 100,000 runs end to end.
const WORKER_RUNS = QUICK ? 10_000 : 40_000;
const pools = { 1: createNodePool({ workers: 1 }), 2: createNodePool({ workers: 2 }) };
// Pool start: bundling the worker code (once per process), spawning the threads, compiling the scenario.
const tStart = now();
await pools[2].prepare({ key: 'start', scenario: baseline, masterSeed: 2, sampleSize: 20 });
const startMs = now() - tStart;
for (const p of Object.values(pools)) await runMonteCarlo(baseline, { runs: 2_000, masterSeed: 2, pool: p });
const workerBest: Record<1 | 2, number> = { 1: Infinity, 2: Infinity };
// CPU time this process got per wall second during the best run: what the shared machine actually gave us.
const coresUsed: Record<1 | 2, number> = { 1: 0, 2: 0 };
for (let i = 0; i < REPS; i++) {
  for (const w of [1, 2] as const) {
    const cpu0 = process.cpuUsage();
    const t = now();
    await runMonteCarlo(baseline, { runs: WORKER_RUNS, masterSeed: 3, pool: pools[w] });
    const wall = now() - t;
    const cpu = process.cpuUsage(cpu0);
    if (wall < workerBest[w]) {
      workerBest[w] = wall;
      coresUsed[w] = (cpu.user + cpu.system) / 1000 / wall;
    }
  }
}
const BIG = 100_000;
const tWarm = now();
await runMonteCarlo(baseline, { runs: BIG, masterSeed: 4, pool: pools[2] });
const bigWarmMs = now() - tWarm;
await Promise.all(Object.values(pools).map((p) => p.close()));
const t100 = now();
const big = await runWithThreads(baseline, { runs: BIG, masterSeed: 4, workers: 2 });
const bigMs = now() - t100;

// 5. Peak memory in fresh processes.
const memory = (runs: number) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', new URL('./memory-child.ts', import.meta.url).pathname, String(runs), '2'], { encoding: 'utf8' })) as {
    runs: number;
    seconds: number;
    maxRssKb: number;
  };
const memSmall = memory(10_000);
const memLarge = memory(QUICK ? 100_000 : 1_000_000);

const cpu = cpus()[0]?.model ?? 'unknown';
say(`# Monte Carlo benchmark${QUICK ? ' (quick)' : ''}`);
say('');
say(`Date: ${new Date().toISOString().slice(0, 10)}. Machine: Node ${process.version}, ${availableParallelism()} cores, ${cpu}, load average ${fmt(load, 2)} at start (shared machine).`);
say(`Baseline scenario (scenarios/baseline.yaml), ${H} periods. Figures are best of ${REPS} interleaved repetitions; ratios come from this one run.`);
say('');
say('| Figure | Value | Target |');
say('|---|---|---|');
say(`| Engine, one core (worker bundle): run-periods per second | ${fmt(enginePeriodsPerS)} (${fmt(enginePeriodsPerS / H)} runs/s) | |`);
say(`| Batch layer in one thread (worker bundle): run-periods per second | ${fmt((ENGINE_RUNS * H * 1000) / batchBest)} (summaries cost ${fmt((batchBest / engineBest - 1) * 100, 0)}% on top of the engine) | |`);
if (bundled.previousMs !== undefined) {
  say(`| Previous engine (${PREVIOUS_ENGINE}), same bundle kind and runs: run-periods per second | ${fmt((ENGINE_RUNS * H * 1000) / bundled.previousMs)} (today's engine takes ${fmt(engineBest / bundled.previousMs, 2)}x its time) | no slower |`);
} else say(`| Previous engine (${PREVIOUS_ENGINE}) | not in this clone | |`);
for (const p of bundled.plan) say(`| Plan solve (once per runner, design and type), type ${p.type} | ${fmt(p.constructMs + p.allLayersMs, 1)} ms (${p.layersUsed} of ${p.units * 3} layers used by 2,000 runs) | |`);
say(`| Random draws per run (mean, addressed chance) | ${fmt(totalDraws / ENGINE_RUNS, 1)} | |`);
say(`| Engine time / random-number floor (key + same draws) | ${fmt(engineBest / floorBest, 2)}x | <= 5x |`);
say(`| The same, sources run through tsx in the main thread (reference) | ${fmt(viaTsx.engineMs / viaTsx.floorMs, 2)}x (engine ${fmt((viaTsx.engineMs * 1000) / ENGINE_RUNS, 1)} us/run bundled ${fmt((engineBest * 1000) / ENGINE_RUNS, 1)} us/run) | |`);
say(`| Alea draws per second | ${fmt((DRAWS * 1000) / aleaMs)} | |`);
say(`| ARC4 (seedrandom default) draws per second | ${fmt((DRAWS * 1000) / arc4Ms)} (Alea is ${fmt(arc4Ms / aleaMs, 1)}x faster: engine keeps Alea) | |`);
say(`| 1 worker thread: runs per second (warm pool, ${fmt(WORKER_RUNS)} runs) | ${fmt((WORKER_RUNS * 1000) / workerBest[1])} (process got ${fmt(coresUsed[1], 2)} cores) | |`);
say(`| 2 worker threads: runs per second (warm pool) | ${fmt((WORKER_RUNS * 1000) / workerBest[2])} (process got ${fmt(coresUsed[2], 2)} cores) | |`);
say(`| Speedup of 2 workers over 1 (wall clock) | ${fmt(workerBest[1] / workerBest[2], 2)}x | >= 1.7x |`);
const perCpu = (w: 1 | 2) => (WORKER_RUNS * 1000) / workerBest[w] / coresUsed[w];
say(`| Runs per CPU-second, 2 workers / 1 worker (scaling efficiency; x2 = speedup with 2 free cores) | ${fmt(perCpu(2) / perCpu(1), 2)} | |`);
say(`| Pool start, 2 workers (bundle, threads, scenario) | ${fmt(startMs / 1000, 2)} s | |`);
say(`| ${fmt(BIG)} runs x ${H} periods, 2 workers, end to end (pool start included) | ${fmt(bigMs / 1000, 2)} s (${fmt((big.runs * 1000) / bigMs)} runs/s) | < 10 s |`);
say(`| ${fmt(BIG)} runs x ${H} periods, 2 workers already started | ${fmt(bigWarmMs / 1000, 2)} s | |`);
say(`| Peak memory (maxRSS), ${fmt(memSmall.runs)} runs, 2 workers | ${fmt(memSmall.maxRssKb / 1024, 1)} MB (${fmt(memSmall.seconds, 1)} s) | |`);
say(`| Peak memory (maxRSS), ${fmt(memLarge.runs)} runs, 2 workers | ${fmt(memLarge.maxRssKb / 1024, 1)} MB (${fmt(memLarge.seconds, 1)} s) | |`);
say(`| Peak memory ratio, ${fmt(memLarge.runs)} / ${fmt(memSmall.runs)} runs | ${fmt(memLarge.maxRssKb / memSmall.maxRssKb, 3)} | <= 1.10 |`);
say('');
if (sink === 0.5) say('');

// 6. Analysis algorithms (bench/analysis.ts).
for (const l of analysisBench(QUICK)) say(l);
for (const l of gamesBench(QUICK)) say(l);

if (!QUICK) {
  const notes = readFileSync(new URL('./RESULTS.md', import.meta.url), 'utf8').split('<!-- notes -->')[1] ?? '\n';
  writeFileSync(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n<!-- notes -->${notes}`);
  console.log('wrote bench/RESULTS.md');
}

// 6. Experiments: overhead over a plain batch, memory with many points, rows written per second (bench/EXPERIMENTS.md).
await import('./experiments.ts');

// 7. Negotiation: a 100-design zone of agreement at 500 runs per design on 2 workers (bench/NEGOTIATION.md).
await import('./negotiation.ts');
// 7. The issue-13 analysis: a Sobol' analysis of 409,600 runs against a plain batch (bench/ANALYSIS.md).
await import('./analysis-runs.ts');
