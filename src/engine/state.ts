import { EVENT_KIND_NAMES, PERIOD_METRIC_NAMES, type EventKind, type PeriodMetric } from './metrics.ts';
import type { CompiledScenario } from './compile.ts';
import type { TargetType } from '../scenario/schema.ts';
import { newVoteRoll, type VoteRoll } from './actors/coalition/vote.ts';
import { BeliefState } from './actors/coalition/belief.ts';
import type { DecisionPoint } from './roles.ts';
import { FACT_NAMES, type PeriodFactSeries } from './facts.ts';

export const TRANCHE = { pending: 0, inForce: 1, revoked: 2, blocked: 3 } as const;

export interface RunEvent {
  period: number;
  kind: EventKind;
  /** What it concerns: a tranche, benchmark, member or shock id; '' for the deal as a whole. */
  subject: string;
}

/**
 * Everything one run changes, allocated once per runner and reset per run, so a
 * batch of a million runs allocates nothing per period. Only the engine writes it.
 */
export class RunState {
  /** The period being played, and the decision point the game waits at (null: none). */
  period = 0;
  point: DecisionPoint | null = null;
  terminal = false;
  // target
  typeIndex = 0;
  initialType = 0;
  type!: TargetType;
  hardliner = 0;
  level: Float64Array;
  claimed: Float64Array;
  cheating: Uint8Array;
  /** 1 while a violation on the benchmark exists that no report has exposed. */
  hidden: Uint8Array;
  restoreTarget: Float64Array;
  /** Periods each benchmark's release clock has lost to violations and disputes (the target's plan reads it). */
  stall: Int32Array;
  compliedAll = true;
  // verifier and reports (a ring buffer sized by the report lag)
  verified: Float64Array;
  repDue: Int32Array;
  repFlag: Int8Array;
  repTrue: Uint8Array;
  repPModel: Float64Array;
  repCert: Float64Array;
  repBench: Uint8Array;
  // coalition
  posterior: Float64Array;
  /** The filter behind the posterior: each type's violation chain (actors/coalition/belief.ts). */
  readonly belief: BeliefState;
  aligned: Uint8Array;
  /** Members still inside the deal: neither eased nor exited; only they vote on re-imposition. */
  voting: Uint8Array;
  /** The coalition's vote on re-imposition, over this run's live member arrays. */
  roll: VoteRoll;
  exitedAt: Int32Array;
  /** Per member: the election shock whose new government's policy now decides for it (-1: the original). */
  memberGovernment: Int32Array;
  exitDuration: Int32Array;
  resolve: Float64Array;
  hawk: Float64Array;
  strikeFlag: Uint8Array;
  strikeTrue: Uint8Array;
  strikeCursor = 0;
  strikeCount = 0;
  strikeTrueCount = 0;
  disputeOpen = false;
  disputeDeadline = 0;
  disputeTrue = false;
  /** A dispute a member forced (snapback): upheld at the deadline, no second look or vote. */
  disputeForced = false;
  disputeBench: Uint8Array;
  capacity = 1;
  /**
   * Per member and tranche (m * nTranches + k): the share of its own part of tranche k
   * the member holds back while the tranche is in force (a policy change), and the
   * share it keeps lifted while the tranche is not (a narrower breach response).
   * Only used when compiled.memberScoped.
   */
  memberHold: Float64Array;
  memberKeep: Float64Array;
  /** Per benchmark: a one-off condition verified met, settled for good. */
  oneOffMet: Uint8Array;
  /** Per shock: the hardliner influence a domestic crisis added, taken off when it ends. */
  crisisDelta: Float64Array;
  // tranches
  trState: Uint8Array;
  trUntil: Int32Array;
  trReleasedAt: Int32Array;
  /** Tranches released at least once so far. */
  tranchesReleased = 0;
  trSustain: Int32Array;
  trLicenceExpiry: Int32Array;
  trLicenceClean: Uint8Array;
  trRenewals: Int32Array;
  /** Period a licence last lapsed (-1: never), for its wind-down and its wait before return. */
  trLapsedAt: Int32Array;
  /** Per tranche and benchmark (k * nBenchmarks + b): the verified level at the licence's last grant or renewal. */
  trRenewBase: Float64Array;
  /** Period from which a released tranche's relief reaches the target (delivery delays). */
  trEffectiveFrom: Int32Array;
  escrowBal: Float64Array;
  /** Period from which the tranche's outside clearance is given (its earliestPeriod when it needs none). */
  trClearedAt: Int32Array;
  // decisions of this period, as applied (read by the effects that follow them)
  /** A dispute was upheld and waits for the trigger rule's decision. */
  reimpositionPending = false;
  /** Tranches whose release conditions hold now (computed before the sanctioners decide). */
  eligible: Uint8Array;
  /** Per member: 1 if it eases its measures this period. */
  easing: Uint8Array;
  /** Per benchmark: the target's move (0 comply, 1 cheat) and report (0 honest, 1 gamed). */
  move: Uint8Array;
  gamed: Uint8Array;
  defying = false;
  /** The deal ended by the target's open defiance (it then pursues its programme openly). */
  defied = false;
  inspecting = false;
  carveOutShare = 1;
  reliefLinkedShare = 1;
  /** Weight of members still inside the deal (kept current for the deterrence view). */
  cohesionInDeal = 1;
  // world
  evasion = 0;
  thirdPartyActive = false;
  commodityMult = 1;
  commodityUntil = -1;
  crisisMult = 1;
  crisisUntil = -1;
  accessMult = 1;
  accessUntil = -1;
  carveOutLapsed = false;
  shockPeriod: Int32Array;
  collapsed = false;
  collapsePeriod = -1;
  fullReliefPeriod = -1;
  reimpositions = 0;
  falseReimpositions = 0;
  undetectedViolationPeriods = 0;
  totalDiverted = 0;
  cumulativeUnmet = 0;
  needMetSum = 0;
  targetUtility = 0;
  pendingPayout = 0;
  reputationalDue = 0;
  // outputs
  seriesBuffer: Float64Array;
  series: Record<PeriodMetric, Float64Array>;
  /** What the world step writes each period; the reporters turn it into the series (facts.ts). */
  factBuffer: Float64Array;
  facts: PeriodFactSeries;
  eventCounts: Int32Array;
  events: RunEvent[] = [];
  recordEvents = false;

