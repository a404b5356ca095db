/**
 * The parties of the relief game, the moments they decide at, what each observes and
 * what each can do. Observations and actions are plain data, so a person, a server or
 * a notebook can take any role (docs/architecture.md, "Where each actor decides").
 *
 * A period has up to three decision points, in this order:
 * - `reimposition`: a dispute was upheld and the trigger rule needs a decision: the
 *   members still in the deal vote (majority, unanimity, unilateral) or the coalition's
 *   lead decides (discretionary). Automatic and no-trigger rules decide nothing.
 * - `sanctioners`: the coalition releases tranches whose conditions hold; each member
 *   keeps its measures or eases them unilaterally.
 * - `implementation`: the target acts on every benchmark (or defies), the verifier
 *   inspects or not, the aid agency allocates the aid it may send.
 */

export type RoleKind = 'target' | 'coalition' | 'member' | 'verifier' | 'aid';
/** A role: 'target', 'coalition', 'verifier', 'aid', or 'member:<member id>'. */
export type Role = 'target' | 'coalition' | 'verifier' | 'aid' | `member:${string}`;
export type DecisionPoint = 'reimposition' | 'sanctioners' | 'implementation';

export function roleKind(role: Role): RoleKind {
  return role.startsWith('member:') ? 'member' : (role as RoleKind);
}

/** The k-th uniform number in [0, 1) of this role's own substream at this period. */
export type PolicyChance = (k: number) => number;

// ---------- observations (the engine refills one object per role; copy to keep) ----------

export interface TargetObservation {
  period: number;
  /** The government's true type (it knows itself). */
  type: 'sincere' | 'opportunist' | 'hardliner';
  /** True benchmark levels, what the target claims, and what the verifier has certified. */
  level: ArrayLike<number>;
  claimed: ArrayLike<number>;
  verified: ArrayLike<number>;
  required: ArrayLike<number>;
  /** 1 where a violation exists that no report has exposed. */
  hidden: ArrayLike<number>;
  /** 1 where a dispute is open over the benchmark (a cure is due). */
  underDispute: ArrayLike<number>;
  hardlinerInfluence: number;
  defianceThreshold: number;
  /** Share of the design's access inspectors have this period (1: no denial). */
  accessShare: number;
  /** Tranches released so far and in the design. */
  tranchesReleased: number;
  tranches: number;
  gamingPropensity: number;
  /** V_comply - V_cheat per benchmark (deterrence/), filled for policies that observe 'valueGap'. */
  valueGap: ArrayLike<number>;
  /** V_stay - V_defy (deterrence/), filled with valueGap: negative when open defiance pays. */
  defianceGap: number;
  chance: PolicyChance;
}

export interface MemberObservation {
  period: number;
  point: 'reimposition' | 'sanctioners';
  member: string;
  memberIndex: number;
  /** Its own cost this period of the sanctions in force (cost x share in force x price shocks). */
  costThisPeriod: number;
  resolve: number;
  hawkishness: number;
  voteCeiling: number;
  /** The coalition's shared belief that the target is sincere. */
  belief: number;
  aligned: boolean;
  /** An election has brought a government with a policy of its own (the scenario's shocks[].policy). */
  newGovernment: boolean;
  chance: PolicyChance;
}

export interface CoalitionObservation {
  period: number;
  point: 'reimposition' | 'sanctioners';
  /** Belief over (sincere, opportunist, hardliner) from the reports received. */
  posterior: ArrayLike<number>;
  verified: ArrayLike<number>;
  /** Ids of the tranches whose conditions hold now, in design order. */
  eligible: readonly string[];
  /** Each eligible tranche's belief threshold (0 for automatic release). */
  eligibleBeliefThreshold: ArrayLike<number>;
  discretionaryBeliefThreshold: number;
  chance: PolicyChance;
}

export interface VerifierObservation {
  period: number;
  /** The design's schedule has an inspection this period. */
  scheduled: boolean;
  accessShare: number;
  chance: PolicyChance;
}

export interface AidObservation {
  period: number;
  /** kUSD it may send this period through the carve-out (0 if lapsed or withheld) and the relief-linked channel. */
  carveOutBudget: number;
  reliefLinkedBudget: number;
  chance: PolicyChance;
}

// ---------- actions ----------

export type TargetMove = 'comply' | 'cheat';
export type TargetReport = 'honest' | 'gamed';
export type TargetAction = { kind: 'defy' } | { kind: 'act'; moves: TargetMove[]; reports: TargetReport[] };
export type MemberAction = { kind: 'keep' } | { kind: 'ease' } | { kind: 'vote'; yes: boolean };
export type CoalitionAction = { kind: 'release'; tranches: string[] } | { kind: 'reimpose' } | { kind: 'hold' };
export type VerifierAction = { kind: 'inspect' } | { kind: 'skip' };
export type AidAction = { kind: 'allocate'; carveOutShare: number; reliefLinkedShare: number };

export interface ObservationOf {
  target: TargetObservation;
  member: MemberObservation;
  coalition: CoalitionObservation;
  verifier: VerifierObservation;
  aid: AidObservation;
}
export interface ActionOf {
  target: TargetAction;
  member: MemberAction;
  coalition: CoalitionAction;
  verifier: VerifierAction;
  aid: AidAction;
}
export type AnyAction = TargetAction | MemberAction | CoalitionAction | VerifierAction | AidAction;

/** Shared constant actions: policies return these instead of allocating. */
export const KEEP: MemberAction = Object.freeze({ kind: 'keep' });
export const EASE: MemberAction = Object.freeze({ kind: 'ease' });
export const VOTE_YES: MemberAction = Object.freeze({ kind: 'vote', yes: true });
export const VOTE_NO: MemberAction = Object.freeze({ kind: 'vote', yes: false });
export const REIMPOSE: CoalitionAction = Object.freeze({ kind: 'reimpose' });
export const HOLD: CoalitionAction = Object.freeze({ kind: 'hold' });
export const INSPECT: VerifierAction = Object.freeze({ kind: 'inspect' });
export const SKIP: VerifierAction = Object.freeze({ kind: 'skip' });
export const DEFY: TargetAction = Object.freeze({ kind: 'defy' });

/**
 * What a role may do now. Small spaces are listed whole (`choices`); the target's is
 * factored (any move and report per benchmark, or defiance), the coalition's release
 * is any prefix-closed subset of the eligible tranches, the aid agency's two shares.
 */
export type LegalActions =
  | { kind: 'choices'; choices: AnyAction[] }
  | { kind: 'target'; benchmarks: readonly string[]; moves: readonly TargetMove[]; reports: readonly TargetReport[]; canDefy: true }
  | { kind: 'release'; eligible: readonly string[]; rule: 'each tranche needs every earlier tranche released (now or before)' }
  | { kind: 'allocation'; carveOutShare: [0, 1]; reliefLinkedShare: [0, 1] };
