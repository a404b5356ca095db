import type { PointSummary } from '../../experiments/index.ts';
import type { Scenario, ShockKind } from '../../scenario/schema.ts';
import { validateScenario } from '../../scenario/validate.ts';
import { wilsonInterval } from '../binomial.ts';
import { findBreakPoint, type BreakPointProbe, type BreakPointResult } from '../break-point.ts';
import { AnalysisInputError } from '../errors.ts';
import { StudyError } from './errors.ts';
import { evaluateScenarios, type PointsEvaluation, type StudyRunOptions } from './evaluate.ts';
import { checkStressShard, collectStressParts, recordProbe, shardShocks, STRESS_PARTIAL_FORMAT, type StressPartial } from './stress-shards.ts';
import { scenarioFingerprint } from '../../montecarlo/seeds.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';

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

export interface StressOptions extends Omit<StudyRunOptions, 'parts'> {
  /** The partials of every shard of this same study (`shard` runs): nothing runs; the study is replayed on their probes. */
  parts?: readonly StressPartial[];
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
  /** With `shard`: what the shard writes (only its shocks are searched; the others hold no probes). */
  partial?: StressPartial;
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
 * On a cluster (src/analysis/studies/stress-shards.ts): with `shard` only that
 * shard's shocks are searched and `partial` is what the job writes; with `parts`
 * nothing runs, and every search is replayed on the probes its shard recorded,
 * which gives the unsharded result exactly.
 *
 * @throws StudyError for a shock the scenario cannot take (a period past the
 *   horizon, an unknown member, a range outside the field's), bad run counts, a
 *   shard out of range or parts of another study
 */
export async function stressStudy(base: Scenario, shocks: readonly StressShock[], options: StressOptions): Promise<StressResult> {
  if (shocks.length === 0) throw new StudyError('shocks', 'needs at least one shock');
  if (options.shard && options.parts) throw new StudyError('--shard', 'give shard (run one shard) or parts (combine the shards), not both');
  const level = options.level ?? 0.5;
  const relTol = options.relativeTolerance ?? 1 / 32;
  if (!(relTol > 0 && relTol < 1)) throw new StudyError('tolerance', `${relTol} is not in (0, 1) (a share of the range searched)`);
  const masterSeed = options.masterSeed ?? 1;
  const planned = shocks.map((s, i) => planShock(base, s, i));
  const hash = scenarioFingerprint({ scenario: scenarioFingerprint(base), shocks: planned.map((p) => ({ ...p.shock, intensity: p.intensity, durationPeriods: p.durationPeriods })), runsPerPoint: options.runsPerPoint, masterSeed, level, relTol });
  const mine = options.shard ? (checkStressShard(options.shard, planned.length), shardShocks(planned.length, options.shard)) : planned.map((_, i) => i);
  const withBaseline = !options.shard || options.shard.index === 1;

  // Where each probe's collapses come from: the runs, or (with parts) the shards' records.
  let count: (shock: number, intensity: number, probe: number) => Promise<{ successes: number; trials: number }>;
  let leave: () => void = () => {};
  let stopAfter: (shock: number) => AbortSignal | undefined = () => options.signal;
  const rec = options.parts ? collectStressParts(options.parts, { hash, shockCount: planned.length, runsPerPoint: options.runsPerPoint }) : null;
  if (rec) {
    const stops = planned.map(() => new AbortController());
    stopAfter = (i) => stops[i].signal;
    count = async (i, intensity, k) => {
      if (i < 0) {
        if (!rec.baseline) throw new Cancelled();
        return { successes: rec.baseline[1], trials: rec.baseline[2] };
      }
      const s = rec.searches[i];
      const p = s.probes[k];
      if (!p || !s.searched) throw new Cancelled();
      if (p[0] !== intensity) throw new StudyError('--parts', `shock ${i + 1} (${planned[i].label}): probe ${k + 1} was run at ${p[0]}, but the search asks for ${intensity}; the part was not written by this study`);
      // The last probe recorded: the search stops here, as the shard's did.
      if (k === s.probes.length - 1) stops[i].abort();
      return { successes: p[1], trials: p[2] };
    };
  } else {
    const rounds = new ProbeRounds(mine.length + (withBaseline ? 1 : 0), (scenarios) => evaluateScenarios('stress break points', scenarios, ['collapsed'], { ...options, shard: undefined, parts: undefined }));
    count = async (i, intensity) => collapses(await rounds.request(i < 0 ? base : planned[i].at(intensity)));
    leave = () => rounds.leave();
  }

  const results: ShockBreakPoint[] = planned.map((p) => ({ label: p.label, shock: p.shock, intensity: p.intensity, result: null, single: null, probes: [] }));
  const searched = planned.map(() => false);
  let complete = true;
  const baselineTask = (async () => {
    if (!withBaseline) return null;
    try {
      const c = await count(-1, 0, 0);
      return probeOf(0, c.successes, c.trials);
    } catch (e) {
      if (e instanceof Cancelled) return null;
      throw e;
    } finally {
      leave();
    }
  })();
  const tasks = mine.map(async (i) => {
    const p = planned[i];
    let k = 0;
    try {
      if (rec && !rec.searches[i].searched) {
        // The shard's search was cut short inside a probe: its earlier probes, and no result.
        results[i].probes = rec.searches[i].probes.map(([x, successes, trials]) => probeOf(x, successes, trials));
        complete = false;
        return;
      }
      if (!p.intensity) {
        const c = await count(i, 0, k++);
        results[i].single = probeOf(0, c.successes, c.trials);
        results[i].probes.push(results[i].single!);
        searched[i] = true;
        return;
      }
      const { low, high } = p.intensity;
      const tolerance = (high - low) * relTol;
      const signal = stopAfter(i);
      results[i].result = await findBreakPoint((x) => count(i, x, k++), {
        low,
        high,
        tolerance,
        level,
        ...(signal ? { signal } : {}),
        onProbe: (probe) => results[i].probes.push(probe),
      });
      searched[i] = true;
      // A replayed search stops where its shard's stopped: cancelled only if the shard's was.
      if (results[i].result!.cancelled) complete = false;
    } catch (e) {
      if (e instanceof Cancelled) complete = false;
      else if (e instanceof AnalysisInputError) throw new StudyError(`shocks[${i}]`, e.message);
      else throw e;
    } finally {
      leave();
    }
  });
  const [baseline] = await Promise.all([baselineTask, ...tasks]);
  complete = complete && (rec ? rec.complete : true) && (baseline !== null || !withBaseline);
  const result: StressResult = { level, baseline, shocks: results, runsPerPoint: options.runsPerPoint, masterSeed, complete };
  if (options.shard) {
    result.partial = {
      format: STRESS_PARTIAL_FORMAT,
      version: RELIEF_LAB_VERSION,
      studyHash: hash,
      shard: { ...options.shard },
      complete,
      baseline: baseline ? recordProbe(baseline) : null,
      searches: mine.map((i) => ({ index: i, searched: searched[i], probes: results[i].probes.map(recordProbe) })),
    };
  }
  return result;
}

interface PlannedShock {
  label: string;
  /** Periods the temporary effects last where the intensity is the magnitude (part of the study's fingerprint). */
  durationPeriods: number;
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
  return { label, durationPeriods: duration, shock: { kind: s.kind, atPeriod: s.atPeriod, ...(member ? { member } : {}) }, intensity: def.field ? { field: def.field, low, high } : null, at };
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
