import { implementationRate, licenceLapsing, NEVER_PERIOD, type CompiledScenario } from '../compile.ts';
import type { TargetType } from '../../scenario/schema.ts';
import { inspectionCatchProbability } from '../detection.ts';
import { compliantSchedule, type CompliantSchedule } from './schedule.ts';
import { QTable } from './q-table.ts';

/**
 * The target's problem solved exactly, as a finite Markov decision problem over an
 * abstract state, once per design and type (docs/model.md section 7 has the
 * derivation). For each benchmark b, with the other benchmarks on their compliant
 * path, the state at a decision is
 *
 *   phase   normal, blocked (the tranches at risk from b re-imposed for u more periods,
 *           re-earning included), revoked (taken for good), or collapsed;
 *   n       periods of compliance still owed before b is clean again (a violation
 *           persists, and can be caught, until the level is restored);
 *   vis     the violation shows (honest statistics, or already exposed) or is hidden
 *           behind gamed statistics;
 *   j       periods until a flagged report on b is read (the report lag);
 *   sigma   strikes towards the k-of-n threshold;
 *   w       periods until an open dispute over b is decided (the cure window);
 *   s       periods the release clock has lost to b's violations and disputes, exactly up
 *           to STALL_EXACT periods and in widening buckets beyond (a stall moves up a bucket
 *           of width g with probability 1/g, so the expected loss grows by one period per
 *           stalled period however long the stall): a target that never complies never sees
 *           the relief it has not earned, up to the horizon.
 *
 * Rewards are the engine's per-period payoff: relief of the tranches in force on the
 * compliant schedule delayed by s (minus those re-imposed), technical assistance when
 * complying, compliance cost at the level reached, the cheat gain, and the reputational
 * cost of a detection. Transitions are the engine's rules: inspections on the schedule
 * (the one detection model), false alarms on a clean record, reports read after the
 * lag, strikes, disputes with a second look at the deadline (a cured target is wrongly
 * upheld with the false-alarm probability), the trigger's credibility kappa, and
 * re-impositions of the design's length. The target is long-lived: the horizon ends
 * the window we record, not the relationship, so values beyond it are the stationary
 * values of the last period's conditions (value iteration), and MODEL.md result 1 holds
 * exactly.
 *
 * Values are solved on a grid of kappa and stored by component (relief, cheat gain,
 * the rest), so a decision can rescale relief (price shocks, a divided coalition) and
 * the gain (hardliner influence) and interpolate kappa without solving again.
 */

/** The credibility grid the tables are solved on; decisions interpolate linearly between points. */
export const KAPPA_GRID: readonly number[] = [0, 0.5, 1];

/** Stalls represented period by period; longer ones in buckets twice as wide each. */
const STALL_EXACT = 4;

/**
 * The stall buckets: 0..STALL_EXACT, then widening to `limit` (a stall at which no release
 * within the horizon is left to delay). Values in periods, increasing.
 */
export function stallBuckets(limit: number): Int32Array {
  const out: number[] = [];
  for (let s = 0; s <= Math.min(STALL_EXACT, limit); s++) out.push(s);
  let s = STALL_EXACT;
  while (s < limit) {
    s = Math.min(limit, 2 * s);
    out.push(s);
  }
  return Int32Array.from(out);
}

const PHASE_NORMAL = 0;
const PHASE_BLOCKED = 1;
const PHASE_REVOKED = 2;

/** The abstract state of one benchmark at a decision (see the module comment). */
export interface PlanState {
  phase: 0 | 1 | 2;
  /** Periods of the block left (phase blocked). */
  u: number;
  n: number;
  vis: number;
  j: number;
  sigma: number;
  w: number;
  /** The stall's bucket index (stallPeriods gives its periods). */
  s: number;
}

/** This period's conditions: what an inspection at the end of it can do, and the scales. */
export interface PlanEnv {
  /** Chance an inspection this period exposes a gamed violation on b (0: no inspection or no access). */
  catchGamed: number;
  /** Chance it exposes a violation that shows (1 with access, 0 without). */
  catchShown: number;
  /** Chance of a false alarm on a clean record this period. */
  falseAlarm: number;
  /** Credibility of the consequence now, in [0, 1]. */
  kappa: number;
  /** Relief relative to the plan's (commodity prices, a divided coalition). */
  reliefScale: number;
  /** Cheat gain relative to the plan's (hardliner influence). */
  gainScale: number;
}

/** Values of complying and of cheating on one benchmark now. */
export interface PlanQ {
  comply: number;
  cheat: number;
  /**
   * The relief parts of the two values (utility): the discounted relief each keeps; filled
   * by `sustained` (the leverage measure reads them), not by `q`.
   */
  complyRelief?: number;
  cheatRelief?: number;
}

/** Whose values a table holds: the best response's, or a fixed policy's (always comply, always cheat). */
const BEST = -1;
const ALWAYS_COMPLY = 0;
const ALWAYS_CHEAT = 1;

interface Dims {
  N1: number;
  J: number;
  K: number;
  W1: number;
  S1: number;
  U: number;
  normal: number;
  blocked: number;
  revoked: number;
  total: number;
}

function dims(N1: number, J: number, K: number, W1: number, S1: number, U: number): Dims {
  const normal = N1 * 2 * J * K * W1 * S1;
  const blocked = U * N1 * 2 * S1;
  const revoked = N1 * 2 * S1;
  return { N1, J, K, W1, S1, U, normal, blocked, revoked, total: normal + blocked + revoked };
}

/**
 * One layer of values (a period, or the stationary tail): for state i, v[3i] the total,
 * v[3i + 1] its relief part and v[3i + 2] its gain part, the parts rounded to float32 (the
 * rescaling needs no more). A state's three values are adjacent: a run's reads jump across
 * tables of tens of megabytes, and one cache line per state instead of three is most of
 * what a decision costs.
 */
interface Layer {
  v: Float64Array;
  /** Value once collapsed (relief 0 under a united coalition: only the cost of decaying levels). */
  collapsed: number;
}

const newLayer = (n: number): Layer => ({ v: new Float64Array(3 * n), collapsed: 0 });

// The steps of a recorded continuation (replay): what each adds or subtracts, in order.
const OP_ADD = 0; // p x the next layer's value of a state
const OP_READ = 1; // p x the licence loss of a flag read at t + 1
const OP_LAPSE = 2; // p x a sustained breach's licence loss (ALWAYS_CHEAT tables)
const OP_COLLAPSE = 3; // p x the next layer's collapsed value
const OP_REST = 4; // a detection's reputational cost, from this period's reward

/** Recorded steps, appended in order (kind, the next state's index for OP_ADD, the coefficient). */
class PlanOps {
  kind: Uint8Array;
  index: Int32Array;
  coef: Float64Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.kind = new Uint8Array(Math.max(1, capacity));
    this.index = new Int32Array(Math.max(1, capacity));
    this.coef = new Float64Array(Math.max(1, capacity));
  }

  push(kind: number, index: number, coef: number): void {
    if (this.length === this.kind.length) {
      const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.index = grow(this.index, (n) => new Int32Array(n));
      this.coef = grow(this.coef, (n) => new Float64Array(n));
    }
    this.kind[this.length] = kind;
    this.index[this.length] = index;
    this.coef[this.length] = coef;
    this.length++;
  }
}

/**
 * One solve's recorded continuations: steps from[e] .. from[e] + len[e] for entry
 * e = (state, action, period class); from -1 until recorded. While solving, a class is its
 * five bits (layer); once solved, the best response's steps are kept for `q`, with the
 * classes that occurred numbered 0..m-1 (`classOf`, -1 for one that did not).
 */
interface SolveSteps {
  ops: PlanOps;
  from: Int32Array;
  len: Uint8Array;
  /** Per stall bucket at the current period: its class bits (the unit still open, its level short). */
  stallClass: Uint8Array;
  classOf: Int8Array;
  classes: number;
}

const CLASS_BITS = 128;

/** Whether a period's conditions can expose anything (an inspection with an effect): a class bit of the replay. */
const inspectionBit = (env: PlanEnv): number => (env.catchShown > 0 || env.catchGamed > 0 || env.falseAlarm > 0 ? 1 : 0);

