import seedrandom from 'seedrandom';

/**
 * A seeded generator for code outside the engine's run (samplers, tests). The
 * engine itself draws only through addressed substreams (chance.ts). seedrandom's
 * Alea: in `npm run bench` it draws about 5x faster than the default ARC4 here.
 */
export type Rng = () => number;

export function createRng(seed: string): Rng {
  return seedrandom.alea(seed) as Rng;
}

/** Seed of run `runIndex` of a batch: derived before work is split, so any chunking gives the same runs. */
export function runSeed(masterSeed: number, runIndex: number): string {
  return `${masterSeed}/${runIndex}`;
}

/** Value of an uncertain input stated as a number or a uniform range, from one uniform u. */
export function drawUncertain(x: number | { uniform: [number, number] }, u: number): number {
  if (typeof x === 'number') return x;
  const [a, b] = x.uniform;
  return a + (b - a) * u;
}

/**
 * Rounds x >= 0 to a whole number without bias: floor(x) + Bernoulli(frac(x)).
 * Keeps aid in whole kUSD (so sums are exact) while E[result] = x exactly.
 */
export function stochasticRound(x: number, u: number): number {
  const f = Math.floor(x);
  return u < x - f ? f + 1 : f;
}
