import type { Scenario } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario, TRIGGER, type CompiledScenario } from './compile.ts';
import { Chance, PURPOSE } from './chance.ts';
import { accessNow } from './detection.ts';
import { fillValueGaps, newDeterrenceScratch, type DeterrenceScratch } from './deterrence/stakes.ts';
import type { TargetPlan } from './deterrence/plan.ts';
import { EVENT_INDEX, PERIOD_METRIC_NAMES, type PeriodMetric } from './metrics.ts';
import type { Policy } from './policy.ts';
import { ALL_POLICIES } from './policies/index.ts';
import { recordSeries } from './reporters.ts';
import type { AidFlows } from './actors/aid/split.ts';
import type {
  AidObservation,
  AnyAction,
  CoalitionObservation,
  DecisionPoint,
  LegalActions,
  MemberObservation,
  Role,
  TargetObservation,
  VerifierObservation,
} from './roles.ts';
import { EASE, HOLD, INSPECT, KEEP, REIMPOSE, SKIP, VOTE_NO, VOTE_YES } from './roles.ts';
import { RunState } from './state.ts';
import { accrueEscrow, coalitionIntake, findEligible, release, scheduleClearances, settleReimposition, unblockAndRenew } from './actors/coalition/rules.ts';
import { rulesByVote, tallyVotes } from './actors/coalition/vote.ts';
import { applyEasing, memberCostNow, memberDecides, wearResolve } from './actors/member/rules.ts';
import { applyTarget } from './actors/target/act.ts';
import { canInspect, inspect, inspectionScheduled } from './actors/verifier/inspect.ts';
import { computePressure, newPressure, type Pressure } from './world/pressure.ts';
import { aidBudgets, recordLeverage, worldStep } from './world/record.ts';
import { drawType, scheduleShocks, shockStep } from './world/shocks.ts';

/**
 * The relief game's machinery: one run's state, advanced decision point by decision
 * point (roles.ts says which). `Engine` has no idea who decides: `simulate` asks the
 * scenario's policies, `createGame` waits for `apply()` from outside. Both call the
 * same methods, so a game played with the default policies' actions is the same run.
 *
 * Slots: 0 target, 1 coalition, 2 verifier, 3 aid, 4 + m member m.
 */

export const SLOT = { target: 0, coalition: 1, verifier: 2, aid: 3, member0: 4 } as const;

/** Where an engine gets the target's plan of a type (deterrence/plan.ts) instead of solving it itself: a cache across runners. */
export type PlanSource = (c: CompiledScenario, typeIndex: number) => TargetPlan;

export class IllegalActionError extends Error {
  constructor(
    readonly role: string,
    readonly action: unknown,
    readonly why: string,
  ) {
    super(`illegal action for ${role}: ${safeJson(action)}: ${why}`);
    this.name = 'IllegalActionError';
  }
}

function safeJson(x: unknown): string {
  try {
    const text = JSON.stringify(x) ?? String(x);
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return String(x);
  }
}

export class Engine {
  readonly c: CompiledScenario;
  readonly s: RunState;
  readonly ch = new Chance();
  readonly roles: Role[];
  readonly slotOf = new Map<string, number>();
  /** Slots that must act at the current decision point, and those that have. */
  readonly pending: Uint8Array;
  readonly acted: Uint8Array;
  /** Per member: its vote at a re-imposition decision (1 yes). */
  private readonly votes: Uint8Array;
  private reimposeByLead = false;
  /** Per tranche: the coalition releases it now. */
  private readonly releaseNow: Uint8Array;
  private readonly pr: Pressure = newPressure();
  private readonly aid: AidFlows = { sent: 0, delivered: 0, diverted: 0, undelivered: 0 };
  private readonly budget = { carveOut: 0, reliefLinked: 0 };
  readonly seriesList: Float64Array[];
  private readonly deterrence: DeterrenceScratch;
  private readonly valueGap: Float64Array;
  private readonly leverage = { share: 0, ceiling: 0, unit: -1 };
  private initialCompliance = 0;
  // One reusable observation per role kind (members share one, refilled per member).
  private readonly targetObs: TargetObservation;
  private readonly memberObs: MemberObservation;
  private readonly coalitionObs: CoalitionObservation;
  private readonly verifierObs: VerifierObservation;
  private readonly aidObs: AidObservation;
  private readonly eligibleIds: string[] = [];
  private readonly eligibleThreshold: Float64Array;
  private readonly underDispute: Uint8Array;
  /** The target's observation shows a dispute (so it is cleared once, when the dispute ends). */
  private disputeShown = false;