  constructor(readonly c: CompiledScenario) {
    const B = c.nBenchmarks;
    const T = c.nTranches;
    const M = c.nMembers;
    const ring = c.verification.reportLagPeriods + 2;
    const window = c.consequences.thresholdWindowReports;
    this.level = new Float64Array(B);
    this.claimed = new Float64Array(B);
    this.cheating = new Uint8Array(B);
    this.hidden = new Uint8Array(B);
    this.restoreTarget = new Float64Array(B);
    this.stall = new Int32Array(B);
    this.verified = new Float64Array(B);
    this.repDue = new Int32Array(ring);
    this.repFlag = new Int8Array(ring);
    this.repTrue = new Uint8Array(ring);
    this.repPModel = new Float64Array(ring);
    this.repCert = new Float64Array(ring * B);
    this.repBench = new Uint8Array(ring * B);
    this.posterior = new Float64Array(3);
    this.belief = new BeliefState(c);
    this.aligned = new Uint8Array(M);
    this.voting = new Uint8Array(M);
    this.hawk = new Float64Array(M);
    this.roll = newVoteRoll(c.consequences.trigger, c.consequences.discretionaryBeliefThreshold, this.voting, c.memberWeight, this.hawk, c.memberVoteCeiling);
    this.exitedAt = new Int32Array(M);
    this.memberGovernment = new Int32Array(M);
    this.exitDuration = new Int32Array(M);
    this.resolve = new Float64Array(M);
    this.strikeFlag = new Uint8Array(window);
    this.strikeTrue = new Uint8Array(window);
    this.disputeBench = new Uint8Array(B);
    this.trState = new Uint8Array(T);
    this.trUntil = new Int32Array(T);
    this.trReleasedAt = new Int32Array(T);
    this.trSustain = new Int32Array(T);
    this.trLicenceExpiry = new Int32Array(T);
    this.trLicenceClean = new Uint8Array(T);
    this.trRenewals = new Int32Array(T);
    this.trLapsedAt = new Int32Array(T);
    this.trRenewBase = new Float64Array(T * B);
    this.memberHold = new Float64Array(M * T);
    this.memberKeep = new Float64Array(M * T);
    this.oneOffMet = new Uint8Array(B);
    this.crisisDelta = new Float64Array(c.shocks.length);
    this.trEffectiveFrom = new Int32Array(T);
    this.escrowBal = new Float64Array(T);
    this.trClearedAt = new Int32Array(T);
    this.eligible = new Uint8Array(T);
    this.easing = new Uint8Array(M);
    this.move = new Uint8Array(B);
    this.gamed = new Uint8Array(B);
    this.shockPeriod = new Int32Array(c.shocks.length);
    const H = c.horizon;
    this.seriesBuffer = new Float64Array(PERIOD_METRIC_NAMES.length * H);
    this.series = Object.fromEntries(
      PERIOD_METRIC_NAMES.map((m, i) => [m, this.seriesBuffer.subarray(i * H, (i + 1) * H)]),
    ) as Record<PeriodMetric, Float64Array>;
    this.factBuffer = new Float64Array(FACT_NAMES.length * H);
    this.facts = Object.fromEntries(FACT_NAMES.map((f, i) => [f, this.factBuffer.subarray(i * H, (i + 1) * H)])) as PeriodFactSeries;
    this.eventCounts = new Int32Array(EVENT_KIND_NAMES.length * H);
  }

