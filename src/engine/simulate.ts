import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { EVENT_KIND_NAMES, PERIOD_METRIC_NAMES, type PeriodMetric, type SummaryMetric } from './metrics.ts';
import { createRng, drawUncertain } from './rng.ts';
import { RunState, type RunEvent } from './state.ts';
import { targetPolicyFor, type TargetPolicy } from './agents/target.ts';
import { coalitionStep, scheduleClearances } from './steps/coalition-step.ts';
import { targetStep } from './steps/target-step.ts';
import { verifierStep } from './steps/verifier-step.ts';
import { drawType, membersStep, scheduleShocks, shockStep, worldStep } from './steps/world-step.ts';
import { computePressure, newPressure } from './pressure.ts';
import type { DeterrenceInputs } from './deterrence.ts';
import type { AidFlows } from './agents/humanitarian.ts';

export interface RunOptions {
  /** Keep the full event log (off in batches: counts by period are always kept). */
  recordEvents?: boolean;
}

/** One run: a pure function of (scenario, seed). */
export interface RunResult {
  seed: string;
  targetType: TargetTypeName;
  horizonPeriods: number;
  /** Per-period metrics, one typed array each (see PERIOD_METRICS for units). */
  series: Record<PeriodMetric, Float64Array>;
  /** eventCounts[kindIndex * horizonPeriods + period], kinds in EVENT_KIND_NAMES order. */
  eventCounts: Int32Array;
  events: RunEvent[];
  summary: Record<SummaryMetric, number>;
  /** First release period of each tranche, -1 if never, in design order. */
  trancheReleasePeriods: number[];
}

/**
 * A runner compiles the scenario once and reuses its buffers: `run` returns views
 * that the next call overwrites (the batch layer reads them before the next run).
 * Use `simulate` for a result you can keep.
 */
export interface Runner {
  readonly compiled: CompiledScenario;
  run(seed: string, options?: RunOptions): RunResult;
}

export function createRunner(scenario: Scenario): Runner {
  const c = compileScenario(scenario);
  const s = new RunState(c);
  const policy: TargetPolicy = targetPolicyFor(scenario.target);
  const pr = newPressure();
  const x = {} as DeterrenceInputs;
  const aid: AidFlows = { sent: 0, delivered: 0, diverted: 0, undelivered: 0 };
  const summary = {} as Record<SummaryMetric, number>;
  const result: RunResult = {
    seed: '',
    targetType: 'sincere',
    horizonPeriods: c.horizon,
    series: s.series,
    eventCounts: s.eventCounts,
    events: s.events,
    summary,
    trancheReleasePeriods: [],
  };

  function run(seed: string, options: RunOptions = {}): RunResult {
    const rng = createRng(seed);
    s.reset(options.recordEvents ?? false);
    // Per-run uncertainties, always drawn in this order.
    s.typeIndex = drawType(c.typePrior, rng);
    s.initialType = s.typeIndex;
    s.type = c.types[s.typeIndex];
    s.hardliner = s.type.initialHardlinerInfluence;
    scenario.coalition.members.forEach((m, i) => (s.resolve[i] = drawUncertain(m.resolve, rng)));
    scheduleShocks(c, s, rng);
    scheduleClearances(c, s, rng);
    const comp0 = initialCompliance(c);
    for (let t = 0; t < c.horizon; t++) {
      shockStep(c, s, t, rng);
      coalitionStep(c, s, t, rng);
      computePressure(c, s, t, pr);
      membersStep(c, s, t, pr);
      targetStep(c, s, t, rng, policy, pr, x);
      verifierStep(c, s, t, rng);
      worldStep(c, s, t, rng, pr, aid);
    }
    fillSummary(c, s, comp0, summary);
    result.seed = seed;
    result.targetType = TARGET_TYPES[s.initialType];
    result.events = s.events;
    result.trancheReleasePeriods = Array.from(s.trReleasedAt);
    return result;
  }
  return { compiled: c, run };
}

/** Runs once and returns a result that owns its arrays. */
export function simulate(scenario: Scenario, seed: string | number, options: RunOptions = {}): RunResult {
  const r = createRunner(scenario).run(String(seed), options);
  return copyResult(r);
}

export function copyResult(r: RunResult): RunResult {
  return {
    ...r,
    series: Object.fromEntries(PERIOD_METRIC_NAMES.map((m) => [m, Float64Array.from(r.series[m])])) as Record<PeriodMetric, Float64Array>,
    eventCounts: Int32Array.from(r.eventCounts),
    events: [...r.events],
    summary: { ...r.summary },
    trancheReleasePeriods: [...r.trancheReleasePeriods],
  };
}

function initialCompliance(c: CompiledScenario): number {
  let x = 0;
  for (let b = 0; b < c.nBenchmarks; b++) x += c.benchWeight[b] * Math.min(1, c.benchInitial[b] / Math.max(1e-12, c.benchRequired[b]));
  return x;
}

function fillSummary(c: CompiledScenario, s: RunState, comp0: number, out: Record<SummaryMetric, number>): void {
  const H = c.horizon;
  const ser = s.series;
  const last = H - 1;
  const gained = ser.trueCompliance[last] - comp0;
  out.finalCompliance = ser.trueCompliance[last];
  out.fullRelief = s.fullReliefPeriod >= 0 ? 1 : 0;
  out.timeToFullReliefPeriods = s.fullReliefPeriod >= 0 ? s.fullReliefPeriod : NaN;
  out.collapsed = s.collapsed ? 1 : 0;
  out.collapsePeriod = s.collapsed ? s.collapsePeriod : NaN;
  out.reimpositions = s.reimpositions;
  out.falseReimpositions = s.falseReimpositions;
  out.undetectedViolationPeriods = s.undetectedViolationPeriods;
  out.cumulativeUnmetNeed = s.cumulativeUnmet;
  out.totalDiverted = s.totalDiverted;
  out.finalLeverage = ser.leverage[last];
  // Leverage at the start is the full package (1) less what a split coalition or evasion already removed.
  out.leverageSpentPerCompliance = gained > 1e-9 ? (ser.leverage[0] - ser.leverage[last]) / gained : NaN;
  out.meanNeedMet = s.needMetSum / H;
  out.targetUtility = s.targetUtility;
}

export { EVENT_KIND_NAMES };