/** The solved steps with only the classes that occurred, and the ops buffer cut to its length. */
function compactSteps(steps: SolveSteps, states: number): SolveSteps {
  const classOf = new Int8Array(CLASS_BITS).fill(-1);
  let m = 0;
  for (let e = 0; e < steps.from.length; e++) if (steps.from[e] >= 0 && classOf[e % CLASS_BITS] < 0) classOf[e % CLASS_BITS] = m++;
  const from = new Int32Array(states * 2 * m).fill(-1);
  const len = new Uint8Array(states * 2 * m);
  for (let e = 0; e < steps.from.length; e++) {
    if (steps.from[e] < 0) continue;
    const to = Math.floor(e / CLASS_BITS) * m + classOf[e % CLASS_BITS];
    from[to] = steps.from[e];
    len[to] = steps.len[e];
  }
  const ops = new PlanOps(steps.ops.length);
  ops.kind.set(steps.ops.kind.subarray(0, steps.ops.length));
  ops.index.set(steps.ops.index.subarray(0, steps.ops.length));
  ops.coef.set(steps.ops.coef.subarray(0, steps.ops.length));
  ops.length = steps.ops.length;
  return { ops, from, len, stallClass: steps.stallClass, classOf, classes: m };
}

export class TargetPlan {
  readonly schedule: CompliantSchedule;
  private readonly c: CompiledScenario;
  private readonly type: TargetType;
  private readonly d: Dims;
  private readonly tail: Dims;
  /** Restoration periods one period of cheating costs: backslide / implementation rate, at least 1 (the most of any unit). */
  readonly owedPerCheat: number;
  /** The same per decision unit (each benchmark's own rate; all together: the slowest). */
  private readonly unitOwed: Int32Array;
  /** unitStart[u]: the first period complying restores the unit's level (its benchmark's startPeriod; the joint unit's latest). */
  private readonly unitStart: Int32Array;
  /** Per unit: its share of the type's cheat gain and of its compliance cost (all together: 1). */
  private readonly unitGain: Float64Array;
  private readonly unitCost: Float64Array;
  /** unitCostShare[u * H + t]: unitShare weighted by cost shares (the same for one benchmark). */
  private readonly unitCostShare: Float64Array;
  /** Nominal gain per period of cheating on all benchmarks (at the type's starting hardliner influence). */
  readonly nominalGain: number;
  private readonly relief0: number;
  /**
   * Decision units: each benchmark (the others on their compliant path), then, with more
   * than one benchmark, all of them together (cheating everywhere at once costs one
   * report's reputation and loses what was never released: not the sum of its parts).
   */
  readonly units: number;
  private readonly unitRisk: Uint8Array;
  /** unitShare[u * H + t]: the unit's compliance share (level / required, weighted) on the schedule. */
  private readonly unitShare: Float64Array;
  /** Share lost per period of compliance owed. */
  private readonly unitDrop: Float64Array;
  /** Share of false alarms that name the unit. */
  private readonly unitAlarm: Float64Array;
  /** layers[u][kappaIndex][t], t = 0..H-1, and the tail at index H; solved on first use. */
  private readonly layers: (Layer[] | null)[][];
  /** The same for the fixed policies, always comply and always cheat on the unit (`sustained`, for the leverage measure). */
  private readonly fixedLayers: (Layer[] | null)[][][];
  /**
   * From this period on nothing in the schedule changes any more (every tranche in force
   * however the clock stalled, levels at their final values, an inspection every period):
   * those periods are the stationary tail itself.
   */
  private readonly stationaryFrom: number;
  /** reliefAt[b][phase][t * S1 + s]: relief per period with the release clock s behind. */
  private readonly reliefAt: Float64Array[][];
  /**
   * allInForceAt[t * S1 + s]: every tranche is in force on the schedule at period t with the
   * clock s behind. From then on a stall has nothing left to delay, so it stops growing: a
   * bucket's jump (stallUp) would otherwise take back relief already given, which the engine
   * never does (a released tranche is lost only to a consequence).
   */
  private readonly allInForceAt: Uint8Array;
  private readonly costOthers: Float64Array[];
  /**
   * escrowAt[t * S1 + s]: what the target's own escrow (design.targetEscrow) pays the
   * target at period t with the release clock s behind: minus the amount at the deposit,
   * and each share at its expiry whose tranche the schedule has not released before it.
   */
  private readonly escrowAt: Float64Array;
  private readonly catchGamedNominal: Float64Array;
  private readonly reEarn: Int32Array;
  /**
   * licenceLoss[t * S1 + s]: relief lost through licences when a flag is read at period t
   * with the release clock s behind: only licences in force there (a licence the stall has
   * kept back cannot lapse; charging it too counted its relief twice, once withheld by the
   * stall and once lost to the flag). The tail (t = H) treats every tranche as released.
   */
  private readonly licenceLoss: Float64Array;
  /** bestSteps[u][kappaIndex]: the best response's solve recorded (replay), for `q`; null until solved here. */
  private readonly bestSteps: (SolveSteps | null)[][];
  /** The stall buckets' periods (stallBuckets). */
  private readonly stallAt: Int32Array;
  /** stallUp[i]: chance a stalled period moves bucket i up (1 / its width). */
  private readonly stallUp: Float64Array;
  /**
   * unitOpen[u * H + t]: weight of the unit's benchmarks that can still be violated at
   * schedule period t (one-off conditions verified met cannot); its cheat gain and its
   * share's drop scale with it, and a unit with nothing open can only comply.
   */
  private readonly unitOpen: Float64Array;
  private readonly unitDropAt: Float64Array;
  /** The same weighted by the benchmarks' shares of the cheat gain and of the compliance cost (benchGainShare, benchCostShare). */
  private readonly unitGainOpen: Float64Array;
  private readonly unitCostDropAt: Float64Array;
  /**
   * collapsedAt[t]: the target's value from period t on once the deal has collapsed then,
   * under a united coalition (no relief; the caller adds what a divided one leaves): nothing
   * is maintained any more, so every level decays openly from where the schedule had it,
   * at the type's backslide rate, and costs only what is left of it.
   */
  private readonly collapsedAt: Float64Array;
  /** deadlineNext[u * (H + 1) + t]: one of the unit's benchmarks has its deadline at period t. */
  private readonly deadlineNext: Uint8Array;
  /**
   * licenceLapsed[u * (H + 1) + t]: the same under a sustained breach of unit u, flag read at
   * period t. Charged once, at the catch that first exposes the breach (ALWAYS_CHEAT tables
   * only; fillLicenceLapsed says how).
   */
  private readonly licenceLapsed: Float64Array;
  /** While an ALWAYS_CHEAT backup runs: licences are charged by licenceLapsed, once, not per flag read. */
  private sustainedBreach = false;

