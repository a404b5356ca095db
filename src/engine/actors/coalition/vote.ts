import { TRIGGER } from '../../compile.ts';

/**
 * The votes that decide a re-imposition: each member's vote model (the default
 * member policy votes by it, and the target and the leverage measure reckon with
 * it), the exact chance that the trigger rule fires, and the tally of cast votes.
 */

/** Chance a voting member votes to re-impose: hawks always, others as far as they doubt sincerity; never above its ceiling. */
export function voteProbability(hawkishness: number, belief: number, ceiling = 1): number {
  return Math.min(ceiling, hawkishness + (1 - hawkishness) * (1 - belief));
}

export type TriggerRule = keyof typeof TRIGGER;
export { TRIGGER };

/**
 * Who decides a re-imposition and how: the rule (a TRIGGER index), the discretionary
 * belief threshold, and the members' votes (`voting`: still in the deal), weights,
 * hawkishness and vote ceilings. The arrays are the run's own, read live. The rest
 * is scratch owned by one runner, so the per-period sum allocates nothing:
 * `patterns` (length >= 2^members) holds the probability of each vote pattern, and
 * `winning` the patterns that carry a majority for the voting set `winningFor`
 * (a bitmask of voting members; -1 before the first use). Weights never change, so
 * that list is rebuilt only when the voting set does.
 */
export interface VoteRoll {
  rule: number;
  discretionaryThreshold: number;
  voting: Uint8Array;
  weight: Float64Array;
  hawk: Float64Array;
  ceiling: Float64Array;
  patterns: Float64Array;
  winning: Int32Array;
  nWinning: number;
  winningFor: number;
}

export function newVoteRoll(rule: number, discretionaryThreshold: number, voting: Uint8Array, weight: Float64Array, hawk: Float64Array, ceiling: Float64Array): VoteRoll {
  const n = 1 << weight.length;
  return { rule, discretionaryThreshold, voting, weight, hawk, ceiling, patterns: new Float64Array(n), winning: new Int32Array(n), nWinning: 0, winningFor: -1 };
}

/**
 * Probability the trigger fires, exactly. Only members still in the deal vote
 * (`voting`: not eased, not exited). Members vote independently, so we sum over
 * the 2^k vote patterns of the k voting members (k <= 12 by the schema). Used for
 * snapback credibility and by the target's deterrence calculation, every period.
 */
export function triggerProbability(roll: VoteRoll, belief: number): number {
  const { rule, discretionaryThreshold, voting, weight, hawk, ceiling } = roll;
  if (rule === TRIGGER.automatic) return 1;
  if (rule === TRIGGER.none) return 0;
  if (rule === TRIGGER.discretionary) return belief < discretionaryThreshold ? 1 : 0;
  const m = weight.length;
  if (rule === TRIGGER.unilateral) {
    let none = 1;
    for (let i = 0; i < m; i++) if (voting[i]) none *= 1 - voteProbability(hawk[i], belief, ceiling[i]);
    return 1 - none;
  }
  let votingWeight = 0;
  let votingSet = 0;
  for (let i = 0; i < m; i++) {
    if (!voting[i]) continue;
    votingWeight += weight[i];
    votingSet |= 1 << i;
  }
  if (votingWeight <= 0) return 0;
  if (rule === TRIGGER.unanimity) {
    let pr = 1;
    for (let i = 0; i < m; i++) if (voting[i]) pr *= voteProbability(hawk[i], belief, ceiling[i]);
    return pr;
  }
  if (votingSet !== roll.winningFor) findWinningPatterns(roll, votingSet, votingWeight);
  // Pattern j over the first voters, extended by the next voter's yes (j + size) or no (j).
  // Each pattern's probability is the product of its voters' factors in member order.
  const patterns = roll.patterns;
  patterns[0] = 1;
  let size = 1;
  for (let i = 0; i < m; i++) {
    if (!voting[i]) continue;
    const yes = voteProbability(hawk[i], belief, ceiling[i]);
    const no = 1 - yes;
    for (let j = 0; j < size; j++) {
      const before = patterns[j];
      patterns[j + size] = before * yes;
      patterns[j] = before * no;
    }
    size <<= 1;
  }
  let total = 0;
  for (let w = 0; w < roll.nWinning; w++) total += patterns[roll.winning[w]];
  return total;
}

/** The vote patterns (voters in member order, bit j = j-th voter says yes) whose yes weight is a majority, in increasing order. */
function findWinningPatterns(roll: VoteRoll, votingSet: number, votingWeight: number): void {
  const yesWeight = roll.patterns;
  yesWeight[0] = 0;
  let size = 1;
  for (let i = 0; i < roll.weight.length; i++) {
    if (!(votingSet & (1 << i))) continue;
    for (let j = 0; j < size; j++) yesWeight[j + size] = yesWeight[j] + roll.weight[i];
    size <<= 1;
  }
  let n = 0;
  for (let mask = 0; mask < size; mask++) if (yesWeight[mask] > 0.5 * votingWeight) roll.winning[n++] = mask;
  roll.nWinning = n;
  roll.winningFor = votingSet;
}

/**
 * Whether the cast votes carry the rule: `yes[i]` is member i's vote (only members
 * still voting count). Automatic, discretionary and no-trigger rules take no votes.
 */
export function tallyVotes(roll: VoteRoll, yes: ArrayLike<number>): boolean {
  const { rule, voting, weight } = roll;
  let votingWeight = 0;
  let yesWeight = 0;
  for (let i = 0; i < weight.length; i++) {
    if (!voting[i]) continue;
    votingWeight += weight[i];
    if (yes[i]) yesWeight += weight[i];
  }
  if (votingWeight <= 0) return false;
  if (rule === TRIGGER.unilateral) return yesWeight > 0;
  return rule === TRIGGER.unanimity ? yesWeight >= votingWeight - 1e-12 : yesWeight > 0.5 * votingWeight;
}

/** Rules whose decision is the members' votes (the others are the lead's, or none). */
export function rulesByVote(rule: number): boolean {
  return rule === TRIGGER.majority || rule === TRIGGER.unanimity || rule === TRIGGER.unilateral;
}