  /** Back to the state before period 0; the seed-dependent draws come after. */
  reset(recordEvents: boolean): void {
    const c = this.c;
    this.period = 0;
    this.point = null;
    this.terminal = false;
    this.reimpositionPending = false;
    this.eligible.fill(0);
    this.easing.fill(0);
    this.move.fill(0);
    this.gamed.fill(0);
    this.defying = false;
    this.defied = false;
    this.inspecting = false;
    this.carveOutShare = 1;
    this.reliefLinkedShare = 1;
    this.cohesionInDeal = 1;
    this.level.set(c.benchInitial);
    this.claimed.set(c.benchInitial);
    this.verified.set(c.benchInitialCertified);
    this.restoreTarget.set(c.benchInitial);
    this.cheating.fill(0);
    this.hidden.fill(0);
    this.stall.fill(0);
    this.compliedAll = true;
    this.repDue.fill(-1);
    this.repFlag.fill(-1);
    this.posterior.set(c.typePrior);
    this.belief.reset();
    this.aligned.fill(1);
    this.voting.fill(1);
    this.exitedAt.fill(-1);
    this.memberGovernment.fill(-1);
    this.hawk.set(c.memberHawk);
    this.strikeFlag.fill(0);
    this.strikeTrue.fill(0);
    this.strikeCursor = 0;
    this.strikeCount = 0;
    this.strikeTrueCount = 0;
    this.disputeOpen = false;
    this.disputeTrue = false;
    this.disputeForced = false;
    this.disputeBench.fill(0);
    this.capacity = 1;
    this.trState.fill(TRANCHE.pending);
    this.trUntil.fill(-1);
    this.trReleasedAt.fill(-1);
    this.tranchesReleased = 0;
    this.trSustain.fill(0);
    this.trLicenceExpiry.fill(-1);
    this.trLicenceClean.fill(1);
    this.trRenewals.fill(0);
    this.trLapsedAt.fill(-1);
    this.trRenewBase.fill(0);
    this.memberHold.set(c.memberHoldInitial);
    this.memberKeep.fill(0);
    this.oneOffMet.fill(0);
    this.crisisDelta.fill(0);
    this.trEffectiveFrom.fill(0);
    this.escrowBal.fill(0);
    this.evasion = c.thirdParty.initialEvasion;
    this.thirdPartyActive = c.thirdParty.enabledAtStart;
    this.commodityMult = 1;
    this.commodityUntil = -1;
    this.crisisMult = 1;
    this.crisisUntil = -1;
    this.accessMult = 1;
    this.accessUntil = -1;
    this.carveOutLapsed = false;
    this.collapsed = false;
    this.collapsePeriod = -1;
    this.fullReliefPeriod = -1;
    this.reimpositions = 0;
    this.falseReimpositions = 0;
    this.undetectedViolationPeriods = 0;
    this.totalDiverted = 0;
    this.cumulativeUnmet = 0;
    this.needMetSum = 0;
    this.targetUtility = 0;
    this.pendingPayout = 0;
    this.reputationalDue = 0;
    this.seriesBuffer.fill(0);
    this.factBuffer.fill(0);
    this.eventCounts.fill(0);
    this.events = [];
    this.recordEvents = recordEvents;
  }

  emit(period: number, kindIndex: number, kind: EventKind, subject: string): void {
    this.eventCounts[kindIndex * this.c.horizon + period]++;
    if (this.recordEvents) this.events.push({ period, kind, subject });
  }
}
