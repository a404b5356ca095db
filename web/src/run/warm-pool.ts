import { PoolAbortedError, type MonteCarloPool } from '../../../src/montecarlo/index.ts';

/**
 * A view of a worker pool whose cancel leaves the workers running: the calls in
 * flight are rejected at once (PoolAbortedError, as after a real cancel) and their
 * results dropped when they come, but no worker is terminated, so the next batch
 * starts on warm workers (loaded bundle, compiled engine code) instead of new ones.
 * A worker finishes the chunk it is on first, so a stale batch costs at most the
 * chunks it had in flight: previews use small chunks for that reason. Full runs use
 * the pool itself, whose cancel stops the workers at once.
 *
 * @example
 *   const warm = keepWorkersOnCancel(createBrowserPool());
 *   await runMonteCarlo(scenario, { runs: 2000, masterSeed: 1, pool: warm, signal });
 */
export function keepWorkersOnCancel(pool: MonteCarloPool): MonteCarloPool {
  /** Bumped by cancel: a call of an earlier generation is stale. */
  let generation = 0;
  const stale = new Set<(e: Error) => void>();
  return {
    size: pool.size,
    prepare: (batch) => pool.prepare(batch),
    runChunk(chunk) {
      const mine = generation;
      return new Promise((resolve, reject) => {
        stale.add(reject);
        pool.runChunk(chunk).then(
          (outcome) => {
            stale.delete(reject);
            if (mine === generation) resolve(outcome);
          },
          (e: unknown) => {
            stale.delete(reject);
            reject(e);
          },
        );
      });
    },
    async cancel() {
      generation++;
      for (const reject of stale) reject(new PoolAbortedError());
      stale.clear();
    },
    close: () => pool.close(),
  };
}
