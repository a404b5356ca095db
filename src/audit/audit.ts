import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario } from '../engine/compile.ts';
import { traceCompliantPath, type CompliantPath, type PathOfType } from './compliant-path.ts';
import { AuditInputError } from './errors.ts';
import { findFixes, recheckFix, type Fix, type FixCheck, type NoFix } from './fixes.ts';
import { meanGapsAt, type Moment } from './stage-view.ts';
import { meanInputs, stageGame, type StageGame } from './relief-game.ts';
import { criticalDetection, criticalDiscount } from './thresholds.ts';

/**
 * The design audit: where in a design's schedule cheating pays which target type,
 * by how much, and which tranche is the weak link.
 *
 * One row per type and stage of the schedule: the start, and each tranche from the
 * period the type's compliant path releases it. A row's margin is the engine's value
 * gap V_comply - V_cheat (utility units; negative: cheating pays), averaged over the
 * compliant-path runs, at the stage's worst period and benchmark; the repeated game's
 * critical detection probability and discount factor are found at the deterrence
 * view of that moment (stage-view.ts). The heat map is the same gap by period and
 * tranche (on the benchmarks the tranche is conditioned on).
 */
export interface StageRow {
  type: TargetTypeName;
  /** The tranche whose release opens the stage; null for the start, before any release. */
  tranche: string | null;
  /** The stage's first period (the tranche's median release on the type's compliant path) and the first period of the next stage. */
  fromPeriod: number;
  untilPeriod: number;
  /**
   * The margin: the smallest mean value gap V_comply - V_cheat (utility units) on the
   * compliant path over the stage's periods and the benchmarks; negative: cheating pays.
   */
  margin: number;
  /** Where in the stage the margin is smallest, and on which benchmark. */
  period: number;
  weakestBenchmark: string;
  cheatingPays: boolean;
  /** Share of the type's runs in which cheating pays at that moment. */
  paysInShareOfRuns: number;
  /** Periods of the stage where the mean margin is negative: when in the schedule cheating pays. */
  paysInPeriods: number[];
  /** The value gap per benchmark at the deterrence view of that moment (the path's mean state): what the thresholds and fixes are computed on. */
  viewGaps: number[];
  viewMargin: number;
  /** The repeated game's thresholds at that view: complying pays on every benchmark from these on (null: no value in range does). */
  criticalDetectionProbability: number | null;
  criticalDiscountFactor: number | null;
  /** The period game at that moment on the weakest benchmark, solved (relief-game.ts), beside the simulated best responses. */
  game: StageGameRow;
}

export interface StageGameRow extends Omit<StageGame, 'tree'> {
  /** Share of the type's runs in which the best response cheats there (the compliant path's negative share). */
  simulatedCheatShare: number;
  /** The solved game's choice and the majority of simulated best responses agree. */
  agrees: boolean;
}

export interface HeatCell {
  type: TargetTypeName;
  period: number;
  tranche: string;
  /** Mean over runs of the smallest gap on the tranche's benchmarks. */
  margin: number;
  /** Share of runs where it is negative. */
  negativeShare: number;
}

export interface AuditReport {
  scenario: string;
  runs: number;
  masterSeed: number;
  horizonPeriods: number;
  benchmarks: string[];
  tranches: string[];
  /** The design's per-inspection detection probability and the target's discount factor, for reading the thresholds. */
  detectionProbability: number;
  discountFactor: number;
  rows: StageRow[];
  /** Index into rows of the smallest margin over all rows, and per type. */
  weakLink: number;
  weakLinkByType: Partial<Record<TargetTypeName, number>>;
  heat: HeatCell[];
  /** The smallest changes that close the weak link, re-checked by simulation (empty when complying already pays everywhere). */
  fixes: CheckedFix[];
  unavailable: NoFix[];
}

export interface CheckedFix extends Omit<Fix, 'scenario'> {
  check: FixCheck;
}

