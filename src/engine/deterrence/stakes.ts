import { DELIVERY, NEVER_PERIOD, implementationRate, licenceLapsing, type CompiledScenario } from '../compile.ts';
import type { TargetType } from '../../scenario/schema.ts';
import { newVoteRoll, triggerProbability, type VoteRoll } from '../actors/coalition/vote.ts';
import { beliefAfterFlag } from '../actors/coalition/belief.ts';
import { accessNow, falseAlarmProbability, flagProbabilityIfViolating, inspectionCatchProbability, targetDetectionPerPeriod } from '../detection.ts';
import type { DeterrenceInputs } from './margin.ts';
import { TargetPlan, type PlanEnv, type PlanQ, type PlanState } from './plan.ts';

/**
 * The target's deterrence inputs from a narrow, read-only view of a design and a
 * moment: nothing here writes to a run. The engine passes its run state (which has
 * these fields); the design audit can build a view from a design alone
 * (`scheduledView`). Scratch space belongs to the caller.
 */
export interface DeterrenceView {
  readonly period: number;
  readonly type: TargetType;
  readonly hardliner: number;
  readonly level: ArrayLike<number>;
  /** TRANCHE codes (state.ts): pending, inForce, revoked, blocked. */
  readonly trState: ArrayLike<number>;
  readonly trEffectiveFrom: ArrayLike<number>;
  readonly trRenewals: ArrayLike<number>;
  readonly trClearedAt: ArrayLike<number>;
  readonly escrowBal: ArrayLike<number>;
  readonly strikeCount: number;
  readonly capacity: number;
  readonly accessMult: number;
  readonly commodityMult: number;
  readonly cohesionInDeal: number;
  readonly posterior: ArrayLike<number>;
  readonly evasion: number;
  readonly collapsed: boolean;
  /** The target's benchmark records: what it claims, the level it must restore, violations no report has exposed. */
  readonly claimed: ArrayLike<number>;
  readonly restoreTarget: ArrayLike<number>;
  readonly hidden: ArrayLike<number>;
  /** Periods each benchmark's release clock has lost to the target's violations and disputes. */
  readonly stall: ArrayLike<number>;
  /** Reports in flight: due period (-1 free), flagged, and the benchmarks each names. */
  readonly repDue: ArrayLike<number>;
  readonly repFlag: ArrayLike<number>;
  readonly repBench: ArrayLike<number>;
  readonly disputeOpen: boolean;
  readonly disputeDeadline: number;
  readonly disputeBench: ArrayLike<number>;
  readonly trUntil: ArrayLike<number>;
  /** One-off conditions verified met (settled: nothing left to violate). */
  readonly oneOffMet: ArrayLike<number>;
}

/** The caller's scratch: per-tranche stakes, the deterrence inputs, and a vote roll over the view's voting members. */
export interface DeterrenceScratch {
  stakeValue: Float64Array;
  stakeCred: Float64Array;
  stakeLive: Uint8Array;
  inputs: DeterrenceInputs;
  roll: VoteRoll;
  /** The target's plan per type, solved on first use (once per design and type). */
  plans: (TargetPlan | null)[];
  planState: PlanState;
  planEnv: PlanEnv;
  planQ: PlanQ;
  /** The schedule period the plan is read at this moment (readPlanScales). */
  planAt: number;
  /** V_stay - V_defy at the last fillValueGaps: negative when open defiance pays. */
  defianceGap: number;
}

const PENDING = 0;
const IN_FORCE = 1;
const REVOKED = 2;
const BLOCKED = 3;

export function newDeterrenceScratch(c: CompiledScenario, roll?: VoteRoll): DeterrenceScratch {
  const T = c.nTranches;
  return {
    stakeValue: new Float64Array(T),
    stakeCred: new Float64Array(T),
    stakeLive: new Uint8Array(T),
    inputs: {} as DeterrenceInputs,
    roll: roll ?? newVoteRoll(c.consequences.trigger, c.consequences.discretionaryBeliefThreshold, new Uint8Array(c.nMembers).fill(1), c.memberWeight, c.memberHawk, c.memberVoteCeiling),
    plans: c.types.map(() => null),
    planState: { phase: 0, u: 0, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 0 },
    planEnv: { catchGamed: 0, catchShown: 0, falseAlarm: 0, kappa: 1, reliefScale: 1, gainScale: 1 },
    planQ: { comply: 0, cheat: 0 },
    planAt: 0,
    defianceGap: 0,
  };
}

