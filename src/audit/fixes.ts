import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { applyLevers, resolveLever, type Lever } from '../scenario/levers.ts';
import { compileScenario, type CompiledScenario } from '../engine/compile.ts';
import { EVENT_INDEX } from '../engine/metrics.ts';
import { runSeed } from '../engine/rng.ts';
import { createRunner } from '../engine/simulate.ts';
import { pairedDifference, type PairedDifference } from '../stats/index.ts';
import { withBestResponse } from './compliant-path.ts';
import { momentMarginOf, momentQuantileMarginOf, type Moment } from './stage-view.ts';
import { smallestClosing } from './thresholds.ts';

/**
 * The smallest changes that close the weak link, each on one lever: the detection
 * probability, the weak tranche's size, the penalty for a published detection, or
 * delivering the weak tranche through escrow.
 * Each is found on the engine's value gaps at the weak moment (the compliant path's
 * run states there, re-valued under the changed design), so that complying pays in at
 * least 95% of those runs (the 5% quantile of the runs' margins is >= 0), and then re-checked by
 * simulation: best-response runs of the original and the fixed design on the same
 * seeds, compared run by run.
 */
export interface LeverChange {
  path: string;
  /** Keys and list indices from the scenario root (the lever's location), for editing a document in place. */
  location: (string | number)[];
  from: number | boolean | string;
  to: number | boolean | string;
}

export type FixKind = 'detection' | 'tranche-size' | 'penalty' | 'escrow';

export interface Fix {
  kind: FixKind;
  /** In words: what to change, by how much. */
  description: string;
  changes: LeverChange[];
  /** The weak moment's mean margin under the fixed design. */
  marginAfter: number;
  /** The margin in the run at the 5% quantile under the fixed design (>= 0: closed in at least 95% of the runs there). */
  quantileMarginAfter: number;
  /** The fixed scenario (valid), for running it. */
  scenario: Scenario;
}

export interface NoFix {
  kind: FixKind;
  /** Why this lever cannot close it. */
  reason: string;
}

/**
 * Fixes for the weak moment of `type` at the stage opened by `tranche` (null: the
 * start, when the first tranche is the one to resize). An empty `fixes` list with
 * reasons means no single lever in its range closes it.
 */
