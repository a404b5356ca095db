import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { Engine, playOut, SLOT, trustedPolicies, type PlanSource } from './core.ts';
import { EVENT_KIND_NAMES, PERIOD_METRIC_NAMES, type PeriodMetric, type SummaryMetric } from './metrics.ts';
import type { Policy, PolicyParams } from './policy.ts';
import { DEFAULT_POLICY, policyDefinition } from './policies/index.ts';
import { summarize } from './reporters.ts';
import type { RoleKind } from './roles.ts';
import type { RunEvent } from './state.ts';

export interface RunOptions {
  /** Keep the full event log (off in batches: counts by period are always kept). */
  recordEvents?: boolean;
}

/** One run: a pure function of (scenario, policies, seed). */
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
  /** The run's realised uncertainties beyond the type: each member's resolve as drawn, each shock's period (-1: never). */
  memberResolves: number[];
  shockPeriods: number[];
}

/**
 * A runner compiles the scenario and builds its policies once, then reuses its
 * buffers: `run` returns views that the next call overwrites (the batch layer reads
 * them before the next run). Use `simulate` for a result you can keep.
 */
export interface Runner {
  readonly compiled: CompiledScenario;
  run(seed: string, options?: RunOptions): RunResult;
  /** Random numbers the last run drew (the benchmark's random-number floor counts them). */
  drawsInLastRun?(): number;
}

/** Policies by slot (target, coalition, verifier, aid, members), as the scenario names them. */
export function scenarioPolicies(c: CompiledScenario): Policy[] {
  const p = c.scenario.policies;
  const make = (role: RoleKind, ref: { name: string; params: PolicyParams } | undefined, field: string, member = -1): Policy => {
    const name = ref?.name ?? (role === 'target' ? c.scenario.target.decisionMode : DEFAULT_POLICY[role]);
    return policyDefinition(role, name, `${field}.name`).create(ref?.params ?? {}, c, member) as Policy;
  };
  const out: Policy[] = [];
  out[SLOT.target] = make('target', p.target, 'policies.target');
  out[SLOT.coalition] = make('coalition', p.coalition, 'policies.coalition');
  out[SLOT.verifier] = make('verifier', p.verifier, 'policies.verifier');
  out[SLOT.aid] = make('aid', p.aid, 'policies.aid');
  c.memberIds.forEach((id, m) => (out[SLOT.member0 + m] = make('member', p.members[id], `policies.members.${id}`, m)));
  return out;
}

/** Per shock: the policy an election's new government brings to its member, or null. */
export function electedPolicies(c: CompiledScenario): (Policy | null)[] {
  return c.shocks.map((k, i) => (k.policy ? (policyDefinition('member', k.policy.name, `shocks.${i}.policy.name`).create(k.policy.params, c, Math.max(0, k.member)) as Policy) : null));
}

export interface RunnerOptions {
  /** The target's plans from a cache across runners (src/engine/deterrence/plan-cache.ts) instead of solving them here. */
  plans?: PlanSource;
}

/**
 * `createRunner(scenario)` plays the scenario's policies; `policies` (by slot, as
 * `scenarioPolicies` returns them) replaces them, e.g. with a scripted deviation.
 */
export function createRunner(scenario: Scenario, policies?: Policy[], options: RunnerOptions = {}): Runner {
  const c = compileScenario(scenario);
  const engine = new Engine(c);
  const s = engine.s;
  const fixed = policies ?? scenarioPolicies(c);
  engine.needsValueGap = fixed[SLOT.target].meta.observes.includes('valueGap');
  // The coalition's belief and the leverage measure read the plans whatever the target's policy.
  if (options.plans) engine.usePlans(options.plans);
  // A policy with memory starts each run fresh.
  const elected = electedPolicies(c);
  const remembers = !policies && [...fixed, ...elected].some((p) => p !== null && p.meta.memoryDepth > 0);
  const trusted = trustedPolicies(fixed);
  const trustedElected = trustedPolicies(elected);
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
    memberResolves: [],
    shockPeriods: [],
  };
  const runFacts = { state: s, series: s.series, horizon: c.horizon, last: c.horizon - 1, initialCompliance: 0 };

  function run(seed: string, options: RunOptions = {}): RunResult {
    engine.start(seed, options.recordEvents ?? false);
    const resolves = Array.from(s.resolve);
    if (remembers) playOut(engine, scenarioPolicies(c), electedPolicies(c));
    else playOut(engine, fixed, elected, trusted, trustedElected);
    engine.recordSeries();
    runFacts.initialCompliance = engine.compliance0;
    summarize(runFacts, summary);
    result.seed = seed;
    result.targetType = TARGET_TYPES[s.initialType];
    result.events = s.events;
    result.trancheReleasePeriods = Array.from(s.trReleasedAt);
    result.memberResolves = resolves;
    result.shockPeriods = Array.from(s.shockPeriod);
    return result;
  }
  return { compiled: c, run, drawsInLastRun: () => engine.ch.draws };
}

/** Runs once and returns a result that owns its arrays (plans from `options.plans` if given, as createRunner). */
export function simulate(scenario: Scenario, seed: string | number, options: RunOptions & RunnerOptions = {}): RunResult {
  return copyResult(createRunner(scenario, undefined, { plans: options.plans }).run(String(seed), options));
}

export function copyResult(r: RunResult): RunResult {
  return {
    ...r,
    series: Object.fromEntries(PERIOD_METRIC_NAMES.map((m) => [m, Float64Array.from(r.series[m])])) as Record<PeriodMetric, Float64Array>,
    eventCounts: Int32Array.from(r.eventCounts),
    events: [...r.events],
    summary: { ...r.summary },
    trancheReleasePeriods: [...r.trancheReleasePeriods],
    memberResolves: [...r.memberResolves],
    shockPeriods: [...r.shockPeriods],
  };
}

export { EVENT_KIND_NAMES };