/**
 * Credibility of a discretionary re-imposition if the target were caught now: the
 * trigger rule's chance of firing at the belief a flagged report would leave, times
 * the re-imposition capacity left after erosion. The same for every benchmark.
 */
export function consequenceCredibility(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch): number {
  const access = accessNow(c, v.accessMult);
  const beliefIfCaught = beliefAfterFlag(v.posterior, c.assumedViolation, flagProbabilityIfViolating(c, access), falseAlarmProbability(c));
  return triggerProbability(x.roll, beliefIfCaught) * v.capacity;
}

/**
 * What a consequence could take from the target now, tranche by tranche: tranches in
 * force, tranches still to come (discounted to their expected release) and escrow
 * balances, each with the credibility of taking it (a lapsing licence needs no
 * decision). Revoked and blocked tranches have nothing left to take.
 */
export function fillTrancheStakes(c: CompiledScenario, v: DeterrenceView, credDiscretionary: number, x: DeterrenceScratch): void {
  const T = c.nTranches;
  const B = c.nBenchmarks;
  const t = v.period;
  const type = v.type;
  const relief = (type.reliefValuePerPeriod + c.investmentAssurancePerPeriod) * v.commodityMult * v.cohesionInDeal;
  const lag = c.verification.reportLagPeriods;
  const maxPow = c.discountPow.length - 1;
  for (let k = 0; k < T; k++) {
    const state = v.trState[k];
    const live = state === PENDING || state === IN_FORCE;
    x.stakeLive[k] = live ? 1 : 0;
    if (!live) continue;
    const lapsing = licenceLapsing(c, k, v.trRenewals[k]);
    x.stakeCred[k] = lapsing ? 1 : credDiscretionary;
    const delivered = relief * c.tranchePain[k] * c.trancheReliability[k];
    let value: number;
    if (state === IN_FORCE) value = t >= v.trEffectiveFrom[k] ? delivered : delivered * c.discountPow[Math.min(v.trEffectiveFrom[k] - t, maxPow)];
    else {
      // Expected release: when the slowest needed benchmark can reach the level, is
      // verified after the lag and held for the sustained periods; not before earliest.
      let reach = 0;
      for (let j = 0; j < B; j++) {
        if (!c.trancheBench[k * B + j]) continue;
        const gapLevel = c.trancheRequired[k] - v.level[j];
        if (gapLevel > 1e-12) reach = Math.max(reach, Math.max(0, c.benchStart[j] - t) + Math.ceil(gapLevel / Math.max(1e-6, implementationRate(c, type, j))));
      }
      // A clearance not yet given is expected (1 - h) / h periods after the earliest period, or after now if that is later.
      const opens = t >= v.trClearedAt[k] ? c.trancheEarliest[k] : Math.max(c.trancheEarliest[k], t) + c.trancheClearanceWait[k];
      const held = c.trancheSustainFromEarliest[k] ? Math.max(c.trancheEarliest[k] - t, reach + lag + 1) + c.trancheSustained[k] : reach + lag + 1 + c.trancheSustained[k];
      const eta = Math.min(maxPow, Math.max(opens - t, reach + lag + 1 + c.trancheSustained[k], held) + c.trancheDelay[k]);
      value = delivered * c.discountPow[eta] + (1 - c.discountFactor) * v.escrowBal[k];
    }
    x.stakeValue[k] = value;
  }
}