export function findFixes(scenario: Scenario, moment: Moment, tranche: string | null): { fixes: Fix[]; unavailable: NoFix[] } {
  const fixes: Fix[] = [];
  const unavailable: NoFix[] = [];
  // A fix must close the moment in at least 95% of the runs there, not only on average.
  const margin = (s: Scenario) => momentQuantileMarginOf(compileScenario(s), moment);
  const meanMargin = (s: Scenario) => momentMarginOf(compileScenario(s), moment);
  const add = (kind: FixKind, r: Fix | string) => (typeof r === 'string' ? unavailable.push({ kind, reason: r }) : fixes.push(r));

  // Detection: the smallest p at or above today's that closes it.
  const p0 = scenario.design.verification.detectionProbability;
  const pLever = resolveLever(scenario, 'design.verification.detectionProbability');
  const pAt = (x: number) => applyLevers(scenario, [pLever], [x]);
  const p = smallestClosing((x) => margin(pAt(x)), p0, 1);
  add('detection', p === null ? 'even a detection probability of 1 per inspection leaves cheating paying there' : fix('detection', `raise the detection probability per inspection from ${p0} to ${Math.min(1, round4(p))}`, [{ path: pLever.path, location: pLever.location, from: p0, to: Math.min(1, round4(p)) }], pAt(Math.min(1, round4(p))), margin, meanMargin));

  // Tranche size: scale the tranche's lifts (each capped at 1), nearest to today's size.
  const tr = scenario.design.tranches.find((t) => t.id === tranche) ?? scenario.design.tranches[0];
  const cats = Object.keys(tr.lifts).filter((k) => tr.lifts[k] > 0);
  if (cats.length === 0) add('tranche-size', `tranche ${tr.id} lifts nothing to resize`);
  else {
    const levers = cats.map((k) => resolveLever(scenario, `design.tranches[${tr.id}].lifts.${k}`));
    const sized = (f: number): Scenario | null => {
      try {
        return applyLevers(scenario, levers, cats.map((k) => Math.min(1, tr.lifts[k] * f)));
      } catch {
        return null; // a size the schema refuses (e.g. more than the whole category lifted)
      }
    };
    const fMax = 1 / Math.max(...cats.map((k) => tr.lifts[k]));
    const up = fMax > 1 ? smallestClosing((f) => marginOr(sized(f), margin), 1, fMax) : null;
    // Down: u = 1 - f, the smallest cut that closes it.
    const down = smallestClosing((u) => marginOr(sized(1 - u), margin), 0, 1);
    const fUp = up;
    const fDown = down === null ? null : 1 - down;
    const f = fUp !== null && (fDown === null || fUp - 1 <= 1 - fDown) ? fUp : fDown;
    const fr = f === null ? null : Math.min(fMax, round4(f, f >= 1 ? 'up' : 'down'));
    const s = fr === null ? null : sized(fr);
    if (fr === null || s === null) add('tranche-size', `no size of tranche ${tr.id} (0 to ${round4(fMax, 'down')} times today's) closes it`);
    else add('tranche-size', fix('tranche-size', `${fr >= 1 ? 'enlarge' : 'shrink'} tranche ${tr.id} to ${fr} times its size`, levers.map((l, i) => ({ path: l.path, location: l.location, from: tr.lifts[cats[i]], to: Math.min(1, tr.lifts[cats[i]] * fr) })), s, margin, meanMargin));
  }

  // Penalty: the reputational cost of a published detection (publishing detections if the design does not).
  const rv = scenario.design.reviews;
  const interval = scenario.design.verification.publicReportIntervalPeriods;
  const publishing: { lever: Lever; value: number | boolean }[] = [];
  if (!rv.publicReporting) publishing.push({ lever: resolveLever(scenario, 'design.reviews.publicReporting'), value: true });
  if (interval === 0) publishing.push({ lever: resolveLever(scenario, 'design.verification.publicReportIntervalPeriods'), value: 3 });
  const rLever = resolveLever(scenario, 'design.reviews.reputationalCostPerDetection');
  const rAt = (x: number) => applyLevers(scenario, [...publishing.map((x) => x.lever), rLever], [...publishing.map((x) => x.value), x]);
  const r0 = rv.reputationalCostPerDetection;
  const rMax = rLever.max ?? 1000;
  const r = smallestClosing((x) => margin(rAt(x)), r0, rMax);
  const publish = publishing.map((x) => ({ path: x.lever.path, location: x.lever.location, from: x.lever.base as number | boolean, to: x.value }));
  add('penalty', r === null ? `even a reputational cost of ${rMax} per published detection leaves cheating paying there` : fix('penalty', `${publish.length > 0 ? 'publish detections and ' : ''}raise the reputational cost per published detection from ${r0} to ${Math.min(rMax, round4(r))}`, [...publish, { path: rLever.path, location: rLever.location, from: r0, to: Math.min(rMax, round4(r)) }], rAt(Math.min(rMax, round4(r))), margin, meanMargin));
  // Escrow: the tranche's relief accrues in escrow and is paid out on verification, so cheating also forfeits the balance.
  const delivery = resolveLever(scenario, `design.tranches[${tr.id}].delivery`);
  if (tr.delivery === 'escrow') add('escrow', `tranche ${tr.id} is delivered through escrow already`);
  else {
    let escrowed: Scenario | null = null;
    try {
      escrowed = applyLevers(scenario, [delivery], ['escrow']);
    } catch {
      escrowed = null;
    }
    const m = escrowed === null ? NaN : margin(escrowed);
    if (escrowed === null || !(m >= 0)) add('escrow', `delivering tranche ${tr.id} through escrow leaves the margin at ${Number.isFinite(m) ? m.toFixed(2) : 'n/a'} in the run at the 5% quantile`);
    else add('escrow', fix('escrow', `deliver tranche ${tr.id} through escrow instead of ${tr.delivery}`, [{ path: delivery.path, location: delivery.location, from: tr.delivery, to: 'escrow' }], escrowed, margin, meanMargin));
  }
  return { fixes, unavailable };
}