  /**
   * @param qMemoSlots the most entries q's memo holds (q-table.ts); 0 memoises nothing (a
   *   test's reference: the values are the same bits either way)
   */
  constructor(c: CompiledScenario, type: TargetType, qMemoSlots = 1 << 19) {
    this.c = c;
    this.type = type;
    this.qTable = qMemoSlots > 0 ? new QTable(1 << 12, qMemoSlots) : null;

    const cons = c.consequences;
    const B = c.nBenchmarks;
    const U = B > 1 ? B + 1 : 1;
    // Each benchmark's own implementation rate sets how long one period of cheating takes to restore.
    const rhoOf = (b: number) => Math.max(1e-6, implementationRate(c, type, b));
    this.unitOwed = new Int32Array(U);
    for (let b = 0; b < B; b++) this.unitOwed[b] = Math.max(1, Math.ceil(type.backslideRatePerPeriod / rhoOf(b) - 1e-9));
    if (U > 1) this.unitOwed[B] = Math.max(...this.unitOwed.subarray(0, B));
    this.owedPerCheat = Math.max(...this.unitOwed);
    // The joint unit is restored when its last benchmark can be: from the latest start among
    // the benchmarks that start within the horizon (one starting after it, like South Africa's
    // elections, never holds the others back).
    this.unitStart = new Int32Array(U);
    for (let b = 0; b < B; b++) this.unitStart[b] = c.benchStart[b];
    if (U > 1) this.unitStart[B] = Math.max(0, ...Array.from(this.unitStart.subarray(0, B)).filter((s) => s < c.horizon));
    const N1 = Math.min(12, 3 * this.owedPerCheat) + 1;
    const lag = c.verification.reportLagPeriods;
    const K = Math.max(1, cons.thresholdViolations);
    const W1 = cons.disputeWindowPeriods + 1;
    const T = c.nTranches;
    const H = c.horizon;
    this.schedule = compliantSchedule(c, type);
    this.units = U;
    this.unitRisk = new Uint8Array(U * T);
    this.unitShare = new Float64Array(U * H);
    this.unitDrop = new Float64Array(U);
    this.unitAlarm = new Float64Array(U);
    this.catchGamedNominal = new Float64Array(U);
    this.unitGain = new Float64Array(U);
    this.unitCost = new Float64Array(U);
    this.unitCostShare = new Float64Array(U * H);
    let missAll = 1;
    for (let b = 0; b < B; b++) {
      const req = Math.max(1e-12, c.benchRequired[b]);
      const catchB = inspectionCatchProbability(c, b, c.verification.access, true);
      this.unitGain[b] = c.benchGainShare[b];
      this.unitCost[b] = c.benchCostShare[b];
      this.unitDrop[b] = rhoOf(b) / req;
      this.unitAlarm[b] = 1 / B;
      this.catchGamedNominal[b] = catchB;
      missAll *= 1 - catchB;
      for (let k = 0; k < T; k++) this.unitRisk[b * T + k] = c.atRisk[b * T + k];
      for (let t = 0; t < H; t++) this.unitShare[b * H + t] = Math.min(1, this.schedule.levelAfter[t * B + b] / req);
      for (let t = 0; t < H; t++) this.unitCostShare[b * H + t] = this.unitShare[b * H + t];
      if (U > 1) {
        this.unitDrop[B] += c.benchWeight[b] * this.unitDrop[b];
        for (let k = 0; k < T; k++) this.unitRisk[B * T + k] |= c.atRisk[b * T + k];
        for (let t = 0; t < H; t++) this.unitShare[B * H + t] += c.benchWeight[b] * this.unitShare[b * H + t];
        for (let t = 0; t < H; t++) this.unitCostShare[B * H + t] += c.benchCostShare[b] * this.unitShare[b * H + t];
      }
    }
    if (U > 1) {
      this.unitGain[B] = 1;
      this.unitCost[B] = 1;
      this.unitAlarm[B] = 1;
      this.catchGamedNominal[B] = 1 - missAll;
    }
    this.unitOpen = new Float64Array(U * H);
    this.unitDropAt = new Float64Array(U * H);
    this.unitGainOpen = new Float64Array(U * H);
    this.unitCostDropAt = new Float64Array(U * H);
    for (let b = 0; b < B; b++)
      for (let t = 0; t < H; t++) {
        if (t >= this.schedule.lockedFrom[b]) continue;
        this.unitOpen[b * H + t] = c.benchWeight[b];
        this.unitDropAt[b * H + t] = this.unitDrop[b];
        this.unitGainOpen[b * H + t] = c.benchGainShare[b];
        this.unitCostDropAt[b * H + t] = this.unitDrop[b];
        if (U > 1) {
          this.unitOpen[B * H + t] += c.benchWeight[b];
          this.unitDropAt[B * H + t] += c.benchWeight[b] * this.unitDrop[b];
          this.unitGainOpen[B * H + t] += c.benchGainShare[b];
          this.unitCostDropAt[B * H + t] += c.benchCostShare[b] * this.unitDrop[b];
        }
      }
    if (U > 1) for (let t = 0; t < H; t++) this.unitOpen[B * H + t] = Math.min(1, this.unitOpen[B * H + t]);
    if (U > 1) for (let t = 0; t < H; t++) this.unitGainOpen[B * H + t] = Math.min(1, this.unitGainOpen[B * H + t]);
    this.reEarn = new Int32Array(U);
    let maxU = 0;
    for (let u = 0; u < U; u++) {
      let sustained = 0;
      for (let k = 0; k < T; k++) if (this.unitRisk[u * T + k]) sustained = Math.max(sustained, c.trancheSustained[k]);
      this.reEarn[u] = lag + 1 + sustained;
      if (cons.reimpositionPeriods > 0) maxU = Math.max(maxU, cons.reimpositionPeriods + this.reEarn[u]);
    }
    // The longest stall that can still delay a release within the horizon.
    let stallLimit = 0;
    for (let k = 0; k < T; k++) if (this.schedule.reliefFrom[k] < H) stallLimit = Math.max(stallLimit, H - this.schedule.reliefFrom[k] + this.schedule.slack[k]);
    this.stallAt = stallBuckets(stallLimit);
    this.stallUp = Float64Array.from(this.stallAt, (v, i) => (i + 1 < this.stallAt.length ? 1 / (this.stallAt[i + 1] - v) : 0));
    this.d = dims(N1, lag + 1, K, W1, this.stallAt.length, maxU);
    this.tail = dims(N1, lag + 1, K, W1, 1, maxU);
    const g = type.cheatGainPerPeriod;
    this.nominalGain = g + c.politics.cheatGainMultiplier * type.initialHardlinerInfluence * Math.abs(g);
    this.relief0 = type.reliefValuePerPeriod + c.investmentAssurancePerPeriod;
    this.reliefAt = [];
    this.costOthers = [];
    this.allInForceAt = new Uint8Array(H * this.d.S1);
    this.fillRewards();
    this.escrowAt = new Float64Array(H * this.d.S1);
    this.fillEscrow();
    this.licenceLoss = new Float64Array((H + 1) * this.d.S1);
    this.licenceLapsed = new Float64Array(U * (H + 1));
    this.fillLicenceLoss();
    this.deadlineNext = new Uint8Array(U * (H + 1));
    for (let b = 0; b < B; b++) {
      const t = c.benchDeadline[b];
      if (t < 0 || t > H) continue;
      this.deadlineNext[b * (H + 1) + t] = 1;
      if (U > 1) this.deadlineNext[B * (H + 1) + t] = 1;
    }
    this.collapsedAt = new Float64Array(H + 1);
    this.fillCollapsed();
    let stationaryFrom = c.verification.inspectionIntervalPeriods === 1 ? 0 : H;
    const stallMax = this.stallAt[this.stallAt.length - 1];
    for (let k = 0; k < T; k++) stationaryFrom = Math.max(stationaryFrom, this.schedule.reliefFrom[k] >= H ? H : this.schedule.reliefFrom[k] + Math.max(0, stallMax - this.schedule.slack[k]) + 1);
    for (let b = 0; b < B; b++) {
      let last = 0;
      for (let t = 1; t < H; t++) if (this.schedule.levelAfter[t * B + b] !== this.schedule.levelAfter[(t - 1) * B + b]) last = t;
      stationaryFrom = Math.max(stationaryFrom, last + stallMax + 1);
      if (this.schedule.lockedFrom[b] < H) stationaryFrom = Math.max(stationaryFrom, this.schedule.lockedFrom[b] + stallMax + 1);
    }
    this.stationaryFrom = Math.min(H, stationaryFrom);
    this.layers = [];
    for (let u = 0; u < U; u++) this.layers.push(KAPPA_GRID.map(() => null));
    this.bestSteps = Array.from({ length: U }, () => KAPPA_GRID.map(() => null));
    this.fixedLayers = [ALWAYS_COMPLY, ALWAYS_CHEAT].map(() => Array.from({ length: U }, () => KAPPA_GRID.map(() => null)));
  }

  /** The abstract state's own index in a layer of dims d (s clamped to the layer's range). */
  private index(d: Dims, st: PlanState): number {
    const s = Math.min(st.s, d.S1 - 1);
    const n = Math.min(st.n, d.N1 - 1);
    if (st.phase === PHASE_NORMAL) return ((((n * 2 + st.vis) * d.J + st.j) * d.K + st.sigma) * d.W1 + st.w) * d.S1 + s;
    if (st.phase === PHASE_BLOCKED) return d.normal + (((st.u - 1) * d.N1 + n) * 2 + st.vis) * d.S1 + s;
    return d.normal + d.blocked + (n * 2 + st.vis) * d.S1 + s;
  }

  private fillRewards(): void {
    const c = this.c;
    const B = c.nBenchmarks;
    const T = c.nTranches;
    const H = c.horizon;
    const S1 = this.d.S1;
    for (let t = 0; t < H; t++)
      for (let s = 0; s < S1; s++) {
        let all = T > 0;
        for (let k = 0; k < T && all; k++) all = this.inForceOnSchedule(k, t, s);
        if (all) this.allInForceAt[t * S1 + s] = 1;
      }
    for (let b = 0; b < this.units; b++) {
      const byPhase: Float64Array[] = [];
      for (let phase = 0; phase < 3; phase++) {
        const r = new Float64Array(H * S1);
        for (let t = 0; t < H; t++)
          for (let s = 0; s < S1; s++) {
            let share = 0;
            for (let k = 0; k < T; k++) {
              if (phase !== PHASE_NORMAL && this.unitRisk[b * T + k]) continue;
              if (this.inForceOnSchedule(k, t, s)) share += c.tranchePain[k] * c.trancheReliability[k];
            }
            r[t * S1 + s] = this.relief0 * Math.min(1, share);
          }
        byPhase.push(r);
      }
      this.reliefAt.push(byPhase);
      const others = new Float64Array(H);
      for (let t = 0; t < H; t++) for (let o = 0; o < B && b < B; o++) if (o !== b) others[t] += c.benchCostShare[o] * this.unitShare[o * H + t];
      this.costOthers.push(others);
    }
  }