/** Deterrence inputs for benchmark b from this moment's tranche stakes (fillTrancheStakes first). */
export function fillDeterrence(c: CompiledScenario, v: DeterrenceView, b: number, credDiscretionary: number, x: DeterrenceScratch): DeterrenceInputs {
  const cons = c.consequences;
  const T = c.nTranches;
  const maxPow = c.discountPow.length - 1;
  const p = targetDetectionPerPeriod(c, b, accessNow(c, v.accessMult), v.type.gamingPropensity);
  let stake = 0;
  let weighted = 0;
  for (let k = 0; k < T; k++) {
    if (!c.atRisk[b * T + k] || !x.stakeLive[k]) continue;
    stake += x.stakeValue[k] * x.stakeCred[k];
    weighted += x.stakeValue[k];
  }
  stake += c.technicalAssistancePerPeriod * credDiscretionary;
  weighted += c.technicalAssistancePerPeriod;
  const credibility = weighted > 0 ? stake / weighted : credDiscretionary;
  // A re-imposition of D periods costs the stake for D periods only.
  if (cons.reimpositionPeriods > 0) stake *= 1 - c.discountPow[Math.min(cons.reimpositionPeriods, maxPow)];
  const k = cons.thresholdViolations;
  const out = x.inputs;
  out.discountFactor = c.discountFactor;
  out.detectionPerPeriod = p;
  out.thresholdFactor = v.strikeCount + 1 >= k ? 1 : Math.pow(p, k - 1 - v.strikeCount);
  out.stakePerPeriod = stake;
  out.credibility = credibility;
  out.punishmentDelayPeriods = c.verification.reportLagPeriods + cons.disputeWindowPeriods;
  out.delayDiscount = c.discountPow[Math.min(out.punishmentDelayPeriods, maxPow)];
  out.reputationalCost = c.publicDetections ? c.reputationalCostPerDetection : 0;
  // Hardliner influence pushes the gain from cheating up, whatever its sign.
  const g = v.type.cheatGainPerPeriod;
  out.cheatGain = c.benchGainShare[b] * (g + c.politics.cheatGainMultiplier * v.hardliner * Math.abs(g));
  return out;
}

/** The plan of the view's type, solved on first use and kept in the scratch. */
export function planFor(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch): TargetPlan {
  const i = c.types.indexOf(v.type);
  if (i < 0) return new TargetPlan(c, v.type);
  return (x.plans[i] ??= new TargetPlan(c, v.type));
}

/**
 * The abstract state (plan.ts) of decision unit u read from the view: benchmark u, or,
 * for u = nBenchmarks, all benchmarks together (the worst of each record).
 */
export function planStateOf(c: CompiledScenario, v: DeterrenceView, plan: TargetPlan, u: number, st: PlanState): PlanState {
  const T = c.nTranches;
  const B = c.nBenchmarks;
  const t = v.period;
  const all = u >= B;
  const first = all ? 0 : u;
  const end = all ? B : u + 1;
  st.phase = 0;
  st.u = 0;
  for (let k = 0; k < T; k++) {
    let risk = false;
    for (let b = first; b < end && !risk; b++) risk = c.atRisk[b * T + k] === 1;
    if (!risk) continue;
    if (v.trState[k] === BLOCKED) {
      st.phase = 1;
      st.u = Math.max(st.u, v.trUntil[k] - t + plan.reEarnPeriods(u));
    } else if (v.trState[k] === REVOKED && st.phase === 0) st.phase = 2;
  }
  if (st.phase === 1) st.u = Math.max(1, Math.min(plan.maxBlock, st.u));
  st.n = 0;
  st.vis = 0;
  st.j = 0;
  st.s = 0;
  let disputed = false;
  for (let b = first; b < end; b++) {
    // Hidden only while the claim still stands at what was performed: a claim below it (an
    // honest report of an earlier drop) shows the violation, and all of it is owed.
    const gamed = v.hidden[b] === 1 && v.claimed[b] > v.level[b] + 1e-12 && v.claimed[b] >= v.restoreTarget[b] - 1e-12;
    const owedLevel = gamed ? v.claimed[b] - v.level[b] : v.restoreTarget[b] - v.level[b];
    const rho = Math.max(1e-6, implementationRate(c, v.type, b));
    const n = owedLevel > 1e-9 || v.hidden[b] ? Math.max(1, Math.ceil(owedLevel / rho - 1e-9)) : 0;
    st.n = Math.max(st.n, n);
    if (n > 0 && !gamed) st.vis = 1;
    for (let r = 0; r < v.repDue.length; r++) {
      if (v.repDue[r] < 0 || v.repFlag[r] !== 1 || !v.repBench[r * B + b]) continue;
      const due = v.repDue[r] - t;
      if (due > 0 && (st.j === 0 || due < st.j)) st.j = due;
    }
    st.s = Math.max(st.s, plan.stallIndex(v.stall[b]));
    if (v.disputeBench[b]) disputed = true;
  }
  // Owing more than the tables hold reads as the most they hold (an index past the layer is NaN).
  st.n = Math.min(st.n, plan.maxOwed);
  st.j = Math.min(st.j, c.verification.reportLagPeriods);
  st.sigma = Math.min(Math.max(0, c.consequences.thresholdViolations - 1), v.strikeCount);
  st.w = v.disputeOpen && disputed ? Math.max(0, Math.min(c.consequences.disputeWindowPeriods, v.disputeDeadline - t)) : 0;
  return st;
}