function fix(kind: FixKind, description: string, changes: LeverChange[], scenario: Scenario, margin: (s: Scenario) => number, meanMargin: (s: Scenario) => number): Fix {
  return { kind, description, changes, marginAfter: meanMargin(scenario), quantileMarginAfter: margin(scenario), scenario };
}

function marginOr(s: Scenario | null, margin: (s: Scenario) => number): number {
  return s === null ? NaN : margin(s);
}

/** x to 4 significant digits, rounded up or down so that a threshold stays on its closing side. */
export function round4(x: number, direction: 'up' | 'down' = 'up'): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 3);
  const n = direction === 'up' ? Math.ceil(x / e - 1e-9) : Math.floor(x / e + 1e-9);
  return Number((n * e).toPrecision(4));
}

/** The re-check of a fix by simulation, for the weak type. */
export interface FixCheck {
  type: TargetTypeName;
  /** Runs of that type (of `runs` in all). */
  runs: number;
  /** Violations (benchmark-periods) in the weak stage, per run: original, fixed, and the paired difference fixed - original. */
  violationsInStage: { original: number; fixed: number; difference: PairedDifference };
  violations: { original: number; fixed: number; difference: PairedDifference };
  finalCompliance: { original: number; fixed: number; difference: PairedDifference };
  targetUtility: { original: number; fixed: number; difference: PairedDifference };
  /**
   * Simulation confirms the fix: violations in the weak stage fall beyond their 95%
   * interval (or there were none and there are none). A fix found on the mean margin at
   * one moment can fail this, when runs differ or the target then cheats elsewhere.
   */
  confirmed: boolean;
}

/**
 * Re-checks a fix: `runs` best-response runs of each design on seeds
 * runSeed(masterSeed, i), the runs of `type` compared pairwise.
 */
export function recheckFix(original: Scenario, fixed: Scenario, type: TargetTypeName, stage: { fromPeriod: number; untilPeriod: number }, runs: number, masterSeed = 1): FixCheck {
  const a = perRun(withBestResponse(original), type, stage, runs, masterSeed);
  const b = perRun(withBestResponse(fixed), type, stage, runs, masterSeed);
  const pair = (x: Float64Array, y: Float64Array) => ({ original: mean(x), fixed: mean(y), difference: pairedDifference(x, y) });
  const inStage = pair(a.inStage, b.inStage);
  return {
    type,
    runs: a.n,
    confirmed: inStage.difference.ci95[1] < 0 || (inStage.original === 0 && inStage.fixed === 0),
    violationsInStage: inStage,
    violations: pair(a.all, b.all),
    finalCompliance: pair(a.compliance, b.compliance),
    targetUtility: pair(a.utility, b.utility),
  };
}

function perRun(scenario: Scenario, type: TargetTypeName, stage: { fromPeriod: number; untilPeriod: number }, runs: number, masterSeed: number) {
  const runner = createRunner(scenario);
  const c: CompiledScenario = runner.compiled;
  const H = c.horizon;
  const inStage: number[] = [];
  const all: number[] = [];
  const compliance: number[] = [];
  const utility: number[] = [];
  const ti = TARGET_TYPES.indexOf(type);
  for (let i = 0; i < runs; i++) {
    const r = runner.run(runSeed(masterSeed, i));
    // The type is drawn from its own chance stream: the same in both designs.
    if (TARGET_TYPES.indexOf(r.targetType) !== ti) continue;
    let s = 0;
    let v = 0;
    for (let t = 0; t < H; t++) {
      const n = r.eventCounts[EVENT_INDEX.violation * H + t];
      v += n;
      if (t >= stage.fromPeriod && t < stage.untilPeriod) s += n;
    }
    inStage.push(s);
    all.push(v);
    compliance.push(r.summary.finalCompliance);
    utility.push(r.summary.targetUtility);
  }
  return { n: inStage.length, inStage: Float64Array.from(inStage), all: Float64Array.from(all), compliance: Float64Array.from(compliance), utility: Float64Array.from(utility) };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return x.length > 0 ? s / x.length : NaN;
}
