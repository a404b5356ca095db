import type { CompiledScenario } from './compile.ts';

/**
 * The one detection model. The verifier's draw, the coalition's report likelihood,
 * the target's expectation and the dispute's second look all call these functions,
 * so they cannot disagree (test/engine/detection.test.ts checks each against what the
 * verifier does).
 *
 * A violation that is reported honestly shows in the statistics: any inspection with
 * access sees it. Gamed statistics hide it: an inspection finds it with probability
 * p x access x verifiability of the benchmark, and an independent cross-check of the
 * statistics with probability c x access.
 */

/** Share of sites and data inspectors reach this period: the design's access, scaled by a denial shock. */
export function accessNow(c: CompiledScenario, accessMult: number): number {
  return c.verification.access * accessMult;
}

/** Chance that one inspection at `access` exposes a hidden violation on benchmark b. */
export function inspectionCatchProbability(c: CompiledScenario, b: number, access: number, gamed: boolean): number {
  if (access <= 0) return 0;
  if (!gamed) return 1;
  const inspected = c.verification.detectionProbability * access * c.benchVerifiability[b];
  const crossChecked = c.verification.crossCheckProbability * access;
  return 1 - (1 - inspected) * (1 - crossChecked);
}

/**
 * Chance per period that a violation the target starts now on benchmark b is
 * exposed this period, as the target expects it: it games its statistics with its
 * type's propensity, and inspections come every `inspectionIntervalPeriods`.
 */
export function targetDetectionPerPeriod(c: CompiledScenario, b: number, access: number, gamingPropensity: number): number {
  const g = gamingPropensity;
  const caught = g * inspectionCatchProbability(c, b, access, true) + (1 - g) * inspectionCatchProbability(c, b, access, false);
  return caught / c.verification.inspectionIntervalPeriods;
}

/**
 * The coalition's likelihood that an inspection report is flagged, for a target in
 * violation: it cannot tell which benchmark or whether the statistics were gamed, so
 * it takes a gamed violation on a benchmark drawn by weight (the hard case; an honest
 * drop is always seen). Used in the Bayes update and in the target's reckoning of the
 * belief a detection would leave.
 */
export function flagProbabilityIfViolating(c: CompiledScenario, access: number): number {
  let p = 0;
  for (let b = 0; b < c.nBenchmarks; b++) p += c.benchWeight[b] * inspectionCatchProbability(c, b, access, true);
  return Math.min(1, p);
}

/** A clean inspection's chance of a false alarm. */
export function falseAlarmProbability(c: CompiledScenario): number {
  return c.verification.falseAlarmProbability;
}

/**
 * The second look at the end of a dispute window: a benchmark still in violation is
 * confirmed as an inspection would find it (an openly short level always, gamed
 * statistics with the inspection's chance); a target that cured or never violated is
 * wrongly confirmed with the false-alarm probability.
 * `violating[b]`: 0 none, 1 openly short, 2 hidden behind gamed statistics.
 */
export function secondLookUpholdProbability(c: CompiledScenario, disputed: ArrayLike<number>, violating: ArrayLike<number>, access: number): number {
  let missAll = 1;
  let any = false;
  for (let b = 0; b < c.nBenchmarks; b++) {
    if (!disputed[b] || violating[b] === 0) continue;
    any = true;
    missAll *= 1 - inspectionCatchProbability(c, b, access, violating[b] === 2);
  }
  return any ? 1 - missAll : c.verification.falseAlarmProbability;
}