  constructor(scenario: Scenario | CompiledScenario) {
    const c = 'scenario' in scenario && 'horizon' in scenario ? scenario : compileScenario(scenario as Scenario);
    this.c = c;
    this.s = new RunState(c);
    this.roles = ['target', 'coalition', 'verifier', 'aid', ...c.memberIds.map((id) => `member:${id}` as Role)];
    this.roles.forEach((r, i) => this.slotOf.set(r, i));
    this.pending = new Uint8Array(this.roles.length);
    this.acted = new Uint8Array(this.roles.length);
    this.votes = new Uint8Array(c.nMembers);
    this.releaseNow = new Uint8Array(c.nTranches);
    this.seriesList = PERIOD_METRIC_NAMES.map((m) => this.s.series[m as PeriodMetric]);
    this.deterrence = newDeterrenceScratch(c, this.s.roll);
    // The coalition's model of each type reads the same plans the target solves (once per runner).
    this.s.belief.behaviour.usePlans(this.deterrence.plans);
    this.valueGap = new Float64Array(c.nBenchmarks);
    this.eligibleThreshold = new Float64Array(c.nTranches);
    this.underDispute = new Uint8Array(c.nBenchmarks);
    const s = this.s;
    const ch = this.ch;
    const chanceOf = (purpose: (typeof PURPOSE)[keyof typeof PURPOSE], actor: () => number) => (k: number) => ch.uniform(purpose, actor(), s.period, k);
    this.targetObs = {
      period: 0,
      type: 'sincere',
      level: s.level,
      claimed: s.claimed,
      verified: s.verified,
      required: c.benchRequired,
      hidden: s.hidden,
      underDispute: this.underDispute,
      hardlinerInfluence: 0,
      defianceThreshold: 1,
      accessShare: 1,
      tranchesReleased: 0,
      tranches: c.nTranches,
      gamingPropensity: 0,
      valueGap: this.valueGap,
      defianceGap: 0,
      chance: chanceOf(PURPOSE.targetPolicy, () => 0),
    };
    const memberObs: MemberObservation = {
      period: 0,
      point: 'sanctioners',
      member: '',
      memberIndex: 0,
      costThisPeriod: 0,
      resolve: 0,
      hawkishness: 0,
      voteCeiling: 1,
      belief: 0,
      aligned: true,
      newGovernment: false,
      chance: chanceOf(PURPOSE.memberPolicy, () => memberObs.memberIndex),
    };
    this.memberObs = memberObs;
    this.coalitionObs = {
      period: 0,
      point: 'sanctioners',
      posterior: s.posterior,
      verified: s.verified,
      eligible: this.eligibleIds,
      eligibleBeliefThreshold: this.eligibleThreshold,
      discretionaryBeliefThreshold: c.consequences.discretionaryBeliefThreshold,
      chance: chanceOf(PURPOSE.coalitionPolicy, () => 0),
    };
    this.verifierObs = { period: 0, scheduled: false, accessShare: 1, chance: chanceOf(PURPOSE.verifierPolicy, () => 0) };
    this.aidObs = { period: 0, carveOutBudget: 0, reliefLinkedBudget: 0, chance: chanceOf(PURPOSE.aidPolicy, () => 0) };
  }

  // ---------- the run's course ----------

