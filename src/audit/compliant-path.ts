import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario, type CompiledScenario } from '../engine/compile.ts';
import { Engine, playOut, SLOT } from '../engine/core.ts';
import type { Policy } from '../engine/policy.ts';
import type { TargetAction, TargetObservation } from '../engine/roles.ts';
import { runSeed } from '../engine/rng.ts';
import { electedPolicies, scenarioPolicies } from '../engine/simulate.ts';
import type { DeterrenceView } from '../engine/deterrence/stakes.ts';
import type { VoteRoll } from '../engine/actors/coalition/vote.ts';

/**
 * The design's compliant path as the engine plays it: the target complies on every
 * benchmark in every period, and at each decision records the value gap
 * V_comply - V_cheat per benchmark that the engine hands a best-responding target
 * (its observation's `valueGap`, so this reads whatever the engine's deterrence
 * computes). Where a gap is negative, a target that had complied so far gains by
 * cheating there. Runs use the seeds runSeed(masterSeed, i), as every batch does.
 *
 * The path is traced in the world of a best response (`withBestResponse`), whatever
 * decision mode the scenario names, because the coalition's belief filter models the
 * types with the target's policy (coalition/type-behaviour.ts): under a quantal mode it
 * reads logit behaviour, its posterior and so its votes differ, and so do the states the
 * gaps are read in. Traced under the scenario's own quantal mode, Iran's path said a
 * complying opportunist first gains by cheating at period 53 where best-response runs
 * first cheat at 64 (32 of 60 runs parted); in the best response's world all 60 agree.
 * It is the world the audit's fixes are re-checked in.
 */
export interface CompliantPath {
  horizon: number;
  benchmarks: string[];
  tranches: string[];
  byType: PathOfType[];
  /** Per run, in seed order. */
  runs: PathRun[];
  /** The run states captured at the moments `capture` asked for, by `${typeIndex}/${period}`, in seed order. */
  views: Map<string, CapturedState[]>;
}

/** A run's deterrence view at a moment, with the vote roll's per-run parts (who still votes, each member's drawn hawkishness). */
export interface CapturedState {
  view: DeterrenceView;
  voting: Uint8Array;
  hawk: Float64Array;
}

export interface PathOfType {
  type: TargetTypeName;
  runs: number;
  /** Mean gap per (period, benchmark), index t * B + b; NaN where no run decided. */
  meanGap: Float64Array;
  /** Share of deciding runs with a negative gap, index t * B + b. */
  negativeShare: Float64Array;
  /** Mean over runs of the tranche's margin: the smallest gap over the benchmarks the tranche is conditioned on (all, if none), index t * T + k. */
  trancheMargin: Float64Array;
  trancheNegativeShare: Float64Array;
  /** Median release period of each tranche on this path, -1 if released in at most half the runs. */
  releasePeriod: number[];
}

export interface PathRun {
  type: number;
  /** First period with a negative gap on some benchmark (-1: none): where a best response first cheats. */
  firstCheatPeriod: number;
  /** The benchmarks with a negative gap then. */
  firstCheatBenchmarks: number[];
  /** First period at which politics allows open defiance and it pays (-1: never): a best response defies there instead. */
  firstDefiancePeriod: number;
}

/** The scenario with a best-responding target (the audit's path, its cross-check and its fixes are about best responses). */
export function withBestResponse(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  s.target.decisionMode = 'best-response';
  delete (s.policies as { target?: unknown }).target;
  return s;
}

