import type { CompiledScenario } from '../engine/compile.ts';
import { fillValueGaps, newDeterrenceScratch, type DeterrenceScratch } from '../engine/deterrence/stakes.ts';
import { newVoteRoll } from '../engine/actors/coalition/vote.ts';
import type { CapturedState } from './compliant-path.ts';

/**
 * A moment of the schedule as the audit re-evaluates it: the run states (read-only
 * deterrence views) that the type's compliant-path runs were in at one period. The
 * engine's value gaps at these views, averaged over the runs, are the audit's margin
 * there; under a changed design (another detection probability, discount factor,
 * tranche size, penalty) the same states are re-valued with the changed design's
 * numbers, the path itself held fixed.
 */
export interface Moment {
  typeIndex: number;
  period: number;
  views: readonly CapturedState[];
  /** Scratch per compiled design, kept with the moment so each design's plans are solved once. */
  scratches: WeakMap<CompiledScenario, DeterrenceScratch>;
}

/** The moment's scratch for a compiled design: it keeps the target's plan per type, solved once (an MDP), for every view. */
function scratchFor(moment: Moment, c: CompiledScenario, voting: Uint8Array, hawk: Float64Array): DeterrenceScratch {
  let x = moment.scratches.get(c);
  if (!x) moment.scratches.set(c, (x = newDeterrenceScratch(c)));
  // The vote roll as the run had it (who still votes, each member's hawkishness), under `c`'s rule.
  const cons = c.consequences;
  x.roll = newVoteRoll(cons.trigger, cons.discretionaryBeliefThreshold, voting, c.memberWeight, hawk, c.memberVoteCeiling);
  return x;
}

/** Mean over the moment's runs of the engine's V_comply - V_cheat per benchmark, for the compiled design `c`. */
export function meanGapsAt(c: CompiledScenario, moment: Moment): Float64Array {
  const B = c.nBenchmarks;
  const sum = new Float64Array(B);
  const out = new Float64Array(B);
  const type = c.types[moment.typeIndex];
  for (const { view, voting, hawk } of moment.views) {
    // The view's type valued with `c`'s numbers.
    fillValueGaps(c, { ...view, type }, scratchFor(moment, c, voting, hawk), out);
    for (let b = 0; b < B; b++) sum[b] += out[b];
  }
  return sum.map((x) => x / Math.max(1, moment.views.length));
}

/** The moment's margin under `c`: the smallest mean gap over the benchmarks. */
export function momentMarginOf(c: CompiledScenario, moment: Moment): number {
  return Math.min(...meanGapsAt(c, moment));
}

/**
 * The moment's margin in the run at the q-quantile (default 0.05): each run's smallest
 * gap over the benchmarks, sorted, the value below which a share q of the runs lie. A
 * fix that makes it non-negative closes the moment in at least 1 - q of the runs, not
 * only on average.
 */
export function momentQuantileMarginOf(c: CompiledScenario, moment: Moment, q = 0.05): number {
  const B = c.nBenchmarks;
  const out = new Float64Array(B);
  const type = c.types[moment.typeIndex];
  const perRun = moment.views.map(({ view, voting, hawk }) => {
    fillValueGaps(c, { ...view, type }, scratchFor(moment, c, voting, hawk), out);
    return Math.min(...out);
  });
  if (perRun.length === 0) return NaN;
  perRun.sort((a, b) => a - b);
  return perRun[Math.min(perRun.length - 1, Math.floor(q * perRun.length))];
}
