// Worker-thread entry for bench/engine-only.ts: the engine's speed and the plan's solve cost in the pool's kind of bundle.
import { parentPort, workerData } from 'node:worker_threads';
import { measureEngineSpeed } from './engine-speed.ts';
import { measurePlanSolve } from './plan-solve.ts';

const { scenario, runs, reps, previousBundle } = workerData;
// No top-level await: the bundle is a CommonJS script.
void measureEngineSpeed(scenario, runs, reps, previousBundle).then((speed) => parentPort!.postMessage({ speed, plan: measurePlanSolve(scenario, reps, 2_000) }));