/** The recorder: always complies, keeps the gaps the engine showed it, and copies the run state where asked. */
function recorder(c: CompiledScenario, state: DeterrenceView & { roll: VoteRoll }, gaps: Float64Array, disputed: Uint8Array, hardliner: Float64Array, capture: ((period: number) => CapturedState[] | undefined) | null): Policy<'target'> {
  const B = c.nBenchmarks;
  const action: TargetAction & { kind: 'act' } = { kind: 'act', moves: new Array(B).fill('comply'), reports: new Array(B).fill('honest') };
  return {
    name: 'audit-recorder',
    meta: { role: 'target', stochastic: false, memoryDepth: 0, observes: ['valueGap'], external: false, description: 'complies always and records the value gaps it is shown' },
    decide(o: TargetObservation) {
      const t = o.period;
      for (let b = 0; b < B; b++) {
        gaps[t * B + b] = o.valueGap[b];
        disputed[t * B + b] = o.underDispute[b];
      }
      // The best response defies where politics allows it and defying pays (its decideByGap).
      hardliner[t] = o.hardlinerInfluence >= o.defianceThreshold && o.defianceGap < 0 ? 1 : 0;
      capture?.(t)?.push({ view: copyView(state), voting: Uint8Array.from(state.roll.voting), hawk: Float64Array.from(state.roll.hawk) });
      return action;
    },
  };
}

/** The fields of a deterrence view; the type check below fails if the engine adds one this list misses. */
const VIEW_KEYS = ['period', 'type', 'hardliner', 'level', 'trState', 'trEffectiveFrom', 'trRenewals', 'trClearedAt', 'escrowBal', 'strikeCount', 'capacity', 'accessMult', 'commodityMult', 'cohesionInDeal', 'posterior', 'evasion', 'collapsed', 'claimed', 'restoreTarget', 'hidden', 'stall', 'repDue', 'repFlag', 'repBench', 'disputeOpen', 'disputeDeadline', 'disputeBench', 'trUntil', 'oneOffMet'] as const satisfies readonly (keyof DeterrenceView)[];
type Unlisted = Exclude<keyof DeterrenceView, (typeof VIEW_KEYS)[number]>;
const everyViewKeyListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyViewKeyListed;

/** A copy of a run state's deterrence fields (the run goes on and overwrites them): arrays copied, the rest as they are. */
export function copyView(v: DeterrenceView): DeterrenceView {
  const out: Record<string, unknown> = {};
  for (const k of VIEW_KEYS) {
    const x = v[k] as unknown;
    out[k] = ArrayBuffer.isView(x) ? (x as unknown as { slice(): unknown }).slice() : Array.isArray(x) ? [...x] : x;
  }
  return out as unknown as DeterrenceView;
}

/**
 * Traces the compliant path over `runs` seeded runs.
 *
 * @param scenario a validated scenario (its own policies play every role but the target; the coalition models a best-responding target)
 * @param runs number of runs, at least 1
 * @param masterSeed run i uses runSeed(masterSeed, i)
 * @param capture moments (type index, period) whose run states to keep in `views`
 * @throws RangeError if runs is not a whole number >= 1
 * @example traceCompliantPath(baseline, 200, 1).byType[1].releasePeriod // the opportunist's schedule
 */
