import type { Scenario } from '../scenario/schema.ts';
import { createRunner } from '../engine/simulate.ts';
import type { PlanSource } from '../engine/core.ts';
import { forEachRun } from '../montecarlo/run-loop.ts';
import { classifyEnding } from './ending.ts';

/**
 * The outcomes of a case's Monte Carlo batch that the comparison with history reads,
 * one entry per run, in run order. NaN means "never within the horizon" (no
 * collapse; full relief never reached) or "undefined" (no aid sent).
 */
export interface CaseSample {
  runs: number;
  masterSeed: number;
  horizonPeriods: number;
  collapsed: Uint8Array;
  collapsePeriod: Float64Array;
  timeToFullReliefPeriods: Float64Array;
  finalCompliance: Float64Array;
  /** Share of need met, averaged over the horizon. */
  meanNeedMet: Float64Array;
  /** Aid diverted / aid sent over the whole horizon. */
  divertedShare: Float64Array;
  /** Aid held up by over-compliance / aid sent over the whole horizon. */
  undeliveredShare: Float64Array;
  /** How each run ended: an index into HISTORICAL_ENDINGS (ending.ts). */
  ending: Uint8Array;
  /** Period of the last cut in relief in force (NaN: relief never fell). */
  lastCutPeriod: Float64Array;
  /** Relief in force in the last period. */
  finalRelief: Float64Array;
  /** First release period of each tranche (NaN: never), tranche-major: releasePeriod[k * runs + i]. */
  releasePeriod: Float64Array;
}

export interface CaseSampleOptions {
  runs: number;
  masterSeed: number;
  /** Called every `progressEvery` runs and once at the end with the runs done so far. */
  onProgress?: (runsDone: number) => void;
  progressEvery?: number;
  /** The target's plans from a cache across samples (engine/deterrence/plan-cache.ts) instead of solving them here. */
  plans?: PlanSource;
}

/**
 * Runs a case `runs` times, run i with seed runSeed(masterSeed, i), serially in this
 * thread, through the one run loop of batches and experiments (src/montecarlo/run-loop.ts:
 * the same seeds and engine runs as a batch or an experiment point). A pure function of
 * (scenario, runs, masterSeed): the same arguments give the same sample bit for bit.
 * Not runExperiment: the cases page is built synchronously (a case is a few thousand
 * runs), and it reads the aid sent, diverted and held up over the horizon, which are
 * per-period series rather than run-summary outcomes an experiment keeps.
 *
 * @throws Error if runs is not a whole number >= 1.
 */
export function runCaseSample(scenario: Scenario, options: CaseSampleOptions): CaseSample {
  const { runs, masterSeed } = options;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runCaseSample: runs ${runs} is not a whole number >= 1`);
  const every = options.progressEvery ?? 250;
  const runner = createRunner(scenario, undefined, { plans: options.plans });
  const H = scenario.horizonPeriods;
  const out: CaseSample = {
    runs,
    masterSeed,
    horizonPeriods: H,
    collapsed: new Uint8Array(runs),
    collapsePeriod: new Float64Array(runs),
    timeToFullReliefPeriods: new Float64Array(runs),
    finalCompliance: new Float64Array(runs),
    meanNeedMet: new Float64Array(runs),
    divertedShare: new Float64Array(runs),
    undeliveredShare: new Float64Array(runs),
    ending: new Uint8Array(runs),
    lastCutPeriod: new Float64Array(runs),
    finalRelief: new Float64Array(runs),
    releasePeriod: new Float64Array(runs * scenario.design.tranches.length),
  };
  forEachRun(runner, masterSeed, 0, runs, (r, i) => {
    // The runner reuses its arrays on the next call: read everything now.
    out.collapsed[i] = r.summary.collapsed;
    out.collapsePeriod[i] = r.summary.collapsePeriod;
    out.timeToFullReliefPeriods[i] = r.summary.timeToFullReliefPeriods;
    out.finalCompliance[i] = r.summary.finalCompliance;
    out.meanNeedMet[i] = r.summary.meanNeedMet;
    let sent = 0;
    let diverted = 0;
    let undelivered = 0;
    for (let t = 0; t < H; t++) {
      sent += r.series.aidSent[t];
      diverted += r.series.aidDiverted[t];
      undelivered += r.series.aidUndelivered[t];
    }
    out.divertedShare[i] = sent > 0 ? diverted / sent : NaN;
    out.undeliveredShare[i] = sent > 0 ? undelivered / sent : NaN;
    const end = classifyEnding(r.series.reliefInForce, r.summary.collapsed === 1);
    out.ending[i] = end.index;
    out.lastCutPeriod[i] = end.lastCutPeriod;
    out.finalRelief[i] = end.finalRelief;
    r.trancheReleasePeriods.forEach((p, k) => (out.releasePeriod[k * runs + i] = p < 0 ? NaN : p));
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === runs)) options.onProgress(i + 1);
  });
  return out;
}