/**
 * The plan's release clock that matches the run: the tranches giving relief now are
 * those the compliant schedule has by then, so a run behind schedule (violations,
 * disputes, a late clearance) reads the plan earlier in its schedule and one ahead of
 * it (an early clearance) later. Between those bounds, the run's own stall decides.
 */
export function releaseClock(c: CompiledScenario, v: DeterrenceView, plan: TargetPlan): number {
  const t = v.period;
  const from = plan.schedule.reliefFrom;
  let stall = 0;
  for (let b = 0; b < c.nBenchmarks; b++) stall = Math.max(stall, v.stall[b]);
  let low = -1;
  let high = NEVER_PERIOD;
  for (let k = 0; k < c.nTranches; k++) {
    const state = v.trState[k];
    const relieving = state === IN_FORCE ? t >= v.trEffectiveFrom[k] : state === PENDING && c.trancheDelivery[k] === DELIVERY.escrow && t >= c.trancheEarliest[k];
    if (relieving) low = Math.max(low, from[k]);
    else if (state === IN_FORCE) {
      // Released, its relief still in delivery: the schedule's period with the same wait to it.
      const same = from[k] - (v.trEffectiveFrom[k] - t);
      low = Math.max(low, same);
      high = Math.min(high, same);
    } else if (state === PENDING) high = Math.min(high, from[k] - 1);
  }
  const clock = Math.max(low, Math.min(high, t - stall));
  return Math.max(0, clock);
}

/**
 * This moment's scales for reading the plan, into x.planEnv: the trigger's credibility, relief
 * (commodity prices x the members still in the deal x (1 - evasion)) and the cheat gain
 * (hardliner influence now). Returns the stall bucket the plan is read at and sets x.planAt,
 * the schedule period whose relief matches the run's (releaseClock) plus that stall: a delay
 * beyond the buckets moves the reading earlier. Shared by the decision and the leverage measure.
 */
export function readPlanScales(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch, plan: TargetPlan): number {
  const env = x.planEnv;
  env.kappa = consequenceCredibility(c, v, x);
  env.reliefScale = v.commodityMult * v.cohesionInDeal * (1 - v.evasion);
  const g = v.type.cheatGainPerPeriod;
  const gainNow = g + c.politics.cheatGainMultiplier * v.hardliner * Math.abs(g);
  env.gainScale = plan.nominalGain !== 0 ? gainNow / plan.nominalGain : 1;
  const clock = releaseClock(c, v, plan);
  const s = plan.stallIndex(Math.max(0, v.period - clock));
  x.planAt = clock + plan.stallPeriods(s);
  return s;
}

/** Relative margin below which cheating on all benchmarks at once ties with the benchmark-by-benchmark choice. */
const JOINT_TIE = 1e-9;

/**
 * V_comply - V_cheat on every benchmark at this moment, into `out`, from the type's
 * plan (plan.ts) under this period's access, credibility, relief and gain; and, in
 * x.defianceGap, the value of staying in the deal less that of defying openly. Each
 * benchmark's gap is its own unit's; when cheating on all benchmarks at once is worth
 * more than the best benchmark-by-benchmark choice, every gap is that margin (negative).
 */