export function traceCompliantPath(scenario: Scenario, runs: number, masterSeed = 1, capture: readonly { typeIndex: number; period: number }[] = []): CompliantPath {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs: ${runs} is not a whole number >= 1`);
  const c = compileScenario(withBestResponse(scenario));
  const H = c.horizon;
  const B = c.nBenchmarks;
  const T = c.nTranches;
  const gaps = new Float64Array(H * B);
  const disputed = new Uint8Array(H * B);
  // Per period: 1 where the best response would defy (politics allows it and it pays), 0 if not, NaN where the target did not decide.
  const hard = new Float64Array(H);
  const engine = new Engine(c);
  engine.needsValueGap = true;
  const views = new Map<string, CapturedState[]>(capture.map((m) => [`${m.typeIndex}/${m.period}`, []]));
  const target = TARGET_TYPES.map((_, ti) => recorder(c, engine.s, gaps, disputed, hard, views.size > 0 ? (t) => views.get(`${ti}/${t}`) : null) as Policy);
  const fixed = scenarioPolicies(c);
  const elected = electedPolicies(c);
  // Policies with memory start each run fresh, as the runner's do.
  const remembers = [...fixed, ...elected].some((p) => p !== null && p.meta.memoryDepth > 0);
  const acc = TARGET_TYPES.map(() => ({
    runs: 0,
    sum: new Float64Array(H * B),
    n: new Int32Array(H * B),
    neg: new Int32Array(H * B),
    tSum: new Float64Array(H * T),
    tN: new Int32Array(H * T),
    tNeg: new Int32Array(H * T),
    release: Array.from({ length: T }, () => [] as number[]),
  }));
  const out: PathRun[] = [];
  for (let i = 0; i < runs; i++) {
    gaps.fill(NaN);
    disputed.fill(0);
    hard.fill(NaN);
    engine.start(runSeed(masterSeed, i), false);
    // The type is drawn at the start; that type's recorder keeps the run states it was asked for.
    const ti = engine.s.initialType;
    const policies = remembers ? scenarioPolicies(c) : [...fixed];
    policies[SLOT.target] = target[ti];
    playOut(engine, policies, remembers ? electedPolicies(c) : elected);
    const a = acc[ti];
    a.runs++;
    let firstCheat = -1;
    let firstDefy = -1;
    let firstBench: number[] = [];
    for (let t = 0; t < H; t++) {
      if (Number.isNaN(hard[t])) continue;
      if (hard[t] === 1 && firstDefy < 0) firstDefy = t;
      for (let b = 0; b < B; b++) {
        const g = gaps[t * B + b];
        if (Number.isNaN(g)) continue;
        a.sum[t * B + b] += g;
        a.n[t * B + b]++;
        if (g < 0) a.neg[t * B + b]++;
      }
      if (firstCheat < 0 && firstDefy < 0) {
        const at = [];
        for (let b = 0; b < B; b++) if (gaps[t * B + b] < 0) at.push(b);
        if (at.length > 0) {
          firstCheat = t;
          firstBench = at;
        }
      }
      for (let k = 0; k < T; k++) {
        let m = Infinity;
        let any = false;
        for (let b = 0; b < B; b++) if (c.trancheBench[k * B + b]) {
          any = true;
          m = Math.min(m, gaps[t * B + b]);
        }
        if (!any) for (let b = 0; b < B; b++) m = Math.min(m, gaps[t * B + b]);
        if (!Number.isFinite(m)) continue;
        a.tSum[t * T + k] += m;
        a.tN[t * T + k]++;
        if (m < 0) a.tNeg[t * T + k]++;
      }
    }
    engine.s.trReleasedAt.forEach((p, k) => a.release[k].push(p));
    out.push({ type: ti, firstCheatPeriod: firstCheat, firstCheatBenchmarks: firstBench, firstDefiancePeriod: firstDefy });
  }
  const ratio = (s: ArrayLike<number>, n: ArrayLike<number>) => Float64Array.from(s, (x, j) => (n[j] > 0 ? x / n[j] : NaN));
  const byType = acc.flatMap((a, ti): PathOfType[] => {
    if (a.runs === 0) return [];
    return [
      {
        type: TARGET_TYPES[ti],
        runs: a.runs,
        meanGap: ratio(a.sum, a.n),
        negativeShare: ratio(a.neg, a.n),
        trancheMargin: ratio(a.tSum, a.tN),
        trancheNegativeShare: ratio(a.tNeg, a.tN),
        releasePeriod: a.release.map((ps) => medianRelease(ps)),
      },
    ];
  });
  return { horizon: H, benchmarks: [...c.benchmarkIds], tranches: [...c.trancheIds], byType, runs: out, views };
}

/** The median release period when more than half the runs release the tranche, else -1. */
function medianRelease(periods: number[]): number {
  const released = periods.filter((p) => p >= 0).sort((x, y) => x - y);
  if (released.length * 2 <= periods.length) return -1;
  // The median over all runs (never-released ones count as late): it lies among the released ones.
  const all = [...released, ...periods.filter((p) => p < 0).map(() => Infinity)];
  return all[Math.floor((all.length - 1) / 2)];
}