export interface AuditOptions {
  /** Compliant-path runs (default 200). */
  runs?: number;
  masterSeed?: number;
  /** Search the thresholds (default false: each evaluation recompiles the design and solves the target's plan, about 1 s each on a case). */
  thresholds?: boolean;
  /** Search fixes for the weak link and re-check them by simulation (default false, for the same cost). */
  fixes?: boolean;
  /** Best-response runs per design for each fix's re-check (default: runs). */
  checkRuns?: number;
}

export const MAX_AUDIT_RUNS = 100_000;

/**
 * Audits a design.
 *
 * @throws AuditInputError if runs is not a whole number in [1, 100000] or the seed is not a whole number
 * @example const a = auditDesign(baseline); a.rows[a.weakLink]; // the weak link
 */
export function auditDesign(scenario: Scenario, options: AuditOptions = {}): AuditReport {
  const runs = options.runs ?? 200;
  const masterSeed = options.masterSeed ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_AUDIT_RUNS) throw new AuditInputError('runs', `${runs} is not a whole number in [1, ${MAX_AUDIT_RUNS}]`);
  if (!Number.isSafeInteger(masterSeed) || masterSeed < 0) throw new AuditInputError('seed', `${masterSeed} is not a whole number >= 0`);
  const first = traceCompliantPath(scenario, runs, masterSeed);
  // Find each stage's worst moment on the path, then trace again (the same runs) keeping the run states there.
  const found = findStages(first);
  const path = traceCompliantPath(scenario, runs, masterSeed, found.map((f) => ({ typeIndex: TARGET_TYPES.indexOf(f.at.type), period: f.worst })));
  const c = compileScenario(scenario);
  const rows: StageRow[] = [];
  const B = path.benchmarks.length;
  const thresholds = options.thresholds ?? false;
  const moments: Moment[] = [];
  for (const { at, stage, worst, margin, pays } of found) {
    const ti = TARGET_TYPES.indexOf(at.type);
    let b = 0;
    for (let j = 1; j < B; j++) if (at.meanGap[worst * B + j] < at.meanGap[worst * B + b]) b = j;
    const moment: Moment = { typeIndex: ti, period: worst, views: path.views.get(`${ti}/${worst}`) ?? [], scratches: new WeakMap() };
    moments.push(moment);
    const viewGaps = Array.from(meanGapsAt(c, moment));
    rows.push({
      type: at.type,
      tranche: stage.tranche,
      fromPeriod: stage.period,
      untilPeriod: stage.until,
      margin,
      period: worst,
      weakestBenchmark: path.benchmarks[b],
      cheatingPays: margin < 0,
      paysInShareOfRuns: at.negativeShare[worst * B + b],
      paysInPeriods: pays,
      viewGaps,
      viewMargin: Math.min(...viewGaps),
      criticalDetectionProbability: null,
      criticalDiscountFactor: null,
      game: gameRow(stageGame(meanInputs(c, moment, b)), at.negativeShare[worst * B + b]),
    });
  }
  if (thresholds) {
    const p = criticalDetection(scenario, moments);
    const d = criticalDiscount(scenario, moments);
    rows.forEach((r, i) => {
      r.criticalDetectionProbability = p[i];
      r.criticalDiscountFactor = d[i];
    });
  }
  if (rows.length === 0) throw new AuditInputError('scenario', 'no run reached a decision of the target: nothing to audit');
  const smallest = (idx: number[]) => idx.reduce((a, i) => (rows[i].margin < rows[a].margin ? i : a), idx[0]);
  const weakLinkByType: Partial<Record<TargetTypeName, number>> = {};
  for (const t of TARGET_TYPES) {
    const idx = rows.flatMap((r, i) => (r.type === t ? [i] : []));
    if (idx.length > 0) weakLinkByType[t] = smallest(idx);
  }
  const weakLink = smallest(rows.map((_, i) => i));
  const fixes: CheckedFix[] = [];
  const unavailable: NoFix[] = [];
  const weak = rows[weakLink];
  if ((options.fixes ?? false) && weak.cheatingPays) {
    const checkRuns = options.checkRuns ?? runs;
    if (!Number.isInteger(checkRuns) || checkRuns < 1 || checkRuns > MAX_AUDIT_RUNS) throw new AuditInputError('checkRuns', `${checkRuns} is not a whole number in [1, ${MAX_AUDIT_RUNS}]`);
    const found = findFixes(scenario, moments[weakLink], weak.tranche);
    unavailable.push(...found.unavailable);
    for (const { scenario: fixed, ...f } of found.fixes) fixes.push({ ...f, check: recheckFix(scenario, fixed, weak.type, weak, checkRuns, masterSeed) });
  }
  return {
    scenario: scenario.metadata.name,
    runs,
    masterSeed,
    horizonPeriods: path.horizon,
    benchmarks: path.benchmarks,
    tranches: path.tranches,
    detectionProbability: scenario.design.verification.detectionProbability,
    discountFactor: scenario.target.discountFactor,
    rows,
    weakLink,
    weakLinkByType,
    heat: heatCells(path),
    fixes,
    unavailable,
  };
}