export function fillValueGaps(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch, out: Float64Array): Float64Array {
  const plan = planFor(c, v, x);
  const B = c.nBenchmarks;
  const access = accessNow(c, v.accessMult);
  const inspects = v.period % c.verification.inspectionIntervalPeriods === 0 && access > 0 && !v.collapsed;
  const env = x.planEnv;
  env.catchShown = inspects ? 1 : 0;
  env.falseAlarm = inspects ? falseAlarmProbability(c) : 0;
  const s = readPlanScales(c, v, x, plan);
  const at = x.planAt;
  let missAll = 1;
  let byBenchmark = 0;
  let stay = -Infinity;
  for (let b = 0; b < B; b++) {
    // A settled one-off condition cannot be violated: nothing to weigh.
    if (v.oneOffMet[b]) {
      out[b] = 0;
      continue;
    }
    const catchB = inspects ? inspectionCatchProbability(c, b, access, true) : 0;
    missAll *= 1 - catchB;
    env.catchGamed = catchB;
    const st = planStateOf(c, v, plan, b, x.planState);
    st.s = s;
    const q = plan.q(b, at, st, env, x.planQ);
    out[b] = q.comply - q.cheat;
    byBenchmark += Math.max(0, -out[b]);
    stay = Math.max(stay, q.comply, q.cheat);
  }
  if (plan.units > B) {
    env.catchGamed = 1 - missAll;
    const st = planStateOf(c, v, plan, B, x.planState);
    st.s = s;
    const q = plan.q(B, at, st, env, x.planQ);
    const everywhere = q.cheat - (q.comply + byBenchmark);
    // Beyond rounding only: when cheating everywhere is exactly the best benchmark-by-benchmark
    // choice (a tie, as when every benchmark is best cheated anyway), the last bits of two
    // sums must not decide whether every gap becomes that tie's margin.
    if (everywhere > JOINT_TIE * (1 + Math.abs(q.cheat))) out.fill(-everywhere);
    stay = Math.max(stay, q.cheat, q.comply + byBenchmark);
  }
  // Defying: the deal ends now; what a divided or evaded coalition leaves is relief
  // in both worlds (it cancels), so only the programme pursued openly and the costs differ.
  const d = v.type.defianceGainPerPeriod;
  const defyGain = d + c.politics.cheatGainMultiplier * v.hardliner * Math.abs(d);
  x.defianceGap = stay - (defyGain / (1 - c.discountFactor) + plan.collapsedValue(at));
  return out;
}

/**
 * A view of the design alone at period `period`, as the audit needs it: the target of
 * type `typeIndex` at its starting levels, no tranche released yet, a united coalition
 * at its prior, full capacity, no shocks.
 */
export function scheduledView(c: CompiledScenario, typeIndex: number, period = 0): DeterrenceView {
  const type = c.types[typeIndex];
  const T = c.nTranches;
  return {
    period,
    type,
    hardliner: type.initialHardlinerInfluence,
    level: c.benchInitial,
    trState: new Uint8Array(T),
    trEffectiveFrom: new Int32Array(T),
    trRenewals: new Int32Array(T),
    trClearedAt: c.trancheEarliest,
    escrowBal: new Float64Array(T),
    strikeCount: 0,
    capacity: 1,
    accessMult: 1,
    commodityMult: 1,
    cohesionInDeal: 1,
    posterior: c.typePrior,
    evasion: 0,
    collapsed: false,
    claimed: c.benchInitial,
    restoreTarget: c.benchInitial,
    hidden: new Uint8Array(c.nBenchmarks),
    stall: new Int32Array(c.nBenchmarks),
    repDue: new Int32Array(0),
    repFlag: new Int8Array(0),
    repBench: new Uint8Array(0),
    disputeOpen: false,
    disputeDeadline: 0,
    disputeBench: new Uint8Array(c.nBenchmarks),
    trUntil: new Int32Array(T).fill(-1),
    oneOffMet: new Uint8Array(c.nBenchmarks),
  };
}