  /** Tranche k is in force on the schedule at period t < H with the clock s behind: a stall delays a release only beyond the slack it had (earliest periods, earlier tranches). */
  private inForceOnSchedule(k: number, t: number, s: number): boolean {
    return t >= this.schedule.reliefFrom[k] + Math.max(0, this.stallAt[s] - this.schedule.slack[k]);
  }

  /** Tranche k's release period on the schedule with the clock s behind (as inForceOnSchedule delays relief). */
  private releasedOnSchedule(k: number, s: number): number {
    const at = this.schedule.releasedAt[k];
    return at === NEVER_PERIOD ? NEVER_PERIOD : at + Math.max(0, this.stallAt[s] - this.schedule.slack[k]);
  }

  /**
   * The target's own escrow as the engine settles it (rules.ts settleTargetEscrow): the
   * deposit, and a share back at its expiry unless its tranche was first released before.
   * A violation that delays the release past an expiry earns that share back, which is why
   * it is read at the stalled clock.
   */
  private fillEscrow(): void {
    const e = this.c.targetEscrow;
    if (!e) return;
    const H = this.c.horizon;
    const S1 = this.d.S1;
    for (let s = 0; s < S1; s++) {
      if (e.depositPeriod < H) this.escrowAt[e.depositPeriod * S1 + s] -= e.amount;
      for (let i = 0; i < e.share.length; i++) {
        const t = e.expiresAt[i];
        if (t < 0 || t >= H) continue;
        if (!(this.releasedOnSchedule(e.tranche[i], s) < t)) this.escrowAt[t * S1 + s] += e.share[i] * e.amount;
      }
    }
  }

  /**
   * What the target's escrow still pays once the deal collapses at period t (discounted to
   * t): the deposit if still to come, and every share expiring from t on whose tranche the
   * schedule had not released by t (a collapse releases nothing more, so the share returns).
   */
  private escrowAfterCollapse(t: number): number {
    const e = this.c.targetEscrow;
    if (!e) return 0;
    const delta = this.c.discountFactor;
    let v = 0;
    if (e.depositPeriod >= t && e.depositPeriod < this.c.horizon) v -= e.amount * delta ** (e.depositPeriod - t);
    for (let i = 0; i < e.share.length; i++) {
      const at = e.expiresAt[i];
      if (at < t || at >= this.c.horizon) continue;
      if (!(this.releasedOnSchedule(e.tranche[i], 0) < t)) v += e.share[i] * e.amount * delta ** (at - t);
    }
    return v;
  }

  private fillCollapsed(): void {
    const c = this.c;
    const B = c.nBenchmarks;
    const H = c.horizon;
    const delta = c.discountFactor;
    const drop = this.type.backslideRatePerPeriod;
    for (let t = 0; t < H; t++) {
      let v = 0;
      let pow = 1;
      for (let k = 0; t + k < H; k++) {
        let share = 0;
        for (let b = 0; b < B; b++) {
          const from = t > 0 ? this.schedule.levelAfter[(t - 1) * B + b] : c.benchInitial[b];
          share += c.benchCostShare[b] * Math.min(1, Math.max(0, from - (k + 1) * drop) / Math.max(1e-12, c.benchRequired[b]));
        }
        if (share <= 0) break;
        v -= pow * this.type.complianceCostPerPeriod * Math.min(1, share);
        pow *= delta;
      }
      this.collapsedAt[t] = v + this.escrowAfterCollapse(t);
    }
  }

  /**
   * Relief a flag read at period t costs through licences: every lapsing licence then in
   * force lapses at its expiry (on average half a term away) and is back only once
   * re-earned (a clean report and its sustained periods).
   */
  private fillLicenceLoss(): void {
    const c = this.c;
    const H = c.horizon;
    const delta = c.discountFactor;
    const lag = c.verification.reportLagPeriods;
    for (let k = 0; k < c.nTranches; k++) {
      if (!licenceLapsing(c, k, 0)) continue;
      const reEarn = lag + 1 + c.trancheSustained[k] + c.trancheDelay[k];
      const lost = (this.relief0 * c.tranchePain[k] * c.trancheReliability[k] * (1 - Math.pow(delta, reEarn))) / (1 - delta);
      const toExpiry = Math.pow(delta, Math.floor(c.trancheLicence[k] / 2));
      const S1 = this.d.S1;
      for (let t = 0; t < H; t++) for (let s = 0; s < S1; s++) if (this.inForceOnSchedule(k, t, s)) this.licenceLoss[t * S1 + s] += lost * toExpiry;
      // The tail treats every tranche as released, whatever the stall (its index is s = 0).
      if (H - 1 >= this.schedule.reliefFrom[k]) this.licenceLoss[H * S1] += lost * toExpiry;
    }
    this.fillLicenceLapsed();
  }

  /**
   * What a sustained breach of unit u costs through licences, once its first flag is read at
   * period t. A licence on the compliant schedule, granted at r for terms of L, comes up for
   * renewal at r + i L; the first renewal from t on (i >= 1; a flag read at a renewal period
   * spoils it) fails. A licence that needs the breached benchmark never comes back: relief
   * lost is delta^(e - t) / (1 - delta) per unit of its relief, e that renewal. Any other
   * licence the flag spoils is granted again after its wait, w = max(lapse wait, sustained
   * periods - 1) periods, and spoiled again at each renewal while the breach goes on and is
   * flagged: sum over renewals e_i of delta^(e_i - t) (1 - delta^w) / (1 - delta). A licence
   * that has become permanent (permanentAfterRenewals) is safe.
   */
  private fillLicenceLapsed(): void {
    const c = this.c;
    const H = c.horizon;
    const B = c.nBenchmarks;
    const delta = c.discountFactor;
    for (let k = 0; k < c.nTranches; k++) {
      if (!licenceLapsing(c, k, 0)) continue;
      const r = this.schedule.releasedAt[k];
      if (r >= H) continue;
      const L = Math.max(1, c.trancheLicence[k]);
      const P = c.tranchePermanentAfter[k];
      const relief = (this.relief0 * c.tranchePain[k] * c.trancheReliability[k]) / (1 - delta);
      const w = Math.max(c.trancheLapseWait[k], c.trancheSustained[k] - 1, 0);
      for (let u = 0; u < this.units; u++) {
        let tied = false;
        for (let b = u < B ? u : 0; b < (u < B ? u + 1 : B) && !tied; b++) tied = c.trancheBench[k * B + b] === 1;
        if (c.trancheSpoiledByTied[k] && !tied) continue;
        const lossAt = (t: number): number => {
          const first = Math.max(1, Math.ceil((t - r) / L));
          if (tied) return P > 0 && first > P ? 0 : Math.pow(delta, r + first * L - t);
          let loss = 0;
          const last = P > 0 ? P : first + Math.ceil(Math.log(1e-12) / Math.log(Math.max(1e-9, delta)) / L);
          for (let i = first; i <= last; i++) loss += Math.pow(delta, r + i * L - t) * (1 - Math.pow(delta, w));
          return loss;
        };
        for (let t = Math.max(r, this.schedule.reliefFrom[k]); t < H; t++) this.licenceLapsed[u * (H + 1) + t] += relief * lossAt(t);
        // The stationary tail stands for every later period: the mean over the phases of a term.
        let tail = 0;
        for (let j = 0; j < L; j++) tail += lossAt(Math.max(H, r) + j) / L;
        this.licenceLapsed[u * (H + 1) + H] += relief * tail;
      }
    }
  }

