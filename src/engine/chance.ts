import seedrandom from 'seedrandom';

/**
 * Chance as explicit, addressed substreams. Every random number a run uses is a pure
 * function of (run key, purpose, actor, period, index): a draw is looked up by its
 * address, not taken from one shared sequence. So a lever changes only the draws it
 * should: two designs that differ only in detection probability still share every
 * draw of type, resolve, shocks and the target's own choices, even when one of them
 * takes a branch that draws more (common random numbers across design points).
 *
 * The run key is derived once per run from the seed string with seedrandom's Alea
 * (chosen by benchmark: about 5x faster to seed and draw than ARC4 here). Draws are
 * then a counter-based hash of the address (two rounds of Wellons' lowbias32 mixer
 * over the 64-bit key): no generator state, nothing to seed per stream, and the same
 * 32-bit resolution as Alea's output.
 */

/** What a draw is for. Appending is safe; renumbering changes every run. */
export const PURPOSE = {
  targetType: 1,
  memberResolve: 2,
  shockSchedule: 3,
  trancheClearance: 4,
  regimeType: 5,
  electionSign: 6,
  targetPolicy: 7,
  targetGaming: 8,
  verifierDetect: 9,
  verifierCrossCheck: 10,
  verifierFalseAlarm: 11,
  verifierFalseAlarmBenchmark: 12,
  secondLook: 13,
  memberPolicy: 14,
  coalitionPolicy: 15,
  aidSplit: 16,
  sunsetLapse: 17,
  verifierPolicy: 18,
  aidPolicy: 19,
  shockFollows: 20,
} as const;
export type Purpose = (typeof PURPOSE)[keyof typeof PURPOSE];

const TWO_TO_MINUS_32 = 1 / 4294967296;

function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * The chance source of one run. `uniform` is the only way the engine gets a random
 * number; `draws` counts them (for the benchmark's random-number floor).
 */
export class Chance {
  private k0 = 0;
  private k1 = 0;
  draws = 0;

  /** Re-keys this source for a run's seed (one Alea construction, two outputs). */
  reseed(seed: string): this {
    const g = seedrandom.alea(seed);
    this.k0 = g.int32() >>> 0;
    this.k1 = g.int32() >>> 0;
    this.draws = 0;
    return this;
  }

  /**
   * A uniform number in [0, 1) at address (purpose, actor, period, index). The same
   * address always gives the same number within a run.
   */
  uniform(purpose: Purpose, actor: number, period: number, index = 0): number {
    this.draws++;
    let h = lowbias32(this.k0 ^ Math.imul(purpose, 0x9e3779b9) ^ (actor << 8));
    h = lowbias32(h ^ this.k1 ^ Math.imul(period + 1, 0x85ebca6b));
    h = lowbias32(h ^ Math.imul(index + 1, 0xc2b2ae35));
    return h * TWO_TO_MINUS_32;
  }
}

/** A Chance keyed for one seed. */
export function chanceFor(seed: string): Chance {
  return new Chance().reseed(seed);
}

/** Fire-once period of a hazard with chance h per period, from one uniform (geometric); Infinity if never. */
export function geometricPeriod(h: number, u: number): number {
  return h <= 0 ? Infinity : h >= 1 ? 0 : Math.floor(Math.log(1 - u) / Math.log(1 - h));
}