  /** Back to before period 0 for this seed, draw the run's uncertainties, and stop at the first decision point. */
  start(seed: string, recordEvents: boolean): void {
    const { c, s, ch } = this;
    ch.reseed(seed);
    s.reset(recordEvents);
    s.typeIndex = drawType(c.typePrior, ch.uniform(PURPOSE.targetType, 0, 0));
    s.initialType = s.typeIndex;
    s.type = c.types[s.typeIndex];
    s.hardliner = s.type.initialHardlinerInfluence;
    for (let m = 0; m < c.nMembers; m++) {
      const lo = c.memberResolveLow[m];
      const hi = c.memberResolveHigh[m];
      // A fixed resolve takes no draw; a range is uniform (rng.ts drawUncertain, without building its object per run).
      s.resolve[m] = lo === hi ? lo : lo + (hi - lo) * ch.uniform(PURPOSE.memberResolve, m, 0);
    }
    scheduleShocks(c, s, ch);
    scheduleClearances(c, s, ch);
    this.initialCompliance = initialCompliance(c);
    this.beginPeriod(0);
  }

  private beginPeriod(t: number): void {
    const { c, s, ch } = this;
    s.period = t;
    shockStep(c, s, t, ch);
    coalitionIntake(c, s, t, ch);
    if (s.reimpositionPending && this.openReimposition()) return;
    if (s.reimpositionPending) this.closeReimposition();
    this.openSanctioners();
  }

  /** The deciders of an upheld dispute under this trigger rule; false if the rule decides alone. */
  private openReimposition(): boolean {
    const { c, s } = this;
    const rule = c.consequences.trigger;
    this.clearPoint('reimposition');
    if (rulesByVote(rule)) {
      for (let m = 0; m < c.nMembers; m++) if (s.voting[m]) this.pending[SLOT.member0 + m] = 1;
    } else if (rule === TRIGGER.discretionary) this.pending[SLOT.coalition] = 1;
    return this.anyPending();
  }

  private closeReimposition(): void {
    const { c, s } = this;
    const rule = c.consequences.trigger;
    let reimposeNow: boolean;
    if (rule === TRIGGER.automatic) reimposeNow = true;
    else if (rule === TRIGGER.none) reimposeNow = false;
    else if (rule === TRIGGER.discretionary) reimposeNow = this.reimposeByLead;
    else reimposeNow = tallyVotes(s.roll, this.votes);
    this.votes.fill(0);
    this.reimposeByLead = false;
    settleReimposition(c, s, s.period, reimposeNow);
  }

  private openSanctioners(): void {
    const { c, s } = this;
    const t = s.period;
    unblockAndRenew(c, s, t);
    const nEligible = findEligible(c, s, t);
    wearResolve(c, s);
    computePressure(c, s, t, this.pr);
    s.cohesionInDeal = this.pr.cohesionInDeal;
    this.clearPoint('sanctioners');
    if (nEligible > 0) this.pending[SLOT.coalition] = 1;
    for (let m = 0; m < c.nMembers; m++) if (memberDecides(s, m)) this.pending[SLOT.member0 + m] = 1;
    if (!this.anyPending()) this.closeSanctioners();
  }

  private closeSanctioners(): void {
    const { c, s } = this;
    const t = s.period;
    for (let k = 0; k < c.nTranches; k++) {
      if (this.releaseNow[k]) release(c, s, t, k);
      this.releaseNow[k] = 0;
    }
    accrueEscrow(c, s, t);
    computePressure(c, s, t, this.pr);
    applyEasing(c, s, t, this.pr);
    s.cohesionInDeal = this.pr.cohesionInDeal;
    this.openImplementation();
  }

  private openImplementation(): void {
    const { c, s } = this;
    this.clearPoint('implementation');
    if (!s.collapsed) this.pending[SLOT.target] = 1;
    s.inspecting = false;
    if (canInspect(c, s)) this.pending[SLOT.verifier] = 1;
    aidBudgets(c, s, s.period, this.pr, this.ch, this.budget);
    this.pending[SLOT.aid] = 1;
  }