interface FoundStage {
  at: PathOfType;
  stage: { tranche: string | null; period: number; until: number };
  worst: number;
  margin: number;
  pays: number[];
}

/** Each type's stages with their worst period on the path (stages in which no run decided are left out). */
function findStages(path: CompliantPath): FoundStage[] {
  const B = path.benchmarks.length;
  return path.byType.flatMap((at) =>
    stagesOf(path, at.releasePeriod).flatMap((stage): FoundStage[] => {
      let worst = stage.period;
      let margin = Infinity;
      const pays: number[] = [];
      for (let t = stage.period; t < stage.until; t++) {
        const m = minOver(at.meanGap, t, B);
        if (m < 0) pays.push(t);
        if (m < margin) {
          margin = m;
          worst = t;
        }
      }
      return margin === Infinity ? [] : [{ at, stage, worst, margin, pays }];
    }),
  );
}

function gameRow({ tree: _tree, ...g }: StageGame, share: number): StageGameRow {
  return { ...g, simulatedCheatShare: share, agrees: (g.targetChoice === 'Cheat') === share > 0.5 };
}

/** The stages of a type's schedule: the start, then each tranche the path releases, in order of release. */
function stagesOf(path: CompliantPath, release: number[]): { tranche: string | null; period: number; until: number }[] {
  const released = release.map((p, k) => ({ k, p })).filter((x) => x.p >= 0 && x.p < path.horizon).sort((a, b) => a.p - b.p || a.k - b.k);
  const starts = [{ tranche: null as string | null, period: 0 }, ...released.map((x) => ({ tranche: path.tranches[x.k], period: x.p }))];
  // A tranche released at period 0 opens the schedule: no separate start row.
  const stages = released.length > 0 && released[0].p === 0 ? starts.slice(1) : starts;
  return stages.map((s, i) => ({ ...s, until: stages.slice(i + 1).find((n) => n.period > s.period)?.period ?? path.horizon }));
}

function minOver(a: Float64Array, t: number, B: number): number {
  let m = Infinity;
  for (let b = 0; b < B; b++) if (a[t * B + b] < m) m = a[t * B + b];
  return m === Infinity ? NaN : m;
}

function heatCells(path: CompliantPath): HeatCell[] {
  const T = path.tranches.length;
  const out: HeatCell[] = [];
  for (const at of path.byType) {
    for (let t = 0; t < path.horizon; t++) {
      for (let k = 0; k < T; k++) {
        const m = at.trancheMargin[t * T + k];
        if (Number.isNaN(m)) continue;
        out.push({ type: at.type, period: t, tranche: path.tranches[k], margin: m, negativeShare: at.trancheNegativeShare[t * T + k] });
      }
    }
  }
  return out;
}