  /**
   * The stationary tail by policy iteration (Howard): evaluate a policy by solving
   * (I - delta P) V = r exactly, improve it greedily, until it is stable. Rewards and
   * transitions come from the same backup as every other period, recorded once. A fixed
   * policy (ALWAYS_COMPLY, ALWAYS_CHEAT) is evaluated once, not improved.
   */
  private solveTail(b: number, env: PlanEnv, kappa: number, fixed: number): Layer {
    const d = this.tail;
    const n = d.total;
    const delta = this.c.discountFactor;
    const zero = newLayer(n);
    const states = this.statesOf(d);
    const out = { total: 0, relief: 0, gain: 0 };
    const reward: Float64Array[][] = [0, 1].map(() => [new Float64Array(n), new Float64Array(n), new Float64Array(n)]);
    const moves: { to: Int32Array; p: Float64Array }[][] = [[], []];
    for (let a = 0; a < 2; a++)
      for (const st of states) {
        if (fixed !== BEST && a !== fixed) continue;
        const i = this.index(d, st);
        this.recording = [];
        this.backup(b, this.c.horizon, st, a, env, zero, d, kappa, out);
        const rec = this.recording;
        this.recording = null;
        reward[a][0][i] = out.total;
        reward[a][1][i] = out.relief;
        reward[a][2][i] = out.gain;
        moves[a][i] = { to: Int32Array.from(rec, (r) => r[0]), p: Float64Array.from(rec, (r) => r[1]) };
      }
    const policy = new Uint8Array(n).fill(fixed === ALWAYS_CHEAT ? 1 : 0);
    let values: Float64Array = new Float64Array(n);
    let components: Float64Array[] = [];
    for (let it = 0; it < 100; it++) {
      components = solveLinear(n, (i, row) => {
        const m = moves[policy[i]][i];
        for (let k = 0; k < m.to.length; k++) row[m.to[k]] -= delta * m.p[k];
      }, [0, 1, 2].map((r) => Float64Array.from({ length: n }, (_, i) => reward[policy[i]][r][i])));
      values = components[0];
      if (fixed !== BEST) break;
      let changed = false;
      for (let i = 0; i < n; i++) {
        const q = [0, 1].map((a) => {
          let v = reward[a][0][i];
          const m = moves[a][i];
          for (let k = 0; k < m.to.length; k++) v += delta * m.p[k] * values[m.to[k]];
          return v;
        });
        // Switch only on a strict improvement, so ties keep complying and the loop ends.
        const better = q[1] > q[0] + 1e-12 * (1 + Math.abs(q[0])) ? 1 : q[0] > q[1] + 1e-12 * (1 + Math.abs(q[1])) ? 0 : policy[i];
        if (better !== policy[i]) {
          policy[i] = better;
          changed = true;
        }
      }
      if (!changed) break;
    }
    const layer = newLayer(n);
    for (let i = 0; i < n; i++) {
      layer.v[3 * i] = values[i];
      layer.v[3 * i + 1] = Math.fround(components[1][i]);
      layer.v[3 * i + 2] = Math.fround(components[2][i]);
    }
    layer.collapsed = 0;
    return layer;
  }

  /** Every state of a layer of shape d. */
  private statesOf(d: Dims): PlanState[] {
    const states: PlanState[] = [];
    for (let phase = 0 as 0 | 1 | 2; phase <= 2; phase++) {
      if (phase === PHASE_BLOCKED && d.U === 0) continue;
      const normal = phase === PHASE_NORMAL;
      for (let u = 1; u <= (phase === PHASE_BLOCKED ? d.U : 1); u++)
        for (let n = 0; n < d.N1; n++)
          for (let vis = 0; vis < 2; vis++)
            for (let j = 0; j < (normal ? d.J : 1); j++)
              for (let sigma = 0; sigma < (normal ? d.K : 1); sigma++)
                for (let w = 0; w < (normal ? d.W1 : 1); w++)
                  for (let s = 0; s < d.S1; s++) states.push({ phase, u: phase === PHASE_BLOCKED ? u : 0, n, vis, j, sigma, w, s });
    }
    return states;
  }

  /** The shape of period t's layer: the full state, or the tail's once stationary. */
  private dimsAt(t: number): Dims {
    return t >= this.stationaryFrom ? this.tail : this.d;
  }

  /** Unit u's layers at grid point gi, solved on first use (a run may never need some credibilities). */
  private layersOf(u: number, gi: number): Layer[] {
    return (this.layers[u][gi] ??= this.solve(u, KAPPA_GRID[gi], BEST));
  }

  /** Unit u's layers of a fixed policy (ALWAYS_COMPLY, ALWAYS_CHEAT) at grid point gi, solved on first use. */
  private fixedLayersOf(fixed: number, u: number, gi: number): Layer[] {
    return (this.fixedLayers[fixed][u][gi] ??= this.solve(u, KAPPA_GRID[gi], fixed));
  }

  /** Unit b's layers at credibility kappa: of the best response (BEST) or of a fixed policy. */
  private solve(b: number, kappa: number, fixed: number): Layer[] {
    const c = this.c;
    const H = c.horizon;
    const layers: Layer[] = new Array(H + 1);
    const nominal = (t: number): PlanEnv => this.nominalEnv(b, t, kappa);
    // The stationary tail: the last period's conditions for ever, solved exactly by policy iteration.
    this.sustainedBreach = fixed === ALWAYS_CHEAT;
    const tail = this.solveTail(b, nominal(H), kappa, fixed);
    layers[H] = tail;
    for (let t = H - 1; t >= this.stationaryFrom; t--) layers[t] = tail;
    const entries = this.d.total * 2 * CLASS_BITS;
    const steps: SolveSteps = { ops: new PlanOps(), from: new Int32Array(entries).fill(-1), len: new Uint8Array(entries), stallClass: new Uint8Array(this.d.S1), classOf: new Int8Array(0), classes: CLASS_BITS };
    for (let t = this.stationaryFrom - 1; t >= 0; t--) {
      const env = nominal(t);
      layers[t] = this.layer(b, t, this.d, layers[t + 1], this.dimsAt(t + 1), env, kappa, fixed, inspectionBit(env), steps);
    }
    this.sustainedBreach = false;
    if (fixed === BEST) this.bestSteps[b][KAPPA_GRID.indexOf(kappa)] = compactSteps(steps, this.d.total);
    return layers;
  }

  /**
   * Backward step: the layer at period t (rewards of min(t, H - 1)) from the next one.
   * `inspects` is whether the nominal schedule inspects at t (env follows from it); `steps`
   * holds the solve's recorded continuations. What a backup does after this period's reward
   * depends on t only through a period class (an inspection at t, a deadline at t + 1, the
   * next layer's shape, and, through the clock's stall, whether the unit can still be
   * violated and whether its level is short at t), so each (state, action, class) is backed
   * up once in full and replayed in every other period of its class.
   */
  private layer(b: number, t: number, d: Dims, next: Layer, nd: Dims, env: PlanEnv, kappa: number, fixed: number, inspects: number, steps: SolveSteps): Layer {
    const c = this.c;
    const H = c.horizon;
    const out = newLayer(d.total);
    const kappaB = kappa;
    const st: PlanState = { phase: 0, u: 0, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 0 };
    const q = { total: 0, relief: 0, gain: 0 };
    const best = { total: 0, relief: 0, gain: 0 };
    const ops = steps.ops;
    const periodClass = this.periodClass(b, t, inspects, nd);
    const stallClass = steps.stallClass;
    for (let s = 0; s < d.S1; s++) stallClass[s] = this.stallClassAt(b, t, s);
    for (let phase = 0 as 0 | 1 | 2; phase <= 2; phase++) {
      if (phase === PHASE_BLOCKED && d.U === 0) continue;
      const uMax = phase === PHASE_BLOCKED ? d.U : 1;
      const jMax = phase === PHASE_NORMAL ? d.J : 1;
      const kMax = phase === PHASE_NORMAL ? d.K : 1;
      const wMax = phase === PHASE_NORMAL ? d.W1 : 1;
      for (let u = 1; u <= uMax; u++)
        for (let n = 0; n < d.N1; n++)
          for (let vis = 0; vis < 2; vis++)
            for (let j = 0; j < jMax; j++)
              for (let sigma = 0; sigma < kMax; sigma++)
                for (let w = 0; w < wMax; w++)
                  for (let s = 0; s < d.S1; s++) {
                    st.phase = phase;
                    st.u = phase === PHASE_BLOCKED ? u : 0;
                    st.n = n;
                    st.vis = vis;
                    st.j = j;
                    st.sigma = sigma;
                    st.w = w;
                    st.s = s;
                    const i = this.index(d, st);
                    for (let a = fixed === ALWAYS_CHEAT ? 1 : 0; a <= (fixed === ALWAYS_COMPLY ? 0 : 1); a++) {
                      const into = a === 0 ? best : q;
                      const e = (i * 2 + a) * CLASS_BITS + (periodClass | stallClass[s]);
                      const from = steps.from[e];
                      if (from >= 0) this.replay(b, t, st, a, env, next, nd, ops, from, from + steps.len[e], into);
                      else {
                        steps.from[e] = ops.length;
                        this.ops = ops;
                        this.backup(b, t, st, a, env, next, nd, kappaB, into);
                        this.ops = null;
                        steps.len[e] = ops.length - steps.from[e];
                      }
                    }
                    const pick = fixed === ALWAYS_COMPLY ? best : fixed === ALWAYS_CHEAT || q.total > best.total ? q : best;
                    out.v[3 * i] = pick.total;
                    out.v[3 * i + 1] = Math.fround(pick.relief);
                    out.v[3 * i + 2] = Math.fround(pick.gain);
                  }
    }
    out.collapsed = this.collapsedAt[Math.min(t, this.c.horizon)];
    return out;
  }

