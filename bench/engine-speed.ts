/**
 * Engine speed against the random-number floor, measured where it is called from
 * (bench/run.ts calls it in a bundled worker thread, the code the pool runs, and
 * in its own thread through tsx for reference).
 *
 * The floor: the draws each run makes (counted by wrapping seedrandom's Alea where
 * the engine gets it), then the time to seed the same generators and draw the same
 * counts. Engine, floor and the batch layer are timed in interleaved repetitions,
 * best of each, so a busy machine slows all three alike.
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../src/scenario/schema.ts';
import { createRunner } from '../src/engine/simulate.ts';
import { runSeed } from '../src/engine/rng.ts';
import { runMonteCarlo } from '../src/montecarlo/index.ts';

export interface EngineSpeed {
  runs: number;
  engineMs: number;
  floorMs: number;
  batchMs: number;
  drawsPerRun: number;
}

export async function measureEngineSpeed(scenario: Scenario, runs: number, reps: number): Promise<EngineSpeed> {
  const runner = createRunner(scenario);
  const realAlea = seedrandom.alea;
  const draws = new Int32Array(runs);
  let current = 0;
  (seedrandom as { alea: unknown }).alea = (seed: string) => {
    const g = realAlea(seed);
    return () => {
      draws[current]++;
      return g();
    };
  };
  try {
    for (let i = 0; i < runs; i++) {
      current = i;
      runner.run(runSeed(1, i));
    }
  } finally {
    (seedrandom as { alea: unknown }).alea = realAlea;
  }
  let sink = 0;
  const now = () => performance.now();
  const engine = () => {
    const t = now();
    for (let i = 0; i < runs; i++) sink += runner.run(runSeed(1, i)).summary.meanNeedMet;
    return now() - t;
  };
  const floor = () => {
    const t = now();
    // Summed in a local: adding every draw to the shared `sink` (a closure variable, so a boxed
    // number) made the floor about 35% slower than drawing is, which flattered the ratio.
    let local = 0;
    for (let i = 0; i < runs; i++) {
      const g = realAlea(runSeed(1, i));
      for (let k = draws[i]; k > 0; k--) local += g();
    }
    sink += local;
    return now() - t;
  };
  const batch = async () => {
    const t = now();
    await runMonteCarlo(scenario, { runs, masterSeed: 1, sampleSize: 20 });
    return now() - t;
  };
  const best = { runs, engineMs: Infinity, floorMs: Infinity, batchMs: Infinity, drawsPerRun: draws.reduce((a, b) => a + b, 0) / runs };
  for (let r = 0; r < reps; r++) {
    best.engineMs = Math.min(best.engineMs, engine());
    best.floorMs = Math.min(best.floorMs, floor());
    best.batchMs = Math.min(best.batchMs, await batch());
  }
  // Keeps the timed loops from being optimised away.
  if (sink === 0.5) console.log('');
  return best;
}