  private closeImplementation(): void {
    const { c, s, ch } = this;
    const t = s.period;
    recordLeverage(c, s, t, this.deterrence, this.leverage);
    applyTarget(c, s, t);
    inspect(c, s, t, ch);
    worldStep(c, s, t, ch, this.pr, this.aid, this.budget);
    s.carveOutShare = 1;
    s.reliefLinkedShare = 1;
    if (t + 1 >= c.horizon) {
      s.point = null;
      s.terminal = true;
      this.pending.fill(0);
      return;
    }
    this.beginPeriod(t + 1);
  }

  /** Resolves the current decision point (every pending role has acted) and runs on to the next one. */
  advance(): void {
    const s = this.s;
    if (s.terminal) throw new Error('the game is over: nothing to advance');
    for (let i = 0; i < this.pending.length; i++) {
      if (this.pending[i] && !this.acted[i]) throw new Error(`cannot advance: ${this.roles[i]} has not acted at period ${s.period} (${s.point})`);
    }
    if (s.point === 'reimposition') {
      this.closeReimposition();
      this.openSanctioners();
    } else if (s.point === 'sanctioners') this.closeSanctioners();
    else this.closeImplementation();
  }

  private clearPoint(point: DecisionPoint): void {
    this.s.point = point;
    // A loop: these arrays have a handful of slots, and fill() is a builtin call three times a period.
    for (let i = 0; i < this.pending.length; i++) {
      this.pending[i] = 0;
      this.acted[i] = 0;
    }
  }

  private anyPending(): boolean {
    for (let i = 0; i < this.pending.length; i++) if (this.pending[i]) return true;
    return false;
  }

  /** Deterrence values are worth computing only for a role whose policy reads them. */
  needsValueGap = true;

  /**
   * Takes the target's plans from `source` (plans solved for a design with the same plan
   * inputs are the same numbers, so a cache may hand one to many runners).
   */
  usePlans(source: PlanSource): void {
    const plans = this.deterrence.plans;
    for (let i = 0; i < plans.length; i++) plans[i] = source(this.c, i);
  }

  // ---------- what each role observes ----------

  /** The role's observation now (a reused object: copy what you keep). */
  observeSlot(slot: number): TargetObservation | MemberObservation | CoalitionObservation | VerifierObservation | AidObservation {
    // One small method per role kind, so each stays monomorphic and inlinable.
    if (slot >= SLOT.member0) return this.observeMember(slot - SLOT.member0);
    if (slot === SLOT.target) return this.observeTarget();
    if (slot === SLOT.coalition) return this.observeCoalition();
    if (slot === SLOT.verifier) return this.observeVerifier();
    return this.observeAid();
  }

  private observeTarget(): TargetObservation {
    const { c, s } = this;
    const o = this.targetObs;
    o.period = s.period;
    o.type = TARGET_TYPES[s.typeIndex];
    o.hardlinerInfluence = s.hardliner;
    o.defianceThreshold = s.type.defianceThreshold;
    o.accessShare = s.accessMult;
    o.gamingPropensity = s.type.gamingPropensity;
    o.tranchesReleased = s.tranchesReleased;
    const disputed = this.underDispute;
    if (s.disputeOpen) for (let b = 0; b < c.nBenchmarks; b++) disputed[b] = s.disputeBench[b];
    else if (this.disputeShown) disputed.fill(0);
    this.disputeShown = s.disputeOpen;
    if (this.needsValueGap) {
      fillValueGaps(c, s, this.deterrence, this.valueGap);
      o.defianceGap = this.deterrence.defianceGap;
    }
    return o;
  }

  private observeCoalition(): CoalitionObservation {
    const { c, s } = this;
    const o = this.coalitionObs;
    o.period = s.period;
    o.point = s.point === 'reimposition' ? 'reimposition' : 'sanctioners';
    this.eligibleIds.length = 0;
    for (let k = 0; k < c.nTranches; k++) {
      if (!s.eligible[k]) continue;
      this.eligibleThreshold[this.eligibleIds.length] = c.trancheReleaseBelief[k];
      this.eligibleIds.push(c.trancheIds[k]);
    }
    return o;
  }

