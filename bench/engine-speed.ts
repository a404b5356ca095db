/**
 * Engine speed against the random-number floor, measured where it is called from
 * (bench/run.ts calls it in a bundled worker thread, the code the pool runs, and
 * in its own thread through tsx for reference), and against the previous engine.
 *
 * The floor: the draws each run makes (the runner counts them), then the time to
 * key the same chance source and draw the same counts from it (chance.ts: one Alea
 * seeding and hashed addresses). Engine, floor, the batch layer and the previous
 * engine are timed in interleaved repetitions, best of each, so a busy machine
 * slows all of them alike.
 */
import type { Scenario } from '../src/scenario/schema.ts';
import { createRunner } from '../src/engine/simulate.ts';
import { Chance, PURPOSE } from '../src/engine/chance.ts';
import { runSeed } from '../src/engine/rng.ts';
import { createInThreadPool, runMonteCarlo } from '../src/montecarlo/index.ts';

export interface EngineSpeed {
  runs: number;
  engineMs: number;
  floorMs: number;
  batchMs: number;
  drawsPerRun: number;
  /** The previous engine (bench/previous-engine.ts) on the same runs, if its bundle was given. */
  previousMs?: number;
}

interface PreviousEngine {
  createRunner(s: Scenario): { run(seed: string): { summary: { meanNeedMet: number } } };
}

export async function measureEngineSpeed(scenario: Scenario, runs: number, reps: number, previousBundle?: string | null): Promise<EngineSpeed> {
  const runner = createRunner(scenario);
  const draws = new Int32Array(runs);
  for (let i = 0; i < runs; i++) {
    runner.run(runSeed(1, i));
    draws[i] = runner.drawsInLastRun!();
  }
  let previous: ReturnType<PreviousEngine['createRunner']> | undefined;
  if (previousBundle) {
    const mod = { exports: {} as PreviousEngine };
    new Function('module', 'exports', 'require', previousBundle)(mod, mod.exports, typeof require === 'function' ? require : undefined);
    previous = mod.exports.createRunner(scenario);
  }
  let sink = 0;
  const now = () => performance.now();
  const engine = () => {
    const t = now();
    for (let i = 0; i < runs; i++) sink += runner.run(runSeed(1, i)).summary.meanNeedMet;
    return now() - t;
  };
  const old = () => {
    const t = now();
    for (let i = 0; i < runs; i++) sink += previous!.run(runSeed(1, i)).summary.meanNeedMet;
    return now() - t;
  };
  const ch = new Chance();
  const floor = () => {
    const t = now();
    // Summed in a local: adding every draw to the shared `sink` (a closure variable, so a boxed
    // number) would make the floor slower than drawing is, which flatters the ratio.
    let local = 0;
    for (let i = 0; i < runs; i++) {
      ch.reseed(runSeed(1, i));
      for (let k = draws[i]; k > 0; k--) local += ch.uniform(PURPOSE.verifierDetect, k & 15, k >> 4);
    }
    sink += local;
    return now() - t;
  };
  // One in-thread pool for every repetition: its chunk service keeps the solved plans
  // (src/engine/deterrence/plan-cache.ts), so the best repetition times the batch layer and the
  // engine, not the plan solve (bench/plan-solve.ts times that on its own line).
  const pool = createInThreadPool();
  const batch = async () => {
    const t = now();
    await runMonteCarlo(scenario, { runs, masterSeed: 1, sampleSize: 20, pool });
    return now() - t;
  };
  const best: EngineSpeed = { runs, engineMs: Infinity, floorMs: Infinity, batchMs: Infinity, drawsPerRun: draws.reduce((a, b) => a + b, 0) / runs };
  if (previous) best.previousMs = Infinity;
  for (let r = 0; r < reps; r++) {
    best.engineMs = Math.min(best.engineMs, engine());
    if (previous) best.previousMs = Math.min(best.previousMs!, old());
    best.floorMs = Math.min(best.floorMs, floor());
    best.batchMs = Math.min(best.batchMs, await batch());
  }
  // Keeps the timed loops from being optimised away.
  if (sink === 0.5) console.log('');
  return best;
}