  // Accumulators of one backup's continuation (fields, so the hot loop allocates nothing).
  private eT = 0;
  private eR = 0;
  private eG = 0;
  private next!: Layer;
  private nd!: Dims;
  private env!: PlanEnv;
  private tNext = 0;
  /** While a layer records a backup's continuation (layer, replay): its steps. */
  private ops: PlanOps | null = null;
  /** While the tail's transitions are being read: each (next state, probability) a backup adds. */
  private recording: [number, number][] | null = null;
  private readonly tmp = { total: 0, relief: 0, gain: 0 };
  /** q's conditions at unit scales (its coefficients). */
  private readonly unitEnv: PlanEnv = { catchGamed: 0, catchShown: 0, falseAlarm: 0, kappa: 0, reliefScale: 1, gainScale: 1 };
  /** q's coefficients, memoised (q-table.ts). */
  private readonly qTable: QTable | null;


  /** Adds p x the next layer's value of a state (s clamped to the layer), rescaled by env. */
  private add(p: number, phase: number, u: number, n: number, vis: number, j: number, sigma: number, w: number, s: number): void {
    if (p === 0) return;
    const d = this.nd;
    const sc = s < d.S1 ? s : d.S1 - 1;
    const i =
      phase === PHASE_NORMAL
        ? ((((n * 2 + vis) * d.J + j) * d.K + sigma) * d.W1 + w) * d.S1 + sc
        : phase === PHASE_BLOCKED
          ? d.normal + (((u - 1) * d.N1 + n) * 2 + vis) * d.S1 + sc
          : d.normal + d.blocked + (n * 2 + vis) * d.S1 + sc;
    if (this.recording) this.recording.push([i, p]);
    this.ops?.push(OP_ADD, i, p);
    const next = this.next;
    const env = this.env;
    const v = next.v;
    const r = v[3 * i + 1];
    const g = v[3 * i + 2];
    this.eT += p * (v[3 * i] + (env.reliefScale - 1) * r + (env.gainScale - 1) * g);
    this.eR += p * r * env.reliefScale;
    this.eG += p * g * env.gainScale;
  }

  /** The next intake and what follows from it, for one outcome (vis, j) of this period's inspection. */
  private intake(b: number, st: PlanState, kappaB: number, p: number, n1: number, s1: number, vis: number, j: number): void {
    if (p === 0) return;
    const visN = n1 > 0 ? vis : 0;
    if (st.phase !== PHASE_NORMAL) {
      const u = st.phase === PHASE_BLOCKED ? st.u - 1 : 0;
      if (st.phase === PHASE_BLOCKED && u === 0) this.add(p, PHASE_NORMAL, 0, n1, visN, 0, 0, 0, s1);
      else this.add(p, st.phase, u, n1, visN, 0, 0, 0, s1);
      return;
    }
    const c = this.c;
    const cons = c.consequences;
    let w = st.w > 0 ? st.w - 1 : 0;
    const decideExisting = st.w > 0 && w === 0;
    let sigma = st.sigma;
    const j2 = j > 0 ? j - 1 : 0;
    let decideNow = decideExisting;
    let immediate = false;
    const read = j > 0 && j2 === 0;
    // A deadline for one of the unit's benchmarks falls next period while a level is still owed: a strike, as a flag is.
    const missed = n1 > 0 && this.deadlineNext[b * (this.c.horizon + 1) + this.tNext] === 1;
    if (read || missed) {
      if (read) {
        // The flag is read at the next period: it spoils every lapsing licence's renewal.
        const sRead = this.tNext >= this.c.horizon ? 0 : Math.min(s1, this.d.S1 - 1);
        const loss = this.sustainedBreach ? 0 : this.licenceLoss[this.tNext * this.d.S1 + sRead] * this.env.reliefScale;
        this.eT -= p * loss;
        this.eR -= p * loss;
        this.ops?.push(OP_READ, sRead, p);
      }
      sigma++;
      if (sigma >= cons.thresholdViolations && st.w === 0) {
        sigma = 0;
        if (cons.disputeWindowPeriods === 0) {
          decideNow = true;
          immediate = true;
        } else w = cons.disputeWindowPeriods;
      } else if (sigma > this.nd.K - 1) sigma = this.nd.K - 1;
    }
    if (!decideNow) {
      this.add(p, PHASE_NORMAL, 0, n1, visN, j2, sigma, w, s1);
      return;
    }
    // An immediate dispute is upheld; at a deadline the verifier takes a second look
    // (a cured or clean record is wrongly upheld with the false-alarm probability).
    const upheld = immediate ? 1 : n1 > 0 ? (visN ? 1 : this.catchGamedNominal[b]) : c.verification.falseAlarmProbability;
    const punish = upheld * kappaB;
    this.add(p * (1 - punish), PHASE_NORMAL, 0, n1, visN, j2, sigma, 0, s1);
    if (punish === 0) return;
    if (cons.reimpositionPeriods > 0) this.add(p * punish, PHASE_BLOCKED, cons.reimpositionPeriods + this.reEarn[b], n1, visN, 0, 0, 0, s1);
    else if (cons.responseFull) {
      this.eT += p * punish * this.next.collapsed;
      this.ops?.push(OP_COLLAPSE, 0, p * punish);
    }
    else this.add(p * punish, PHASE_REVOKED, 0, n1, visN, 0, 0, 0, s1);
  }

  // The head of one backup (`head`): this period's reward and what the continuation reads.
  private hN1 = 0;
  private hCheat = false;
  private hSBefore = 0;
  private hStalls = false;
  /** Every tranche is in force on the schedule: the stall is frozen (allInForceAt). */
  private hSettled = false;
  private hRelief = 0;
  private hGain = 0;
  private hRest = 0;

  /** This period's reward of action a in state st (relief, gain, the rest before any detection's cost), and the owed level it leads to. */
  private head(b: number, t: number, st: PlanState, a: number, env: PlanEnv, nd: Dims): void {
    const c = this.c;
    const H = c.horizon;
    const tt = t < H ? t : H - 1;
    const S1 = this.d.S1;
    const sBefore = t >= H ? 0 : st.s < S1 ? st.s : S1 - 1;
    const lost = this.stallAt[sBefore];
    const at = tt - lost > 0 ? tt - lost : 0;
    // A unit whose benchmarks are all settled one-offs has nothing left to violate.
    const open = this.unitOpen[b * H + at];
    const cheat = a === 1 && open > 0;
    // Work resumes only from the benchmark's start period (the engine raises no level before
    // it), so a violation before then cannot be restored, nor a dispute over it cured, early.
    const n1 = cheat ? Math.min(nd.N1 - 1, st.n + this.unitOwed[b]) : t >= this.unitStart[b] ? Math.max(0, st.n - 1) : st.n;
    // The release clock stands still during a dispute, and while a violation keeps the
    // certified level short: it shows (honest statistics, or exposed), or gamed statistics
    // freeze a claim still below what is required. A gamed claim at the required level
    // keeps relief coming until an inspection exposes it.
    const short = this.unitShare[b * H + at] < 1 - 1e-9;
    this.hSettled = t < H && this.allInForceAt[tt * S1 + sBefore] === 1;
    this.hStalls = !this.hSettled && (st.w > 0 || (n1 > 0 && short));
    this.hRelief = this.reliefAt[b][st.phase][tt * S1 + sBefore] * env.reliefScale;
    this.hGain = cheat ? this.unitGainOpen[b * H + at] * this.nominalGain * env.gainScale : 0;
    const share = Math.max(0, this.unitCostShare[b * H + at] - this.unitCostDropAt[b * H + at] * n1);
    this.hRest = (cheat ? 0 : c.technicalAssistancePerPeriod) - this.type.complianceCostPerPeriod * (this.costOthers[b][tt] + this.unitCost[b] * share) + (t < H ? this.escrowAt[tt * S1 + sBefore] : 0);
    this.hN1 = n1;
    this.hCheat = cheat;
    this.hSBefore = sBefore;
  }