  private observeVerifier(): VerifierObservation {
    const o = this.verifierObs;
    o.period = this.s.period;
    o.scheduled = inspectionScheduled(this.c, o.period);
    o.accessShare = accessNow(this.c, this.s.accessMult);
    return o;
  }

  private observeAid(): AidObservation {
    const o = this.aidObs;
    o.period = this.s.period;
    o.carveOutBudget = this.budget.carveOut;
    o.reliefLinkedBudget = this.budget.reliefLinked;
    return o;
  }

  private observeMember(m: number): MemberObservation {
    const { c, s } = this;
    const o = this.memberObs;
    o.period = s.period;
    o.point = s.point === 'reimposition' ? 'reimposition' : 'sanctioners';
    o.member = c.memberIds[m];
    o.memberIndex = m;
    o.costThisPeriod = memberCostNow(c, s, m, this.pr);
    o.resolve = s.resolve[m];
    o.hawkishness = s.hawk[m];
    o.voteCeiling = c.memberVoteCeiling[m];
    o.belief = s.posterior[0];
    o.aligned = s.aligned[m] === 1;
    o.newGovernment = s.memberGovernment[m] >= 0;
    return o;
  }

  // ---------- what each role may do ----------

  legalActionsSlot(slot: number): LegalActions {
    const { c, s } = this;
    if (!this.pending[slot]) return { kind: 'choices', choices: [] };
    if (slot === SLOT.target) return { kind: 'target', benchmarks: c.benchmarkIds, moves: ['comply', 'cheat'], reports: ['honest', 'gamed'], canDefy: true };
    if (slot === SLOT.coalition) {
      if (s.point === 'reimposition') return { kind: 'choices', choices: [REIMPOSE, HOLD] };
      return { kind: 'release', eligible: c.trancheIds.filter((_, k) => s.eligible[k]), rule: 'each tranche needs every earlier tranche released (now or before)' };
    }
    if (slot === SLOT.verifier) return { kind: 'choices', choices: [INSPECT, SKIP] };
    if (slot === SLOT.aid) return { kind: 'allocation', carveOutShare: [0, 1], reliefLinkedShare: [0, 1] };
    return { kind: 'choices', choices: s.point === 'reimposition' ? [VOTE_YES, VOTE_NO] : [KEEP, EASE] };
  }

  /**
   * Records a role's action at the current decision point, after checking it; an
   * illegal or malformed action throws IllegalActionError and changes nothing.
   */
  applySlot(slot: number, action: AnyAction): void {
    this.checkAction(slot, action);
    this.writeAction(slot, action);
  }

  /**
   * Records an action without checking it: for the engine's own policies, whose
   * actions are legal by construction (they build them from the observation), in the
   * simulate loop where checking every action of every run would cost a third of the
   * run. Anything from outside goes through applySlot.
   */
  writeAction(slot: number, action: AnyAction): void {
    const { c, s } = this;
    const kind = action.kind;
    if (slot === SLOT.target) {
      s.defying = kind === 'defy';
      if (kind === 'act') {
        const { moves, reports } = action as { moves: string[]; reports: string[] };
        for (let b = 0; b < c.nBenchmarks; b++) {
          s.move[b] = moves[b] === 'cheat' ? 1 : 0;
          s.gamed[b] = moves[b] === 'cheat' && reports[b] === 'gamed' ? 1 : 0;
        }
      }
    } else if (slot === SLOT.coalition) {
      if (s.point === 'reimposition') this.reimposeByLead = kind === 'reimpose';
      else for (const id of (action as { tranches: string[] }).tranches) this.releaseNow[c.trancheIds.indexOf(id)] = 1;
    } else if (slot === SLOT.verifier) s.inspecting = kind === 'inspect';
    else if (slot === SLOT.aid) {
      s.carveOutShare = (action as { carveOutShare: number }).carveOutShare;
      s.reliefLinkedShare = (action as { reliefLinkedShare: number }).reliefLinkedShare;
    } else if (s.point === 'reimposition') this.votes[slot - SLOT.member0] = (action as { yes: boolean }).yes ? 1 : 0;
    else s.easing[slot - SLOT.member0] = kind === 'ease' ? 1 : 0;
    this.acted[slot] = 1;
  }

