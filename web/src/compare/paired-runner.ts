import { createBrowserExperimentRunner } from '../../../src/browser/index.ts';
import { pairedExperiment, pairedFromPoints, type PairedDifferences, type Scenario } from '../../../src/index.ts';

/**
 * The comparison's paired differences: the designs run as the points of one
 * experiment on common random numbers, in the experiment worker
 * (src/browser/experiment-runner.ts: off the page thread, one chunk worker per
 * core), started on the first comparison and kept for the page's lifetime.
 */
let runner: ReturnType<typeof createBrowserExperimentRunner> | undefined;

export async function pairedInWorkers(
  designs: readonly { name: string; scenario: Scenario }[],
  o: { runs: number; masterSeed: number; signal: AbortSignal; onProgress: (done: number) => void },
): Promise<PairedDifferences> {
  runner ??= createBrowserExperimentRunner();
  const experiment = pairedExperiment(designs, o);
  const partial = await runner.run({ experiment }, { signal: o.signal, onProgress: (p) => o.onProgress(p.runsDone / p.runsRequested) });
  return pairedFromPoints(designs.map((d) => d.name), partial.points);
}