  /**
   * Q of action a (0 comply, 1 cheat) in state st at period t, into out: this period's
   * reward under env, then the next layer's values (rescaled by env's relief and gain).
   * While `ops` is set, the continuation is also written there as replayable steps (layer).
   */
  private backup(b: number, t: number, st: PlanState, a: number, env: PlanEnv, next: Layer, nd: Dims, kappaB: number, out: { total: number; relief: number; gain: number }): void {
    const c = this.c;
    const type = this.type;
    const H = c.horizon;
    const lag = c.verification.reportLagPeriods;
    this.head(b, t, st, a, env, nd);
    const n1 = this.hN1;
    const cheat = this.hCheat;
    const sBefore = this.hSBefore;
    const stallsAnyway = this.hStalls;
    const relief = this.hRelief;
    const gain = this.hGain;
    let rest = this.hRest;
    const repCost = c.publicDetections ? c.reputationalCostPerDetection : 0;
    const ops = this.ops;
    this.eT = 0;
    this.eR = 0;
    this.eG = 0;
    this.next = next;
    this.nd = nd;
    this.env = env;
    this.tNext = Math.min(t + 1, H);
    // How the violation shows: gamed with the type's propensity, unless it already shows.
    const pShow = cheat && st.vis === 0 ? 1 - type.gamingPropensity : 0;
    for (let branch = 0; branch < 2; branch++) {
      const pb = branch === 0 ? 1 - pShow : pShow;
      if (pb === 0) continue;
      const vis = branch === 1 ? 1 : n1 > 0 ? st.vis : 0;
      // A stalled period moves the stall up its bucket with chance 1 / the bucket's width.
      const up = !this.hSettled && (stallsAnyway || (n1 > 0 && vis === 1)) ? (t >= H ? 0 : this.stallUp[sBefore]) : 0;
      for (let moved = 0; moved < 2; moved++) {
        const pm = moved === 1 ? pb * up : pb * (1 - up);
        if (pm === 0) continue;
        const s1 = sBefore + moved;
        // While a level is owed the violation can be found: a period spent restoring a level
        // whose drop shows is not a clean record either (the certified level is short of what
        // the target had, and the release conditions read it).
        if (n1 > 0) {
          const pCatch = vis ? env.catchShown : env.catchGamed;
          if (pCatch > 0) {
            const cost = pm * pCatch * repCost;
            rest -= cost;
            ops?.push(OP_REST, 0, cost);
            if (this.sustainedBreach && (st.n === 0 || st.vis === 0)) {
              // The catch that first exposes a sustained breach: its flag, read after the lag, ends every lapsing licence.
              const loss = this.licenceLapsed[b * (H + 1) + Math.min(t + 1 + lag, H)] * env.reliefScale * c.discountPow[Math.min(lag, c.discountPow.length - 1)];
              this.eT -= pm * pCatch * loss;
              this.eR -= pm * pCatch * loss;
              ops?.push(OP_LAPSE, 0, pm * pCatch);
            }
            this.intake(b, st, kappaB, pm * pCatch, n1, s1, 1, st.j > 0 ? st.j : lag + 1);
          }
          this.intake(b, st, kappaB, pm * (1 - pCatch), n1, s1, vis, st.j);
        } else {
          // A clean record: a false alarm names one of the B benchmarks.
          const pAlarm = st.phase === PHASE_NORMAL ? env.falseAlarm * this.unitAlarm[b] : 0;
          if (pAlarm > 0) this.intake(b, st, kappaB, pm * pAlarm, n1, s1, vis, st.j > 0 ? st.j : lag + 1);
          this.intake(b, st, kappaB, pm * (1 - pAlarm), n1, s1, vis, st.j);
        }
      }
    }
    const delta = c.discountFactor;
    out.relief = relief + delta * this.eR;
    out.gain = gain + delta * this.eG;
    out.total = relief + gain + rest + delta * this.eT;
  }

  /**
   * The same backup from its recorded continuation: this period's reward from `head`, then
   * the steps `backup` wrote for the same state, action and period class (layer), in the
   * same order and with the same arithmetic, so the values are bit for bit those of
   * `backup` under an env whose inspection fields are the class's nominal ones (any scales).
   */
  private replay(b: number, t: number, st: PlanState, a: number, env: PlanEnv, next: Layer, nd: Dims, ops: PlanOps, from: number, to: number, out: { total: number; relief: number; gain: number }): void {
    const c = this.c;
    const H = c.horizon;
    this.head(b, t, st, a, env, nd);
    let rest = this.hRest;
    let eT = 0;
    let eR = 0;
    let eG = 0;
    const tNext = Math.min(t + 1, H);
    const kind = ops.kind;
    const index = ops.index;
    const coef = ops.coef;
    const v = next.v;
    const rs = env.reliefScale;
    const gs = env.gainScale;
    for (let k = from; k < to; k++) {
      const p = coef[k];
      switch (kind[k]) {
        case OP_ADD: {
          const i = 3 * index[k];
          const r = v[i + 1];
          const g = v[i + 2];
          eT += p * (v[i] + (rs - 1) * r + (gs - 1) * g);
          eR += p * r * rs;
          eG += p * g * gs;
          break;
        }
        case OP_READ: {
          const loss = this.sustainedBreach ? 0 : this.licenceLoss[tNext * this.d.S1 + index[k]] * rs;
          eT -= p * loss;
          eR -= p * loss;
          break;
        }
        case OP_LAPSE: {
          const lag = c.verification.reportLagPeriods;
          const loss = this.licenceLapsed[b * (H + 1) + Math.min(t + 1 + lag, H)] * rs * c.discountPow[Math.min(lag, c.discountPow.length - 1)];
          eT -= p * loss;
          eR -= p * loss;
          break;
        }
        case OP_COLLAPSE:
          eT += p * next.collapsed;
          break;
        default:
          rest -= p;
      }
    }
    const delta = c.discountFactor;
    out.relief = this.hRelief + delta * eR;
    out.gain = this.hGain + delta * eG;
    out.total = this.hRelief + this.hGain + rest + delta * eT;
  }

  /** The plan's nominal conditions of period t for unit b: the design's inspection schedule and access, relief and gain unscaled (the tail: the schedule's mean). */
  private nominalEnv(b: number, t: number, kappa: number): PlanEnv {
    const c = this.c;
    const inspects = t >= c.horizon ? 1 / c.verification.inspectionIntervalPeriods : t % c.verification.inspectionIntervalPeriods === 0 ? 1 : 0;
    const access = c.verification.access > 0 ? 1 : 0;
    return { catchGamed: inspects * this.catchGamedNominal[b], catchShown: inspects * access, falseAlarm: inspects * access * c.verification.falseAlarmProbability, kappa, reliefScale: 1, gainScale: 1 };
  }

  /** The inspection bit of period t < horizon if env's inspection fields are exactly its nominal ones (q can replay the solve), else -1. */
  private nominalInspection(b: number, t: number, env: PlanEnv): number {
    // nominalEnv's fields, without the object (q runs this for every decision).
    const c = this.c;
    const inspects = t % c.verification.inspectionIntervalPeriods === 0 ? 1 : 0;
    const access = c.verification.access > 0 ? 1 : 0;
    const gamed = inspects * this.catchGamedNominal[b];
    const shown = inspects * access;
    const alarm = inspects * access * c.verification.falseAlarmProbability;
    if (env.catchGamed !== gamed || env.catchShown !== shown || env.falseAlarm !== alarm) return -1;
    return shown > 0 || gamed > 0 || alarm > 0 ? 1 : 0;
  }

  /** The period class bits of layer t for unit b (layer): an inspection at t, a deadline at t + 1, the next layer the tail. */
  private periodClass(b: number, t: number, inspects: number, nd: Dims): number {
    const H = this.c.horizon;
    return inspects | (this.deadlineNext[b * (H + 1) + Math.min(t + 1, H)] << 1) | (nd === this.tail ? 4 : 0) | (t >= this.unitStart[b] ? 64 : 0);
  }

  /** The stall bucket's class bits at period t (layer): the unit still open, its level short, at the stalled clock. */
  private stallClassAt(b: number, t: number, s: number): number {
    const H = this.c.horizon;
    const tt = t < H ? t : H - 1;
    const lost = this.stallAt[s];
    const at = tt - lost > 0 ? tt - lost : 0;
    return (this.unitOpen[b * H + at] > 0 ? 8 : 0) | (this.unitShare[b * H + at] < 1 - 1e-9 ? 16 : 0) | (this.allInForceAt[tt * this.d.S1 + s] === 1 ? 32 : 0);
  }