  /** Throws IllegalActionError, naming the role, the action and why, unless the action is legal now. */
  checkAction(slot: number, action: AnyAction): void {
    const { c, s } = this;
    const role = this.roles[slot];
    // Errors go through a method, not a closure, so a legal action allocates nothing.
    if (s.terminal) this.illegal(slot, action, 'the game is over');
    if (!this.pending[slot]) this.illegal(slot, action, `${role} does not act now (period ${s.period}, ${s.point})`);
    if (this.acted[slot]) this.illegal(slot, action, `${role} has already acted at this decision point`);
    if (action === null || typeof action !== 'object' || typeof (action as { kind?: unknown }).kind !== 'string') this.illegal(slot, action, 'an action is an object with a "kind"');
    const kind = (action as { kind: string }).kind;
    if (slot === SLOT.target) {
      if (kind === 'defy') return;
      if (kind !== 'act') this.illegal(slot, action, 'the target acts ("act" with moves and reports per benchmark) or defies ("defy")');
      const a = action as { moves?: unknown; reports?: unknown };
      if (!Array.isArray(a.moves) || a.moves.length !== c.nBenchmarks) this.illegal(slot, action, `moves must list one of comply|cheat for each of the ${c.nBenchmarks} benchmarks (${c.benchmarkIds.join(', ')})`);
      if (!Array.isArray(a.reports) || a.reports.length !== c.nBenchmarks) this.illegal(slot, action, `reports must list one of honest|gamed for each of the ${c.nBenchmarks} benchmarks`);
      for (let b = 0; b < c.nBenchmarks; b++) {
        if (a.moves[b] !== 'comply' && a.moves[b] !== 'cheat') this.illegal(slot, action, `moves[${b}] (${c.benchmarkIds[b]}) must be comply or cheat`);
        if (a.reports[b] !== 'honest' && a.reports[b] !== 'gamed') this.illegal(slot, action, `reports[${b}] (${c.benchmarkIds[b]}) must be honest or gamed`);
      }
    } else if (slot === SLOT.coalition) {
      if (s.point === 'reimposition') {
        if (kind !== 'reimpose' && kind !== 'hold') this.illegal(slot, action, 'at a re-imposition decision the coalition chooses reimpose or hold');
        return;
      }
      if (kind !== 'release') this.illegal(slot, action, 'the coalition releases tranches: {"kind":"release","tranches":[ids]}');
      const ids = (action as { tranches?: unknown }).tranches;
      if (!Array.isArray(ids)) this.illegal(slot, action, 'tranches must be a list of tranche ids');
      const named = ids.map((id) => (typeof id === 'string' ? c.trancheIds.indexOf(id) : -1));
      named.forEach((k, i) => {
        if (k < 0) this.illegal(slot, action, `unknown tranche ${safeJson(ids[i])} (known: ${c.trancheIds.join(', ')})`);
        if (!s.eligible[k]) this.illegal(slot, action, `tranche ${c.trancheIds[k]} has not earned release now (eligible: ${c.trancheIds.filter((_, j) => s.eligible[j]).join(', ') || 'none'})`);
        for (let j = 0; j < k; j++) if (s.trReleasedAt[j] < 0 && !named.includes(j)) this.illegal(slot, action, `tranche ${c.trancheIds[k]} needs ${c.trancheIds[j]} released first`);
      });
    } else if (slot === SLOT.verifier) {
      if (kind !== 'inspect' && kind !== 'skip') this.illegal(slot, action, 'the verifier inspects or skips');
    } else if (slot === SLOT.aid) {
      if (kind !== 'allocate') this.illegal(slot, action, 'the aid agency allocates: {"kind":"allocate","carveOutShare":x,"reliefLinkedShare":y}');
      const a = action as { carveOutShare?: unknown; reliefLinkedShare?: unknown };
      if (!isShare(a.carveOutShare)) this.illegal(slot, action, 'carveOutShare must be a number in [0, 1]');
      if (!isShare(a.reliefLinkedShare)) this.illegal(slot, action, 'reliefLinkedShare must be a number in [0, 1]');
    } else if (s.point === 'reimposition') {
      if (kind !== 'vote' || typeof (action as { yes?: unknown }).yes !== 'boolean') this.illegal(slot, action, 'at a re-imposition vote a member votes: {"kind":"vote","yes":true|false}');
    } else if (kind !== 'keep' && kind !== 'ease') this.illegal(slot, action, 'a member keeps its measures or eases them');
  }

