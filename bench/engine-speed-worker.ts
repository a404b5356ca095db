// Worker-thread entry for bench/run.ts: measures the engine in the same kind of
// bundle the Monte Carlo pool's workers run (src/node/worker-bundle.ts), beside the
// previous engine's bundle when bench/run.ts passes one.
import { parentPort, workerData } from 'node:worker_threads';
import { measureEngineSpeed } from './engine-speed.ts';
import { measurePlanSolve } from './plan-solve.ts';

const { scenario, runs, reps, previousBundle } = workerData;
// No top-level await: the bundle is a CommonJS script.
void measureEngineSpeed(scenario, runs, reps, previousBundle).then((speed) => parentPort!.postMessage({ ...speed, plan: measurePlanSolve(scenario, reps, 2_000) }));
