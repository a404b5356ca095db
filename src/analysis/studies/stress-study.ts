import type { PointSummary } from '../../experiments/index.ts';
import type { Scenario, ShockKind } from '../../scenario/schema.ts';
import { validateScenario } from '../../scenario/validate.ts';
import { wilsonInterval } from '../binomial.ts';
import { findBreakPoint, type BreakPointProbe, type BreakPointResult } from '../break-point.ts';
import { AnalysisInputError } from '../errors.ts';
import { StudyError } from './errors.ts';
import { evaluateScenarios, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';

/**
 * How each kind of shock in the library is graded: which field is its intensity
 * and over what range it is searched (docs/model.md 3.7 says what each field
 * does). A snapback has no intensity: it is applied once, on or off.
 */
export const STRESS_SHOCKS: Record<ShockKind, { field: 'magnitude' | 'durationPeriods' | null; low: number; high: number; member: boolean; meaning: string }> = {
  regimeChange: { field: 'magnitude', low: 0, high: 1, member: false, meaning: "hardliner influence added by a change of government (the type is redrawn from the prior)" },
  election: { field: 'magnitude', low: 0, high: 1, member: true, meaning: "swing of a member's hawkishness, and of its resolve by a factor 1 +- magnitude" },
  commodityPrice: { field: 'magnitude', low: 0, high: 4, member: false, meaning: "rise of relief value and members' costs, x (1 + magnitude) for the duration" },
  humanitarianCrisis: { field: 'magnitude', low: 0, high: 4, member: false, meaning: 'rise of humanitarian need, x (1 + magnitude) for the duration' },
  thirdPartyEntry: { field: 'magnitude', low: 0, high: 5, member: false, meaning: 'a sanctions-busting neighbour enters; evasion jumps by 0.1 x magnitude' },
  accessDenial: { field: 'magnitude', low: 0, high: 1, member: false, meaning: "share of inspectors' access denied for the duration" },
  memberExit: { field: 'durationPeriods', low: 1, high: 60, member: true, meaning: 'periods a member stays out of the coalition, re-imposing its own sanctions' },
  snapback: { field: null, low: 0, high: 0, member: true, meaning: 'a member invokes the snapback (on or off)' },
  policyChange: { field: null, low: 0, high: 0, member: true, meaning: "a member's own change of policy, outside the reports (on or off)" },
  domesticCrisis: { field: 'magnitude', low: 0, high: 1, member: false, meaning: "hardliner influence added by a crisis under the same ruler" },
};

/** One shock to grade. */
export interface StressShock {
  kind: ShockKind;
  atPeriod: number;
  /** The member of election, memberExit and snapback (default: the member with the largest weight). */
  member?: string;
  /** Search range of the intensity (default from STRESS_SHOCKS, memberExit's clipped to the horizon). */
  low?: number;
  high?: number;
  /** Periods the temporary effects last, where the intensity is the magnitude (default 6). */
  durationPeriods?: number;
}

export interface StressOptions extends StudyRunOptions {
  /** Breaking: collapse with at least this probability (default 0.5). */
  level?: number;
  /** Bracket width to stop at, as a share of the range searched (default 1/32). */
  relativeTolerance?: number;
}

/** The break point of one shock. */
export interface ShockBreakPoint {
  /** "accessDenial at period 12", a label for charts and tables. */
  label: string;
  shock: Required<Pick<StressShock, 'kind' | 'atPeriod'>> & { member?: string };
  /** The field graded and its unit-free range; null for on/off shocks. */
  intensity: { field: 'magnitude' | 'durationPeriods'; low: number; high: number } | null;
  /** The search (null for on/off shocks, or when cancelled before its end probes ran). */
  result: BreakPointResult | null;
  /** On/off shocks: the one probe (collapses among runs, with the shock). */
  single: BreakPointProbe | null;
  /** Probes run so far (every probe of the search). */
  probes: BreakPointProbe[];
}

export interface StressResult {
  level: number;
  /** Collapse without any added shock, on the same seeds. */
  baseline: BreakPointProbe | null;
  shocks: ShockBreakPoint[];
  runsPerPoint: number;
  masterSeed: number;
  /** False when cancelled: some searches stopped early or never ran. */
  complete: boolean;
}

/** Every kind of shock in the library at one period, for `stressStudy`. */
export function libraryShocks(base: Scenario, atPeriod: number): StressShock[] {
  return (Object.keys(STRESS_SHOCKS) as ShockKind[]).map((kind) => ({ kind, atPeriod }));
}

/**
 * Stress break points: for each shock, the smallest intensity at which the
 * agreement collapses with probability at least `level` (0.5), by bisection on
 * the intensity with a Wilson interval at every probe (src/analysis/break-point.ts).
 * Every probe runs the same seeds (common random numbers). The searches of all
 * shocks advance together, one round of probes per experiment, so a worker pool
 * is kept busy across shocks.
 *
 * @throws StudyError for a shock the scenario cannot take (a period past the
 *   horizon, an unknown member, a range outside the field's), or bad run counts
 */
export async function stressStudy(base: Scenario, shocks: readonly StressShock[], options: StressOptions): Promise<StressResult> {
  if (shocks.length === 0) throw new StudyError('shocks', 'needs at least one shock');
  // Each probe depends on the one before: a bisection cannot be split into shards ahead of time.
  if (options.shard || options.parts) throw new StudyError('--shard', 'a stress test is a sequential search and is not sharded; run it whole (its rounds use every worker)');
  const level = options.level ?? 0.5;
  const relTol = options.relativeTolerance ?? 1 / 32;
  if (!(relTol > 0 && relTol < 1)) throw new StudyError('tolerance', `${relTol} is not in (0, 1) (a share of the range searched)`);
  const planned = shocks.map((s, i) => planShock(base, s, i));
  const rounds = new ProbeRounds(planned.length + 1, (scenarios) => evaluateScenarios('stress break points', scenarios, ['collapsed'], options));
  const results: ShockBreakPoint[] = planned.map((p) => ({ label: p.label, shock: p.shock, intensity: p.intensity, result: null, single: null, probes: [] }));
  let complete = true;
  const count = async (s: Scenario) => collapses(await rounds.request(s));
  const baselineTask = (async () => {
    try {
      const c = await count(base);
      return probeOf(0, c.successes, c.trials);
    } catch (e) {
      if (e instanceof Cancelled) return null;
      throw e;
    } finally {
      rounds.leave();
    }
  })();
  const tasks = planned.map(async (p, i) => {
    try {
      if (!p.intensity) {
        const c = await count(p.at(0));
        results[i].single = probeOf(0, c.successes, c.trials);
        results[i].probes.push(results[i].single!);
        return;
      }
      const { low, high } = p.intensity;
      const tolerance = (high - low) * relTol;
      results[i].result = await findBreakPoint((x) => count(p.at(x)), {
        low,
        high,
        tolerance,
        level,
        ...(options.signal ? { signal: options.signal } : {}),
        onProbe: (probe) => results[i].probes.push(probe),
      });
      if (results[i].result!.cancelled) complete = false;
    } catch (e) {
      if (e instanceof Cancelled) complete = false;
      else if (e instanceof AnalysisInputError) throw new StudyError(`shocks[${i}]`, e.message);
      else throw e;
    } finally {
      rounds.leave();
    }
  });
  const [baseline] = await Promise.all([baselineTask, ...tasks]);
  return { level, baseline, shocks: results, runsPerPoint: options.runsPerPoint, masterSeed: options.masterSeed ?? 1, complete: complete && baseline !== null };
}

interface PlannedShock {
  label: string;
  shock: ShockBreakPoint['shock'];
  intensity: ShockBreakPoint['intensity'];
  /** The base scenario with the shock at this intensity. */
  at(intensity: number): Scenario;
}

function planShock(base: Scenario, s: StressShock, i: number): PlannedShock {
  const field = `shocks[${i}] (${s.kind})`;
  const def = STRESS_SHOCKS[s.kind];
  if (!def) throw new StudyError(field, `unknown kind; the library's shocks are ${Object.keys(STRESS_SHOCKS).join(', ')}`);
  const H = base.horizonPeriods;
  if (!Number.isInteger(s.atPeriod) || s.atPeriod < 0 || s.atPeriod >= H) throw new StudyError(`${field}.atPeriod`, `${s.atPeriod} is not a whole number in [0, ${H - 1}] (the horizon)`);
  const members = base.coalition.members;
  let member: string | undefined;
  if (def.member) {
    member = s.member ?? [...members].sort((a, b) => b.weight - a.weight)[0]?.id;
    if (!members.some((m) => m.id === member)) throw new StudyError(`${field}.member`, `${JSON.stringify(s.member)} is not a coalition member (known: ${members.map((m) => m.id).join(', ')})`);
  }
  const maxHigh = def.field === 'durationPeriods' ? H - s.atPeriod : def.field === 'magnitude' ? 10 : 0;
  const minLow = def.field === 'durationPeriods' ? 1 : -10;
  const low = s.low ?? def.low;
  const high = s.high ?? Math.min(def.high, maxHigh);
  if (def.field && (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high))) throw new StudyError(`${field} range`, `[${low}, ${high}] is empty or reversed; give low < high`);
  if (def.field && (low < minLow || high > maxHigh)) throw new StudyError(`${field} range`, `[${low}, ${high}] is outside the ${def.field}'s allowed range [${minLow}, ${maxHigh}]`);
  const duration = s.durationPeriods ?? 6;
  const label = `${s.kind} at period ${s.atPeriod}${member ? ` (${member})` : ''}`;
  const at = (x: number): Scenario => {
    const shock: Record<string, unknown> = { kind: s.kind, atPeriod: s.atPeriod, magnitude: def.field === 'magnitude' ? x : 0.5, durationPeriods: def.field === 'durationPeriods' ? Math.max(1, Math.round(x)) : duration, mode: 'reimpose' };
    if (member) shock.member = member;
    const v = validateScenario({ ...structuredClone(base), shocks: [...base.shocks, shock] });
    if (!v.ok) throw new StudyError(field, `the scenario cannot take this shock: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return v.scenario;
  };
  // Both ends up front: a range the scenario cannot take is refused before any run, not mid-search.
  if (def.field) {
    at(low);
    at(high);
  } else at(0);
  return { label, shock: { kind: s.kind, atPeriod: s.atPeriod, ...(member ? { member } : {}) }, intensity: def.field ? { field: def.field, low, high } : null, at };
}

function collapses(p: PointSummary): { successes: number; trials: number } {
  const o = p.outcomes.collapsed;
  return { successes: Math.round(o.mean * o.n), trials: o.n };
}

function probeOf(intensity: number, successes: number, trials: number): BreakPointProbe {
  return { intensity, successes, trials, probability: successes / trials, ci: wilsonInterval(successes, trials) };
}

class Cancelled extends Error {}

/**
 * Gathers the probes of concurrent searches into rounds: a round runs when every
 * search still going has asked for its next probe, as one experiment. Results do
 * not depend on the grouping (common random numbers: run i uses the same seed in
 * every point), only the use of the pool does.
 */
class ProbeRounds {
  private pending: { scenario: Scenario; resolve: (p: PointSummary) => void; reject: (e: unknown) => void }[] = [];
  constructor(
    private active: number,
    private readonly runRound: (scenarios: Scenario[]) => Promise<PointsEvaluation>,
  ) {}

  request(scenario: Scenario): Promise<PointSummary> {
    return new Promise((resolve, reject) => {
      this.pending.push({ scenario, resolve, reject });
      this.flush();
    });
  }

  /** A search has ended. */
  leave(): void {
    this.active--;
    this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0 || this.pending.length < this.active) return;
    const batch = this.pending;
    this.pending = [];
    this.runRound(batch.map((b) => b.scenario)).then(
      (r) => batch.forEach((b, k) => (r.points[k] ? b.resolve(r.points[k]) : b.reject(new Cancelled()))),
      (e) => batch.forEach((b) => b.reject(e)),
    );
  }
}