  private illegal(slot: number, action: unknown, why: string): never {
    throw new IllegalActionError(this.roles[slot], action, why);
  }

  // ---------- reading the run ----------

  /** Turns the facts of the periods played so far into the metric series (reporters). */
  recordSeries(): void {
    const s = this.s;
    recordSeries(s.facts, this.seriesList, s.terminal ? this.c.horizon : s.period);
  }

  /** True compliance at the start (for the summary's leverage spent per compliance). */
  get compliance0(): number {
    return this.initialCompliance;
  }

  /** Each party's return so far (docs/model.md, "Returns"). */
  returns(): Record<string, number> {
    const { c, s } = this;
    const out: Record<string, number> = { target: s.targetUtility };
    const done = s.terminal ? c.horizon : s.period;
    let compliance = 0;
    let needMet = 0;
    for (let t = 0; t < done; t++) {
      compliance += c.discountPow[t] * s.facts.trueCompliance[t];
      needMet += s.facts.needMet[t];
    }
    out.coalition = compliance;
    out.verifier = -s.undetectedViolationPeriods - falseAlarmCount(this);
    out.aid = done > 0 ? needMet / done : 0;
    for (let m = 0; m < c.nMembers; m++) {
      let cost = 0;
      for (let t = 0; t < done; t++) cost += c.discountPow[t] * c.memberCost[m] * s.facts.inForce[t];
      out[`member:${c.memberIds[m]}`] = -cost;
    }
    return out;
  }
}

function isShare(v: unknown): boolean {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

function falseAlarmCount(e: Engine): number {
  const H = e.c.horizon;
  const base = EVENT_INDEX.falseAlarm * H;
  let n = 0;
  for (let t = 0; t < H; t++) n += e.s.eventCounts[base + t];
  return n;
}

function initialCompliance(c: CompiledScenario): number {
  let x = 0;
  for (let b = 0; b < c.nBenchmarks; b++) x += c.benchWeight[b] * Math.min(1, c.benchInitial[b] / Math.max(1e-12, c.benchRequired[b]));
  return x;
}

/** Asks the policies of every pending role and advances until the run ends (the simulate loop). */
/** Which policies are the engine's own (their actions are legal by construction; anything else is checked). */
export function trustedPolicies(policies: (Policy | null)[]): boolean[] {
  return policies.map((p) => p !== null && ALL_POLICIES.some((d) => d.name === p.name && d.meta === p.meta && !p.meta.external));
}

/**
 * Plays the run to its end: every pending role's policy decides (`elected[k]`: the
 * policy of the government election shock k brings to its member, or null).
 */
export function playOut(e: Engine, policies: Policy[], elected: (Policy | null)[] = [], trusted: boolean[] = trustedPolicies(policies), trustedElected: boolean[] = trustedPolicies(elected)): void {
  const s = e.s;
  const pending = e.pending;
  const government = s.memberGovernment;
  while (!s.terminal) {
    for (let i = 0; i < pending.length; i++) {
      if (!pending[i]) continue;
      const g = i >= SLOT.member0 ? government[i - SLOT.member0] : -1;
      const policy = g >= 0 ? elected[g]! : policies[i];
      const action = (policy as Policy<never>).decide(e.observeSlot(i) as never) as AnyAction;
      if (g >= 0 ? trustedElected[g] : trusted[i]) e.writeAction(i, action);
      else e.applySlot(i, action);
    }
    e.advance();
  }
}

