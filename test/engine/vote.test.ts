import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { newVoteRoll, tallyVotes, triggerProbability, TRIGGER, voteProbability } from '../../src/engine/actors/coalition/vote.ts';

/**
 * The coalition's chance of voting to re-impose, checked against the definition:
 * sum, over every yes/no pattern of the voting members, of the pattern's probability
 * (factors multiplied in member order) where the yes weight is a majority. The
 * engine builds the pattern table incrementally and caches the winning patterns, so
 * this pins it to the plain enumeration bit for bit, and to drawn votes.
 */
function byDefinition(rule: number, voting: number[], weight: number[], hawk: number[], ceiling: number[], belief: number): number {
  const voters = voting.flatMap((v, i) => (v ? [i] : []));
  const total = voters.reduce((s, i) => s + weight[i], 0);
  if (total <= 0) return 0;
  let sum = 0;
  for (let mask = 0; mask < 1 << voters.length; mask++) {
    let pr = 1;
    let yes = 0;
    voters.forEach((i, j) => {
      const f = voteProbability(hawk[i], belief, ceiling[i]);
      if (mask & (1 << j)) {
        pr *= f;
        yes += weight[i];
      } else pr *= 1 - f;
    });
    if (rule === TRIGGER.majority ? yes > 0.5 * total : yes >= total - 1e-12) sum += pr;
  }
  return sum;
}

const member = fc.record({
  voting: fc.constantFrom(0, 1),
  weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
  hawk: fc.double({ min: 0, max: 1, noNaN: true }),
  ceiling: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('triggerProbability (majority vote)', () => {
  it('equals the enumeration of vote patterns bit for bit, as voters leave and rejoin between calls', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()), { minLength: 1, maxLength: 6 }), (members, calls) => {
        const voting = Uint8Array.from(members, (m) => m.voting);
        const weight = Float64Array.from(members, (m) => m.weight);
        const hawk = Float64Array.from(members, (m) => m.hawk);
        const ceiling = Float64Array.from(members, (m) => m.ceiling);
        const roll = newVoteRoll(TRIGGER.majority, 0, voting, weight, hawk, ceiling);
        for (const [belief, flip] of calls) {
          // The same roll across calls: its cached winning patterns must follow the voting set.
          voting[flip % members.length] ^= 1;
          expect(triggerProbability(roll, belief)).toBe(byDefinition(TRIGGER.majority, [...voting], [...weight], [...hawk], [...ceiling], belief));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('matches the frequency of drawn votes within 4 Monte Carlo standard errors', () => {
    const voting = Uint8Array.from([1, 1, 1, 0, 1]);
    const weight = Float64Array.from([0.4, 0.25, 0.15, 0.1, 0.1]);
    const hawk = Float64Array.from([0.5, 0.3, 0.1, 0.9, 0.2]);
    const ceiling = Float64Array.from([1, 1, 0.6, 1, 1]);
    const roll = newVoteRoll(TRIGGER.majority, 0, voting, weight, hawk, ceiling);
    const belief = 0.55;
    const p = triggerProbability(roll, belief);
    const rng = seedrandom.alea('votes');
    const n = 200_000;
    let fired = 0;
    // Each member casts its vote by its vote model (the default member policy's rule), the rule tallies them.
    const yes = new Uint8Array(weight.length);
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < weight.length; m++) yes[m] = rng() < voteProbability(hawk[m], belief, ceiling[m]) ? 1 : 0;
      if (tallyVotes(roll, yes)) fired++;
    }
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(fired / n - p)).toBeLessThan(4 * se);
  });
});