  /** q's backup of action a at grid point gi under unitEnv (unit scales): the solve's recorded steps replayed where this period is at its nominal inspection conditions, else in full. */
  private qCoefficients(b: number, tt: number, st: PlanState, a: number, gi: number, next: Layer, nd: Dims, inspects: number, unitEnv: PlanEnv, out: { total: number; relief: number; gain: number }): void {
    const d = this.d;
    const steps = this.bestSteps[b][gi];
    if (steps && tt < this.stationaryFrom && inspects >= 0 && st.n < d.N1 && st.s < d.S1) {
      const cls = steps.classOf[this.periodClass(b, tt, inspects, nd) | this.stallClassAt(b, tt, st.s)];
      const k = cls < 0 ? -1 : (this.index(d, st) * 2 + a) * steps.classes + cls;
      if (k >= 0 && steps.from[k] >= 0) {
        this.replay(b, tt, st, a, unitEnv, next, nd, steps.ops, steps.from[k], steps.from[k] + steps.len[k], out);
        return;
      }
    }
    this.backup(b, tt, st, a, unitEnv, next, nd, KAPPA_GRID[gi], out);
  }

  /**
   * Q of complying and of cheating on benchmark b now, in state st under this period's
   * conditions; later periods take the plan's nominal conditions, rescaled.
   */
  q(b: number, t: number, st: PlanState, env: PlanEnv, out: PlanQ): PlanQ {
    const H = this.c.horizon;
    const tt = Math.min(t, H - 1);
    const nd = this.dimsAt(tt + 1);
    const k = Math.max(0, Math.min(1, env.kappa)) * (KAPPA_GRID.length - 1);
    const lo = Math.min(KAPPA_GRID.length - 2, Math.floor(k));
    const f = k - lo;
    const tmp = this.tmp;
    const d = this.d;
    // The value is linear in env's relief and gain scales: its coefficients are the backup
    // at unit scales (total minus the two parts, the relief part, the gain part), memoised
    // per state under the nominal inspection conditions (q-table.ts). Always combined the
    // same way, memoised or not, so the memo changes no result.
    const unitEnv = this.unitEnv;
    unitEnv.catchGamed = env.catchGamed;
    unitEnv.catchShown = env.catchShown;
    unitEnv.falseAlarm = env.falseAlarm;
    unitEnv.kappa = env.kappa;
    const rs = env.reliefScale;
    const gs = env.gainScale;
    const inspects = this.nominalInspection(b, tt, env);
    const table = this.qTable;
    const memo = table !== null && inspects >= 0 && st.n < d.N1 && st.s < d.S1 && st.phase <= PHASE_REVOKED && !this.sustainedBreach;
    const keyOfState = memo ? (tt * d.total + this.index(d, st)) * 2 : -1;
    let comply = 0;
    let cheat = 0;
    for (let side = 0; side < 2; side++) {
      const gi = lo + side;
      const wgt = side === 0 ? 1 - f : f;
      if (wgt === 0) continue;
      // Called on every decision (not only on a memo miss): the plan store (src/browser) counts the parts a batch reads here.
      const layers = this.layersOf(b, gi);
      const key = memo ? (b * KAPPA_GRID.length + gi) * H * d.total * 2 + keyOfState : -1;
      for (let a = 0; a < 2; a++) {
        const at = key >= 0 ? table!.find(key + a) : -1;
        let c0: number;
        let c1: number;
        let c2: number;
        if (at >= 0) {
          const v = table!.values;
          c0 = v[at];
          c1 = v[at + 1];
          c2 = v[at + 2];
        } else {
          this.qCoefficients(b, tt, st, a, gi, layers[tt + 1], nd, inspects, unitEnv, tmp);
          c0 = tmp.total - tmp.relief - tmp.gain;
          c1 = tmp.relief;
          c2 = tmp.gain;
          if (key >= 0) table!.store(key + a, c0, c1, c2);
        }
        const value = c0 + rs * c1 + gs * c2;
        if (a === 0) comply += wgt * value;
        else cheat += wgt * value;
      }
    }
    out.comply = comply;
    out.cheat = cheat;
    return out;
  }

  /**
   * The stay-forever comparison, exactly: the values of complying on unit b in period t and
   * every later one (the compliant path) and of cheating on it in t and every later one
   * (the sustained breach, whatever the design then does), in state st, with their relief
   * parts. Read from the fixed-policy tables (solved on first use) under the plan's nominal
   * conditions, kappa interpolated and relief and gain rescaled by env as in `q`; env's
   * inspection fields are not read (this period is taken at its nominal conditions). The
   * leverage measure (leverage.ts) reads it.
   */
  sustained(b: number, t: number, st: PlanState, env: PlanEnv, out: PlanQ): PlanQ {
    const tt = Math.min(t, this.c.horizon);
    const d = this.dimsAt(tt);
    const i = this.index(d, st);
    const k = Math.max(0, Math.min(1, env.kappa)) * (KAPPA_GRID.length - 1);
    const lo = Math.min(KAPPA_GRID.length - 2, Math.floor(k));
    const f = k - lo;
    out.comply = 0;
    out.cheat = 0;
    out.complyRelief = 0;
    out.cheatRelief = 0;
    for (let side = 0; side < 2; side++) {
      const wgt = side === 0 ? 1 - f : f;
      if (wgt === 0) continue;
      for (let a = ALWAYS_COMPLY; a <= ALWAYS_CHEAT; a++) {
        const layer = this.fixedLayersOf(a, b, lo + side)[tt];
        const relief = layer.v[3 * i + 1];
        const value = layer.v[3 * i] + (env.reliefScale - 1) * relief + (env.gainScale - 1) * layer.v[3 * i + 2];
        if (a === ALWAYS_COMPLY) {
          out.comply += wgt * value;
          out.complyRelief += wgt * relief * env.reliefScale;
        } else {
          out.cheat += wgt * value;
          out.cheatRelief += wgt * relief * env.reliefScale;
        }
      }
    }
    return out;
  }

  /**
   * Value of the deal's end from period t on, as the plan sees it: no relief under a
   * united coalition (the caller adds what a divided one leaves), compliance costs of
   * decaying levels. Shared by every benchmark's tables.
   */
  collapsedValue(t: number): number {
    return this.collapsedAt[Math.max(0, Math.min(t, this.c.horizon))];
  }

  /** Periods after a block ends before b's tranches are back in force (report lag, a clean report, the sustained periods). */
  reEarnPeriods(b: number): number {
    return this.reEarn[b];
  }

  /** The longest stall of the release clock the tables represent, in periods. */
  get maxStall(): number {
    return this.stallAt[this.stallAt.length - 1];
  }

  /** The bucket of a stall of `periods` periods: the longest bucket not beyond it. */
  stallIndex(periods: number): number {
    let i = 0;
    while (i + 1 < this.stallAt.length && this.stallAt[i + 1] <= periods) i++;
    return i;
  }

  /** The periods of stall bucket i. */
  stallPeriods(i: number): number {
    return this.stallAt[Math.max(0, Math.min(i, this.stallAt.length - 1))];
  }

  /** The most periods of restoration owed the tables represent (a run owing more reads as this). */
  get maxOwed(): number {
    return this.d.N1 - 1;
  }

  /** The longest block the tables represent. */
  get maxBlock(): number {
    return Math.max(1, this.d.U);
  }

  /** Relief per period at full relief (utility units), as the plan values it. */
  get reliefPerPeriod(): number {
    return this.relief0;
  }
}

/**
 * Solves A x = b for several right-hand sides by Gaussian elimination with partial
 * pivoting, A = I plus what `row(i, a)` subtracts from row i (the tail's I - delta P).
 */
function solveLinear(n: number, row: (i: number, a: Float64Array) => void, rhs: Float64Array[]): Float64Array[] {
  const m = rhs.length;
  const w = n + m;
  const a = new Float64Array(n * w);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    r.fill(0);
    r[i] = 1;
    row(i, r);
    a.set(r, i * w);
    for (let k = 0; k < m; k++) a[i * w + n + k] = rhs[k][i];
  }
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(a[i * w + col]) > Math.abs(a[piv * w + col])) piv = i;
    if (piv !== col) for (let k = col; k < w; k++) [a[col * w + k], a[piv * w + k]] = [a[piv * w + k], a[col * w + k]];
    const p = a[col * w + col];
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = a[i * w + col] / p;
      if (f === 0) continue;
      for (let k = col; k < w; k++) a[i * w + k] -= f * a[col * w + k];
    }
  }
  return rhs.map((_, k) => Float64Array.from({ length: n }, (_, i) => a[i * w + n + k] / a[i * w + i]));
}
