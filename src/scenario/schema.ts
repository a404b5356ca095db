import { z } from 'zod';
import { bounded, identifier, periods, share, uncertain } from './fields.ts';

/**
 * The scenario format: one definition gives the TypeScript types, validation with
 * readable errors, and the JSON Schema in `scenarios/schema.json`. Every default is
 * written here, so a scenario file only needs to state what differs.
 *
 * Units: time in periods (a scenario names its period length); utilities in
 * "utility units per period" relative to the no-deal state under full sanctions;
 * aid in thousand US dollars (kUSD) per period, whole numbers so that
 * delivered + diverted + undelivered = sent holds exactly.
 */

export const MAX_HORIZON_PERIODS = 600;
export const TARGET_TYPES = ['sincere', 'opportunist', 'hardliner'] as const;
/** How an episode can end, in the terms a simulated run can be classified by (src/cases/ending.ts). */
export const HISTORICAL_ENDINGS = ['collapsed', 'lapsed-not-restored', 'partial-reversal', 'relief-held', 'no-relief'] as const;
export type HistoricalEnding = (typeof HISTORICAL_ENDINGS)[number];
export type TargetTypeName = (typeof TARGET_TYPES)[number];

const source = z.strictObject({
  title: z.string().min(1).describe('document or dataset title'),
  date: z.string().optional().describe('publication date, ISO 8601 where known'),
  url: z.string().optional().describe('where to read it'),
  note: z.string().optional().describe('what this source documents'),
});

const metadata = z
  .strictObject({
    name: z.string().min(1).describe('short human-readable name'),
    description: z.string().default('').describe('one line shown in the gallery'),
    periodLengthMonths: bounded(0.25, 12, 'length of one period in months').default(1),
    sources: z.array(source).default([]).describe('documents the parameters come from'),
    notes: z.string().default('').describe('which parameters are documented and which are assumptions'),
    tags: z.array(z.string()).default([]),
    historicalOutcome: z
      .strictObject({
        summary: z.string().describe('what happened'),
        collapsed: z.boolean().describe('whether the arrangement collapsed'),
        collapsePeriod: periods(0, MAX_HORIZON_PERIODS, 'period at which it collapsed').optional(),
        fullReliefPeriod: periods(0, MAX_HORIZON_PERIODS, 'period at which full relief came').optional(),
        finalCompliance: share('compliance at the end of the horizon, as assessed by the sources').optional(),
        ending: z
          .enum(HISTORICAL_ENDINGS)
          .optional()
          .describe(
            'how the episode ended, in the simulated runs\' terms (docs/writing-a-case.md): collapsed (the arrangement ended); lapsed-not-restored (relief was given, then taken back or lapsed, none in force at the end); partial-reversal (some relief taken back, some still in force at the end); relief-held (relief in force at the end at its peak); no-relief (no relief was ever in force)',
          ),
        endingPeriod: periods(0, MAX_HORIZON_PERIODS, 'lapsed-not-restored or partial-reversal: the period of the last cut in relief').optional(),
        reliefInForceAtEnd: share('pain-weighted share of the package lifted and delivered in the last period, as the sources read it').optional(),
        divertedShare: share('share of aid sent that was diverted over the horizon, as the sources estimate it (historical leakage)').optional(),
        releasePeriods: z
          .record(z.string(), periods(0, MAX_HORIZON_PERIODS, 'period the tranche was first released'))
          .optional()
          .describe('tranche id -> period it was first released in history (a tranche not named: not compared)'),
      })
      .optional()
      .describe('what history did, so the simulated distribution can place it'),
  })
  .describe('who made the scenario, from what sources');

interface TargetTypeDefaults {
  reliefValuePerPeriod: number;
  cheatGainPerPeriod: number;
  complianceCostPerPeriod: number;
  gamingPropensity: number;
  defianceThreshold: number;
  defianceGainPerPeriod: number;
  initialHardlinerInfluence: number;
}

/** Each type gets its own defaults, so overriding one field keeps the type's others. */
function targetType(d: TargetTypeDefaults) {
  return z
    .strictObject({
      reliefValuePerPeriod: bounded(0, 1000, 'utility per period of full relief versus full sanctions (pi_R - pi_S)').default(d.reliefValuePerPeriod),
      cheatGainPerPeriod: bounded(-1000, 1000, 'utility per period gained by covertly violating all benchmarks (g); negative for a type that values reform').default(d.cheatGainPerPeriod),
      complianceCostPerPeriod: bounded(0, 1000, 'utility cost per period of full compliance').default(d.complianceCostPerPeriod),
      implementationRatePerPeriod: share('benchmark level the target can add per period when advancing').default(0.2),
      backslideRatePerPeriod: share('benchmark level lost per period of covert backsliding').default(0.2),
      gamingPropensity: share('probability a violation is hidden by gamed statistics rather than reported honestly').default(d.gamingPropensity),
      defianceThreshold: share('hardliner influence the government needs before open defiance is politically possible (it then defies only if defying pays)').default(d.defianceThreshold),
      defianceGainPerPeriod: bounded(0, 1000, 'utility per period of pursuing the programme openly once the target has defied (scaled by hardliner influence like g); 0: defiance buys nothing but the end of the deal').default(d.defianceGainPerPeriod),
      initialHardlinerInfluence: share('hardliner influence at the start').default(d.initialHardlinerInfluence),
    })
    .prefault({})
    .describe('payoffs and capacities of one target type');
}

const target = z.strictObject({
  typePrior: z
    .strictObject({
      sincere: share('prior probability of the sincere type').default(1 / 3),
      opportunist: share('prior probability of the opportunist type').default(1 / 3),
      hardliner: share('prior probability of the hardliner type').default(1 / 3),
    })
    .default({ sincere: 1 / 3, opportunist: 1 / 3, hardliner: 1 / 3 }),
  types: z
    .strictObject({
      sincere: targetType({ reliefValuePerPeriod: 10, cheatGainPerPeriod: -1, complianceCostPerPeriod: 2, gamingPropensity: 0.1, defianceThreshold: 1, defianceGainPerPeriod: 0, initialHardlinerInfluence: 0.1 }),
      opportunist: targetType({ reliefValuePerPeriod: 10, cheatGainPerPeriod: 3, complianceCostPerPeriod: 3, gamingPropensity: 0.9, defianceThreshold: 1, defianceGainPerPeriod: 0, initialHardlinerInfluence: 0.3 }),
      hardliner: targetType({ reliefValuePerPeriod: 6, cheatGainPerPeriod: 8, complianceCostPerPeriod: 5, gamingPropensity: 0.8, defianceThreshold: 0.8, defianceGainPerPeriod: 8, initialHardlinerInfluence: 0.6 }),
    })
    .prefault({}),
  decisionMode: z
    .enum(['best-response', 'quantal', 'scripted'])
    .default('best-response')
    .describe('best-response: forward-looking; quantal: logit noise; scripted: follows `script`'),
  discountFactor: bounded(0, 0.999, 'delta: weight of next period relative to this one').default(0.95),
  rationality: bounded(0, 1000, 'beta in quantal mode: 0 is a coin flip, large is best response').default(1),
  script: z
    .array(
      z.strictObject({
        fromPeriod: periods(0, MAX_HORIZON_PERIODS, 'first period of this segment'),
        action: z.enum(['comply', 'cheat', 'defy']).describe('what the target does on every benchmark'),
        probability: share('probability of taking the action each period (else it complies)').default(1),
      }),
    )
    .default([])
    .describe('scripted mode: segments ordered by fromPeriod; before the first segment the target complies'),
  openShortfalls: z
    .array(
      z.strictObject({
        benchmarks: z.array(z.string()).optional().describe('the benchmarks held short (default: every benchmark)'),
        heldLevel: share('the level the target openly holds each named benchmark at (below its required level: a partial performance it declares)'),
        atPeriod: periods(0, MAX_HORIZON_PERIODS, 'the first period of the shortfall').optional(),
        followsShock: periods(0, 63, 'instead of atPeriod: starts when the shock at this index of `shocks` fired, after followDelayPeriods (never if it did not fire)').optional(),
        followDelayPeriods: periods(0, MAX_HORIZON_PERIODS, 'followsShock: periods after the shock').default(0),
        durationPeriods: periods(0, MAX_HORIZON_PERIODS, 'how long the shortfall lasts (0: to the end of the horizon)').default(0),
      }),
    )
    .default([])
    .describe(
      "open, partial non-performance (a scenario mechanism, in every decision mode): while one is in force the target's move on each named benchmark is set aside; the level steps down to heldLevel at the backslide rate (or works up to it), the claim is the level, and a level below what was performed counts as a violation reported honestly, flagged at every inspection",
    ),
  domesticPolitics: z
    .strictObject({
      riseWhenUnrewardedPerPeriod: bounded(0, 1, 'influence gained per period of verified compliance without new relief').default(0.01),
      riseWithPainPerPeriod: bounded(0, 1, 'influence gained per period per unit of sanctions pain').default(0.01),
      fallWithReliefPerPeriod: bounded(0, 1, 'influence lost per period per unit of humanitarian need met').default(0.02),
      cheatGainMultiplier: bounded(0, 10, 'how much hardliner influence raises the gain from cheating (g x (1 + m h))').default(1),
    })
    .prefault({}),
});

const member = z.strictObject({
  id: identifier('member identifier'),
  name: z.string().default(''),
  weight: bounded(0, 1, "member's share of the sanctions pressure"),
  resolve: uncertain(0, 1000, 'cost per period the member tolerates before easing unilaterally').default(10),
  costPerPeriod: bounded(0, 1000, 'cost per period to the member of full sanctions').default(2),
  hawkishness: share('probability the member votes to re-impose whatever its belief').default(0.3),
  maxVoteProbability: share('ceiling on the chance the member votes to re-impose (e.g. a member that shields the target)').default(1),
  resolveErosionPerPeriod: share('share of its resolve the member loses each period (sanctions fatigue)').default(0),
  votesAfterEasing: z.boolean().default(false).describe('keeps its vote on re-imposition after easing its own enforcement (a permanent Council member keeps its veto)'),
  breachReimpositionShare: share(
    'share of its own part of each tranche the member takes back when a breach is re-imposed (1: all of it; below 1: a narrower response, e.g. targeted designations, the rest stays lifted)',
  ).default(1),
});

const assumedTypeBehaviour = z.strictObject({
  startPerPeriod: share('chance per period that a target of this type with nothing outstanding starts a violation (default: its assumedViolationRate)').optional(),
  restorePerPeriod: share('chance per period that an undetected violation of this type ends, the level restored (default: 1 - startPerPeriod, a violation that does not persist)').optional(),
});

const coalition = z.strictObject({
  members: z
    .array(member)
    .min(1, { message: 'needs at least one member' })
    .max(12, { message: 'at most 12 members' }),
  assumedViolationRate: z
    .strictObject({
      sincere: share('violation probability per report the coalition attributes to a sincere target').default(0),
      opportunist: share('... to an opportunist').default(0.5),
      hardliner: share('... to a hardliner').default(0.9),
    })
    .prefault({})
    .describe("each type's chance of being in violation at a report, in the stated belief model (assumedBehaviour): the default start rate of a violation"),
  assumedBehaviour: z
    .strictObject({
      source: z
        .enum(['plan', 'stated'])
        .default('plan')
        .describe("where the coalition's model of each type's violations comes from: 'plan', what the type's own plan does on the design's compliant path (a stated rate stands in for a scripted or external target); 'stated', the rates below"),
      sincere: assumedTypeBehaviour.prefault({}),
      opportunist: assumedTypeBehaviour.prefault({}),
      hardliner: assumedTypeBehaviour.prefault({}),
    })
    .prefault({})
    .describe("the coalition's model of each type's violation state, a hidden Markov chain its Bayes update filters (docs/model.md, the belief)"),
  collapseCohesion: share('cohesion below which the coalition can no longer hold the deal together').default(0.3),
});

const category = z.strictObject({
  id: identifier('sanctions category identifier'),
  name: z.string().default(''),
  painWeight: share('share of the total sanctions pressure this category carries'),
  members: z
    .array(z.string())
    .min(1, { message: 'needs at least one member' })
    .optional()
    .describe('the members that hold measures in this category (default: every member); its pain is carried by them in proportion to their weights'),
});

const benchmark = z.strictObject({
  id: identifier('benchmark identifier'),
  name: z.string().default(''),
  weight: bounded(0, 100, 'weight in the compliance index').default(1),
  requiredLevel: share('level that counts as full compliance').default(1),
  deadlinePeriod: periods(0, MAX_HORIZON_PERIODS, 'period by which the level is due').optional(),
  verifiability: share('scales the detection probability for this benchmark').default(1),
  initialLevel: share('true level at the start (also what the verifier has certified)').default(0),
  startPeriod: periods(0, MAX_HORIZON_PERIODS, 'work on the benchmark cannot start before this period (e.g. a later adoption day)').default(0),
  deadlineLevel: share('verified level due at deadlinePeriod (default: requiredLevel), for a deadline that asks for part of the benchmark').optional(),
  initialCertifiedLevel: share('level the verifier has certified at the start (default: initialLevel), e.g. a certified level below the true one').optional(),
  implementationRatePerPeriod: share(
    "level per period a complying target adds to this benchmark, whatever its type (default: the type's implementationRatePerPeriod): a task that takes longer, or less long, than the others",
  ).optional(),
  complianceCostWeight: bounded(
    0,
    100,
    "this benchmark's part of each type's complianceCostPerPeriod, relative to the other benchmarks' (normalised to sum to 1; default: its weight)",
  ).optional(),
  cheatGainWeight: bounded(0, 100, "this benchmark's part of each type's cheatGainPerPeriod, relative to the other benchmarks' (normalised to sum to 1; default: its weight)").optional(),
  oneOff: z
    .boolean()
    .default(false)
    .describe('a condition met once with nothing owed afterwards (a release of prisoners): once verified at requiredLevel it stays met, cannot be breached and is not inspected again'),
});

const tranche = z.strictObject({
  id: identifier('tranche identifier'),
  name: z.string().default(''),
  lifts: z
    .record(z.string(), share('share of the category lifted by this tranche'))
    .describe('category id -> share of that category lifted'),
  benchmarks: z.array(z.string()).default([]).describe('benchmarks that must be verified before release'),
  requiredLevel: share('verified level each named benchmark must reach').default(1),
  sustainedPeriods: periods(0, MAX_HORIZON_PERIODS, 'periods the verified level must be sustained').default(0),
  earliestPeriod: periods(0, MAX_HORIZON_PERIODS, 'not released before this period').default(0),
  sustainedFromEarliest: z
    .boolean()
    .default(false)
    .describe('count the sustained periods only from earliestPeriod, for a clock that starts with the offer (e.g. 120 days of cooperation after a resolution), not before'),
  clearanceHazardPerPeriod: share(
    'a condition outside the benchmarks and the belief (a political clearance, a legislature): chance per period from earliestPeriod that it is given; 1: no such condition, 0: never given',
  ).default(1),
  delivery: z
    .enum(['lift', 'escrow', 'licence'])
    .default('lift')
    .describe('lift: sanctions lifted; escrow: relief value accrues in escrow and is paid out on verification; licence: lifted for a fixed term, renewed only on clean reports'),
  licencePeriods: periods(1, MAX_HORIZON_PERIODS, 'term of a time-limited licence').default(6),
  permanentAfterRenewals: periods(0, MAX_HORIZON_PERIODS, 'licence: renewals after which the relief becomes permanent (0: never)').default(0),
  renewalProgress: share(
    'licence: verified level each benchmark the tranche names must gain between renewals, up to its requiredLevel, for the licence to be renewed (0: a clean record suffices)',
  ).default(0),
  windDownPeriods: periods(0, MAX_HORIZON_PERIODS, 'licence: periods over which the relief of a lapsed licence winds down linearly (0 or 1: at once)').default(0),
  lapseWaitPeriods: periods(0, MAX_HORIZON_PERIODS, 'licence: periods after a lapse before it can be granted again (0: it can return in the period it lapsed; 1: from the next period)').default(0),
  spoiledBy: z
    .enum(['anyFlag', 'tiedBenchmarks'])
    .default('anyFlag')
    .describe('licence: anyFlag: any flagged report spoils the renewal; tiedBenchmarks: only a flag on a benchmark the tranche names (a tranche that names none: any flag)'),
  deliveryDelayPeriods: periods(0, MAX_HORIZON_PERIODS, 'periods between release and the relief reaching the target (e.g. fuel shipments, reactors)').default(0),
  deliveryReliability: share('share of the promised relief the coalition actually delivers').default(1),
  releaseRule: z
    .enum(['automatic', 'discretionary'])
    .default('automatic')
    .describe('automatic: released once its conditions hold; discretionary: also needs the coalition to believe the target sincere (releaseBeliefThreshold)'),
  releaseBeliefThreshold: share('discretionary release: minimum belief in sincerity').default(0.8),
  members: z
    .array(z.string())
    .optional()
    .describe("the members whose own measures this tranche lifts (default: every member); the others keep their part in force, as when each sanctioner lifts its own measures"),
});

const verification = z.strictObject({
  access: share('share of sites and data inspectors can reach').default(0.9),
  inspectionIntervalPeriods: periods(1, 120, 'periods between inspections').default(1),
  detectionProbability: share('p: chance an inspection detects a real violation').default(0.6),
  falseAlarmProbability: share('q: chance an inspection of a compliant target raises a false alarm').default(0.03),
  reportLagPeriods: periods(0, 24, 'periods between inspection and report').default(1),
  crossChecks: z.boolean().default(false).describe('domestic and international auditors cross-check statistics'),
  crossCheckDetectionProbability: share('chance a cross-check exposes gamed statistics').default(0.5),
  publicReportIntervalPeriods: periods(0, 120, 'periods between public reports (0: none)').default(3),
});

const consequences = z.strictObject({
  trigger: z
    .enum(['automatic', 'unilateral', 'majority', 'unanimity', 'discretionary', 'none'])
    .default('majority')
    .describe('who decides to re-impose once the threshold is met: automatic; unilateral (any one member, as in the JCPOA snapback); a weighted majority or unanimity of members; the lead at its discretion (belief below a threshold); none (no re-imposition mechanism)'),
  thresholdViolations: periods(1, 120, 'k: flagged reports that trigger the consequence').default(1),
  thresholdWindowReports: periods(1, 120, 'n: among the last n reports').default(1),
  response: z.enum(['full', 'proportional']).default('proportional').describe('re-impose everything, or the tranches tied to the violated benchmark'),
  reimpositionPeriods: periods(0, MAX_HORIZON_PERIODS, 'how long a re-imposition lasts (0: for good)').default(0),
  disputeWindowPeriods: periods(0, 120, 'periods the target has to cure before the consequence applies').default(2),
  capacityErosionPerPeriod: share('share of re-imposition capacity lost per period since relief, as firms re-enter').default(0.01),
  discretionaryBeliefThreshold: share('discretionary trigger: re-impose when belief in sincerity falls below this').default(0.3),
  cureRequires: z
    .enum(['resumption', 'requiredLevel'])
    .default('resumption')
    .describe('what cures a disputed benchmark in its window: resumption (the violation stopped and the level restored to what it was); requiredLevel (the benchmark at the level due: its deadlineLevel if set, else its requiredLevel)'),
});

const humanitarian = z.strictObject({
  baselineNeedPerPeriod: bounded(0, 1e9, 'need in kUSD per period with no sanctions pain').default(100000),
  needRiseWithPain: bounded(0, 100, 'extra need per unit of sanctions pain, as a multiple of baseline').default(1),
  carveOutAidPerPeriod: bounded(0, 1e9, 'aid in kUSD per period through the always-open carve-out').default(60000),
  reliefLinkedAidPerPeriod: bounded(0, 1e9, 'aid in kUSD per period unlocked by full relief').default(80000),
  nonDiscretionary: z.boolean().default(true).describe('the carve-out is never withheld as a bargaining chip'),
  baseLeakage: share('share of aid diverted with no safeguards').default(0.3),
  ringFencedAccounts: z.boolean().default(false),
  thirdPartyMonitoring: z.boolean().default(false),
  civilSocietyVetting: z.boolean().default(false),
  needsBasedTargeting: z.boolean().default(false),
  safeguardEffectiveness: share('share of leakage each safeguard removes').default(0.35),
  exemptionClarity: share('1: exemptions are clear; 0: banks and firms over-comply').default(0.6),
  overComplianceAtZeroClarity: share('share of aid not delivered when exemptions are wholly unclear').default(0.5),
  sunsetReviewPeriods: periods(0, MAX_HORIZON_PERIODS, 'periods between exemption reviews (0: no sunset)').default(0),
  lapseProbabilityInStalemate: share('chance a review lapses while a dispute is open').default(0.5),
  carveOutSchedule: z
    .array(
      z.strictObject({
        fromPeriod: periods(0, MAX_HORIZON_PERIODS, 'first period of this step'),
        aidPerPeriod: bounded(0, 1e9, 'carve-out aid in kUSD per period from this period'),
      }),
    )
    .default([])
    .describe('a schedule for the carve-out, steps ordered by fromPeriod (before the first: carveOutAidPerPeriod); empty: carveOutAidPerPeriod throughout'),
});

const incentives = z.strictObject({
  technicalAssistancePerPeriod: bounded(0, 1000, 'utility per period to the target of assistance while it complies').default(0),
  investmentAssurancePerPeriod: bounded(0, 1000, 'utility per period of investment assurances, scaled by relief in force').default(0),
});

const reviews = z.strictObject({
  intervalPeriods: periods(0, MAX_HORIZON_PERIODS, 'periods between joint reviews (0: none)').default(6),
  publicReporting: z.boolean().default(true).describe('public reports raise the reputational cost of a detected violation'),
  reputationalCostPerDetection: bounded(0, 1000, 'utility the target loses when a violation is publicly reported').default(5),
});

const thirdParty = z.strictObject({
  enabled: z.boolean().default(false).describe('a sanctions-busting neighbour is active from the start'),
  evasionGrowthPerPeriod: share('evasion share gained per period while active').default(0.005),
  evasionFromDefection: share('extra evasion per period per unit of coalition defection').default(0.02),
  maxEvasion: share('ceiling on the evasion share').default(0.5),
  initialEvasion: share('evasion share at the start (sanctions already evaded before the deal)').default(0),
});

const shockKinds = [
  'regimeChange',
  'election',
  'commodityPrice',
  'humanitarianCrisis',
  'thirdPartyEntry',
  'accessDenial',
  'memberExit',
  'snapback',
  'policyChange',
  'domesticCrisis',
] as const;

const policyRef = z
  .strictObject({
    name: z.string().min(1).describe('a policy registered for this role (docs/architecture.md lists them)'),
    params: z.record(z.string(), z.unknown()).default({}).describe("the policy's parameters"),
  })
  .describe('which policy plays a role, with its parameters');

const shock = z.strictObject({
  kind: z.enum(shockKinds),
  atPeriod: periods(0, MAX_HORIZON_PERIODS, 'scripted: the period it happens').optional(),
  hazardPerPeriod: share('by hazard: chance per period (fires at most once per run)').optional(),
  followsShock: periods(0, 63, 'fires when the shock at this index of `shocks` fired (an earlier one), after followDelayPeriods, with followProbability').optional(),
  followDelayPeriods: periods(0, MAX_HORIZON_PERIODS, 'followsShock: periods after the shock it follows').default(0),
  followProbability: share('followsShock: chance it follows at all (drawn once per run)').default(1),
  magnitude: bounded(-10, 10, 'size; meaning depends on kind (see docs/model.md)').default(0.5),
  durationPeriods: periods(1, MAX_HORIZON_PERIODS, 'how long temporary effects last').default(6),
  member: z.string().optional().describe('election / memberExit / snapback: which coalition member'),
  mode: z.enum(['reimpose', 'ease']).default('reimpose').describe('memberExit: re-impose its own sanctions, or ease them; policyChange: take back its own part of the tranches named, or lift again what it had taken back'),
  tranches: z.array(z.string()).optional().describe('policyChange: the tranches whose relief the member changes (default: every tranche)'),
  share: share('policyChange: share of its own part of each named tranche it takes back (reimpose) or lifts again (ease)').default(1),
  disputeWindowPeriods: periods(0, 120, "snapback: the dispute window for this invocation (default: the design's)").optional(),
  policy: policyRef.optional().describe("election: the policy of the member's new government from this period (default: its policy is unchanged; the election only moves its hawkishness and resolve)"),
  typePrior: z
    .strictObject({
      sincere: share('prior probability that the new government is sincere'),
      opportunist: share('... opportunist'),
      hardliner: share('... hardliner'),
    })
    .optional()
    .describe("regimeChange: the new government's type prior (default: the target's own prior); the coalition's belief restarts from it"),
});

const policies = z
  .strictObject({
    target: policyRef.optional().describe("the target's policy (default: from target.decisionMode)"),
    coalition: policyRef.optional().describe("the coalition's collective decisions (default: design-rules)"),
    members: z.record(z.string(), policyRef).default({}).describe('member id -> its policy (default: resolve-threshold)'),
    verifier: policyRef.optional().describe("the verifier's inspections (default: schedule)"),
    aid: policyRef.optional().describe("the aid agency's allocation (default: full-allocation)"),
  })
  .describe('who plays each role: a policy per role; absent roles play the model default');

export const designSchema = z.strictObject({
  preset: z
    .enum(['custom', 'front-loaded', 'step-for-step', 'milestone-phased', 'back-loaded', 'escrow', 'time-limited-licence'])
    .default('custom')
    .describe('label of the sequencing family, for display'),
  benchmarks: z.array(benchmark).min(1, { message: 'needs at least one benchmark' }).max(16),
  categories: z.array(category).min(1, { message: 'needs at least one sanctions category' }).max(16),
  tranches: z.array(tranche).max(24).describe('relief tranches in the order they are released'),
  verification: verification.prefault({}),
  consequences: consequences.prefault({}),
  humanitarian: humanitarian.prefault({}),
  incentives: incentives.prefault({}),
  reviews: reviews.prefault({}),
  targetEscrow: z
    .strictObject({
      amount: bounded(0, 100000, "the funds the target deposits, in its own utility units (a lump sum, not per period)"),
      depositPeriod: periods(0, MAX_HORIZON_PERIODS, 'the period of the deposit, when its cost to the target falls').default(0),
      releases: z
        .array(
          z.strictObject({
            tranche: identifier('the tranche whose first release pays this share out to the claimants'),
            share: share('share of the amount paid to the claimants when the tranche is first released'),
            expiresAtPeriod: periods(0, MAX_HORIZON_PERIODS, 'the tranche not released before this period: the share goes back to the target then (default: never)').optional(),
          }),
        )
        .min(1, { message: 'needs at least one release' })
        .max(24),
    })
    .optional()
    .describe(
      "escrow held by the target's side (Libya's Lockerbie compensation): funds the target deposits, paid out to third-party claimants as the sanctioners release tranches and returned to the target for a tranche not released by its expiry; never forfeited to the sanctioners nor taken back on a re-imposition",
    ),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional().describe('path of a scenario this one overrides (resolved by the loader)'),
  metadata,
  horizonPeriods: periods(1, MAX_HORIZON_PERIODS, 'number of periods simulated').default(60),
  target: target.prefault({}),
  coalition,
  design: designSchema,
  thirdParty: thirdParty.prefault({}),
  shocks: z.array(shock).max(64).default([]),
  policies: policies.prefault({}),
}).superRefine(checkReferences, { when: (payload) => isObject(payload.value) });

type Ctx = z.RefinementCtx<unknown>;
type Report = (path: (string | number)[], message: string, input?: unknown) => void;

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const list = (ids: Set<string>) => (ids.size > 0 ? [...ids].join(', ') : 'none defined');
const sum = (xs: unknown[], key: string) => xs.reduce((a: number, x: any) => a + (isNum(x?.[key]) ? x[key] : 0), 0);

/**
 * Checks that need the whole scenario: ids that refer to each other, sums, timing.
 * They run even when some fields are malformed (zod's `when`), so a user sees every
 * problem at once; each check skips what it cannot read, since the field checks
 * already report that.
 */
function checkReferences(s: any, ctx: Ctx): void {
  const issue: Report = (path, message, input) => ctx.addIssue({ code: 'custom', path, message, input });
  for (const check of [checkDesign, checkCoalition, checkShocks, checkTarget, checkHistory]) {
    try {
      check(s, issue);
    } catch {
      // Malformed input this check cannot read; the field-level errors say why.
    }
  }
}

function ids(items: unknown, path: (string | number)[], what: string, issue: Report): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(items)) return out;
  items.forEach((x: any, i: number) => {
    if (typeof x?.id !== 'string') return;
    if (out.has(x.id)) issue([...path, i, 'id'], `duplicate ${what} id "${x.id}"`, x.id);
    out.add(x.id);
  });
  return out;
}

function checkDesign(s: any, issue: Report): void {
  const d = s.design;
  if (!isObject(d)) return;
  const benchmarkIds = ids(d.benchmarks, ['design', 'benchmarks'], 'benchmark', issue);
  const categoryIds = ids(d.categories, ['design', 'categories'], 'category', issue);
  if (Array.isArray(d.categories)) {
    const memberIds = new Set<string>((Array.isArray(s.coalition?.members) ? s.coalition.members : []).map((m: any) => m?.id).filter((x: unknown) => typeof x === 'string'));
    d.categories.forEach((cat: any, i: number) => {
      if (!Array.isArray(cat?.members)) return;
      cat.members.forEach((m: unknown, j: number) => {
        if (typeof m === 'string' && !memberIds.has(m)) issue(['design', 'categories', i, 'members', j], `unknown member "${m}" (known: ${list(memberIds)})`, m);
      });
    });
  }
  if (Array.isArray(d.categories) && d.categories.length > 0 && d.categories.every((c: any) => isNum(c?.painWeight))) {
    const painSum = sum(d.categories, 'painWeight');
    if (Math.abs(painSum - 1) > 1e-9) issue(['design', 'categories'], `painWeight values must sum to 1 (they sum to ${+painSum.toFixed(6)})`);
  }
  checkBenchmarkShares(d.benchmarks, issue);
  const horizon = isNum(s.horizonPeriods) && s.horizonPeriods >= 1 && s.horizonPeriods <= MAX_HORIZON_PERIODS ? s.horizonPeriods : s.horizonPeriods === undefined ? 60 : undefined;
  // Lifted shares add up per member: a tranche for some members only lifts theirs.
  const memberList: string[] = (Array.isArray(s.coalition?.members) ? s.coalition.members : []).map((m: any) => m?.id).filter((x: unknown) => typeof x === 'string');
  const liftedByCategory = new Map<string, number>();
  ids(d.tranches, ['design', 'tranches'], 'tranche', issue);
  if (Array.isArray(d.tranches)) {
    d.tranches.forEach((t: any, i: number) => {
      if (Array.isArray(t?.benchmarks)) {
        t.benchmarks.forEach((b: unknown, j: number) => {
          if (typeof b === 'string' && !benchmarkIds.has(b)) issue(['design', 'tranches', i, 'benchmarks', j], `unknown benchmark "${b}" (known: ${list(benchmarkIds)})`, b);
        });
      }
      if (isObject(t?.lifts)) {
        for (const [c, share] of Object.entries(t.lifts)) {
          if (!categoryIds.has(c)) issue(['design', 'tranches', i, 'lifts', c], `unknown category "${c}" (known: ${list(categoryIds)})`, c);
          if (!isNum(share)) continue;
          const forMembers = Array.isArray(t.members) ? memberList.filter((m) => t.members.includes(m)) : memberList.length > 0 ? memberList : [''];
          for (const m of forMembers) liftedByCategory.set(`${c}\u0000${m}`, (liftedByCategory.get(`${c}\u0000${m}`) ?? 0) + share);
        }
      }
      if (Array.isArray(t?.members)) {
        const memberIds = new Set<string>((Array.isArray(s.coalition?.members) ? s.coalition.members : []).map((m: any) => m?.id).filter((x: unknown) => typeof x === 'string'));
        t.members.forEach((m: unknown, j: number) => {
          if (typeof m === 'string' && !memberIds.has(m)) issue(['design', 'tranches', i, 'members', j], `unknown member "${m}" (known: ${list(memberIds)})`, m);
        });
      }
      if (horizon !== undefined && isNum(t?.earliestPeriod) && t.earliestPeriod >= horizon) {
        issue(['design', 'tranches', i, 'earliestPeriod'], `${t.earliestPeriod} is not before the horizon (${horizon} periods)`, t.earliestPeriod);
      }
    });
  }
  const reported = new Set<string>();
  for (const [key, total] of liftedByCategory) {
    const [c, m] = key.split('\u0000');
    if (total <= 1 + 1e-9 || reported.has(c)) continue;
    reported.add(c);
    issue(['design', 'tranches'], `tranches lift ${+total.toFixed(6)} of category "${c}"${m && Array.isArray(d.tranches) && d.tranches.some((t: any) => Array.isArray(t?.members)) ? ` for member "${m}"` : ''}; at most 1 can be lifted`);
  }
  const te = d.targetEscrow;
  if (isObject(te) && Array.isArray(te.releases)) {
    const trancheIds = new Set<string>((Array.isArray(d.tranches) ? d.tranches : []).map((t: any) => t?.id).filter((x: unknown) => typeof x === 'string'));
    te.releases.forEach((r: any, i: number) => {
      if (typeof r?.tranche === 'string' && !trancheIds.has(r.tranche)) issue(['design', 'targetEscrow', 'releases', i, 'tranche'], `unknown tranche "${r.tranche}" (known: ${list(trancheIds)})`, r.tranche);
      if (horizon !== undefined && isNum(r?.expiresAtPeriod) && r.expiresAtPeriod >= horizon) issue(['design', 'targetEscrow', 'releases', i, 'expiresAtPeriod'], `${r.expiresAtPeriod} is not in [0, ${horizon - 1}] (the horizon)`, r.expiresAtPeriod);
    });
    const shares = te.releases.map((r: any) => r?.share);
    if (shares.every(isNum)) {
      const total = shares.reduce((a: number, v: number) => a + v, 0);
      if (total > 1 + 1e-9) issue(['design', 'targetEscrow', 'releases'], `the shares sum to ${+total.toFixed(6)}; at most 1 of the amount can be paid out`);
    }
    if (horizon !== undefined && isNum(te.depositPeriod) && te.depositPeriod >= horizon) issue(['design', 'targetEscrow', 'depositPeriod'], `${te.depositPeriod} is not in [0, ${horizon - 1}] (the horizon)`, te.depositPeriod);
  }
  const c = d.consequences;
  if (isObject(c) && isNum(c.thresholdViolations) && isNum(c.thresholdWindowReports) && c.thresholdViolations > c.thresholdWindowReports) {
    issue(['design', 'consequences', 'thresholdViolations'], `${c.thresholdViolations} is not in [1, ${c.thresholdWindowReports}] (it cannot exceed thresholdWindowReports)`, c.thresholdViolations);
  }
}

/**
 * Per-benchmark cost and gain weights split the type's totals; with every weight 0 there
 * is nothing to split by (the compile step would fall back on equal parts, silently).
 */
function checkBenchmarkShares(benchmarks: unknown, issue: Report): void {
  if (!Array.isArray(benchmarks)) return;
  for (const key of ['complianceCostWeight', 'cheatGainWeight']) {
    if (!benchmarks.some((b: any) => b?.[key] !== undefined)) continue;
    const parts = benchmarks.map((b: any) => (b?.[key] !== undefined ? b[key] : b?.weight === undefined ? 1 : b.weight));
    if (!parts.every(isNum)) continue;
    const total = parts.reduce((a: number, v: number) => a + v, 0);
    if (total <= 0) issue(['design', 'benchmarks'], `${key} values (a benchmark without one at its weight) sum to 0; at least one must be above 0`);
  }
}

function checkCoalition(s: any, issue: Report): void {
  const members = s.coalition?.members;
  const memberIds = ids(members, ['coalition', 'members'], 'member', issue);
  const byMember = s.policies?.members;
  if (isObject(byMember)) {
    for (const id of Object.keys(byMember)) if (!memberIds.has(id)) issue(['policies', 'members', id], `unknown member "${id}" (known: ${list(memberIds)})`, id);
  }
  if (Array.isArray(members) && members.length > 0 && members.every((m: any) => isNum(m?.weight))) {
    const total = sum(members, 'weight');
    if (Math.abs(total - 1) > 1e-9) issue(['coalition', 'members'], `member weights must sum to 1 (they sum to ${+total.toFixed(6)})`);
  }
}

function checkShocks(s: any, issue: Report): void {
  if (!Array.isArray(s.shocks)) return;
  const memberIds = new Set<string>((Array.isArray(s.coalition?.members) ? s.coalition.members : []).map((m: any) => m?.id).filter((x: unknown) => typeof x === 'string'));
  const horizon = isNum(s.horizonPeriods) ? s.horizonPeriods : s.horizonPeriods === undefined ? 60 : undefined;
  const trancheIds = new Set<string>((Array.isArray(s.design?.tranches) ? s.design.tranches : []).map((t: any) => t?.id).filter((x: unknown) => typeof x === 'string'));
  s.shocks.forEach((k: any, i: number) => {
    if (!isObject(k)) return;
    const scripted = k.atPeriod !== undefined;
    const hazard = k.hazardPerPeriod !== undefined;
    const follows = k.followsShock !== undefined;
    if ([scripted, hazard, follows].filter(Boolean).length !== 1) issue(['shocks', i], 'give exactly one of atPeriod (scripted), hazardPerPeriod (by hazard rate) or followsShock (after another shock)');
    if (scripted && horizon !== undefined && isNum(k.atPeriod) && k.atPeriod >= horizon) issue(['shocks', i, 'atPeriod'], `${k.atPeriod} is not in [0, ${horizon - 1}] (the horizon)`, k.atPeriod);
    if (follows && isNum(k.followsShock) && k.followsShock >= i) issue(['shocks', i, 'followsShock'], `${k.followsShock} is not in [0, ${i - 1}] (it must name an earlier shock)`, k.followsShock);
    if ((k.kind === 'election' || k.kind === 'memberExit' || k.kind === 'snapback' || k.kind === 'policyChange') && (k.member === undefined || !memberIds.has(k.member))) {
      issue(['shocks', i, 'member'], `${k.kind} needs a coalition member (known: ${list(memberIds)})`, k.member);
    }
    if (k.tranches !== undefined && k.kind !== 'policyChange') issue(['shocks', i, 'tranches'], `only a policyChange takes tranches (this shock is ${k.kind})`);
    if (Array.isArray(k.tranches)) {
      k.tranches.forEach((id: unknown, j: number) => {
        if (typeof id === 'string' && !trancheIds.has(id)) issue(['shocks', i, 'tranches', j], `unknown tranche "${id}" (known: ${list(trancheIds)})`, id);
      });
    }
    if (k.typePrior !== undefined && k.kind !== 'regimeChange') issue(['shocks', i, 'typePrior'], `only a regimeChange takes a typePrior (this shock is ${k.kind})`);
    if (k.policy !== undefined && k.kind !== 'election') issue(['shocks', i, 'policy'], `only an election takes a policy (this shock is ${k.kind})`);
    if (isObject(k.typePrior)) {
      const vals = TARGET_TYPES.map((t) => k.typePrior[t]);
      const total = vals.reduce((a: number, v) => a + (isNum(v) ? v : 0), 0);
      if (vals.every(isNum) && Math.abs(total - 1) > 1e-9) issue(['shocks', i, 'typePrior'], `the three prior probabilities must sum to 1 (they sum to ${+total.toFixed(6)})`);
    }
  });
}

function checkTarget(s: any, issue: Report): void {
  const t = s.target;
  if (Array.isArray(t?.openShortfalls)) {
    const benchmarkIds = new Set<string>((Array.isArray(s.design?.benchmarks) ? s.design.benchmarks : []).map((b: any) => b?.id).filter((x: unknown) => typeof x === 'string'));
    const horizon = isNum(s.horizonPeriods) ? s.horizonPeriods : s.horizonPeriods === undefined ? 60 : undefined;
    const nShocks = Array.isArray(s.shocks) ? s.shocks.length : 0;
    t.openShortfalls.forEach((o: any, i: number) => {
      if (!isObject(o)) return;
      const at = (k: string): (string | number)[] => ['target', 'openShortfalls', i, k];
      if ((o.atPeriod === undefined) === (o.followsShock === undefined)) issue(['target', 'openShortfalls', i], 'give exactly one of atPeriod or followsShock');
      if (horizon !== undefined && isNum(o.atPeriod) && o.atPeriod >= horizon) issue(at('atPeriod'), `${o.atPeriod} is not in [0, ${horizon - 1}] (the horizon)`, o.atPeriod);
      if (isNum(o.followsShock) && o.followsShock >= nShocks) issue(at('followsShock'), nShocks === 0 ? `${o.followsShock} names no shock (\`shocks\` is empty)` : `${o.followsShock} is not in [0, ${nShocks - 1}] (it must name a shock in \`shocks\`)`, o.followsShock);
      if (Array.isArray(o.benchmarks)) {
        o.benchmarks.forEach((b: unknown, j: number) => {
          if (typeof b === 'string' && !benchmarkIds.has(b)) issue(['target', 'openShortfalls', i, 'benchmarks', j], `unknown benchmark "${b}" (known: ${list(benchmarkIds)})`, b);
        });
      }
    });
  }
  if (isObject(t) && t.decisionMode === 'scripted' && (!Array.isArray(t.script) || t.script.length === 0)) {
    issue(['target', 'script'], 'scripted mode needs at least one script segment');
  }
  const prior = t?.typePrior;
  if (isObject(prior)) {
    const vals = TARGET_TYPES.map((k) => prior[k]);
    if (vals.every((v) => v === undefined || isNum(v)) && vals.some((v) => v !== undefined)) {
      // Missing entries take their defaults (1/3) only when the whole prior is omitted; a partial prior must sum to 1 as written.
      const total = vals.reduce((a: number, v) => a + (isNum(v) ? v : 1 / 3), 0);
      if (Math.abs(total - 1) > 1e-9) issue(['target', 'typePrior'], `the three prior probabilities must sum to 1 (they sum to ${+total.toFixed(6)})`);
    }
  }
}

/**
 * A historical outcome must be one the runs can be compared with: a collapse with its
 * period and a period only with a collapse, periods inside the horizon, an ending that
 * agrees with the other fields. Each problem names its field.
 */
function checkHistory(s: any, issue: Report): void {
  const h = s.metadata?.historicalOutcome;
  if (!isObject(h)) return;
  const at = (k: string): (string | number)[] => ['metadata', 'historicalOutcome', k];
  const horizon = isNum(s.horizonPeriods) ? s.horizonPeriods : s.horizonPeriods === undefined ? 60 : undefined;
  if (h.collapsed === true && h.collapsePeriod === undefined) issue(at('collapsePeriod'), 'is missing although collapsed is true');
  if (h.collapsed === false && h.collapsePeriod !== undefined) issue(at('collapsePeriod'), 'is given although collapsed is false', h.collapsePeriod);
  for (const key of ['collapsePeriod', 'fullReliefPeriod', 'endingPeriod']) {
    const p = h[key];
    if (horizon !== undefined && isNum(p) && p >= horizon) issue(at(key), `${p} is not in [0, ${horizon - 1}] (the horizon)`, p);
  }
  if (isObject(h.releasePeriods)) {
    const trancheIds = new Set<string>((Array.isArray(s.design?.tranches) ? s.design.tranches : []).map((t: any) => t?.id).filter((x: unknown) => typeof x === 'string'));
    for (const [id, p] of Object.entries(h.releasePeriods)) {
      if (!trancheIds.has(id)) issue(['metadata', 'historicalOutcome', 'releasePeriods', id], `unknown tranche "${id}" (known: ${list(trancheIds)})`, id);
      else if (horizon !== undefined && isNum(p) && p >= horizon) issue(['metadata', 'historicalOutcome', 'releasePeriods', id], `${p} is not in [0, ${horizon - 1}] (the horizon)`, p);
    }
  }
  const e = h.ending;
  if (typeof e !== 'string') {
    if (h.endingPeriod !== undefined) issue(at('endingPeriod'), 'is given without an ending (lapsed-not-restored or partial-reversal)', h.endingPeriod);
    return;
  }
  if (typeof h.collapsed === 'boolean' && h.collapsed !== (e === 'collapsed')) issue(at('ending'), `"${e}" contradicts collapsed: ${h.collapsed}`, e);
  const cut = e === 'lapsed-not-restored' || e === 'partial-reversal';
  if (cut && h.endingPeriod === undefined) issue(at('endingPeriod'), `is missing; ending "${e}" needs the period of the last cut in relief`);
  if (!cut && h.endingPeriod !== undefined) issue(at('endingPeriod'), `is given although ending "${e}" has no cut in relief`, h.endingPeriod);
  const r = h.reliefInForceAtEnd;
  if (isNum(r)) {
    if ((e === 'lapsed-not-restored' || e === 'no-relief') && r > 0) issue(at('reliefInForceAtEnd'), `${r} is not 0, as ending "${e}" says`, r);
    if ((e === 'partial-reversal' || e === 'relief-held') && r <= 0) issue(at('reliefInForceAtEnd'), `${r} is not above 0, as ending "${e}" says`, r);
  }
  if (e === 'no-relief' && h.fullReliefPeriod !== undefined) issue(at('fullReliefPeriod'), 'is given although ending "no-relief" says no relief was ever in force', h.fullReliefPeriod);
  if (isNum(h.endingPeriod) && isNum(h.fullReliefPeriod) && h.endingPeriod <= h.fullReliefPeriod && e === 'lapsed-not-restored') {
    // Full relief after the last cut would mean relief came back, which "not restored" denies.
    issue(at('endingPeriod'), `${h.endingPeriod} is not after fullReliefPeriod ${h.fullReliefPeriod}: relief that lapsed and was not restored cannot reach full relief afterwards`, h.endingPeriod);
  }
}

/** A scenario after validation: every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file: defaults optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Design = Scenario['design'];
export type Tranche = Design['tranches'][number];
export type Benchmark = Design['benchmarks'][number];
export type Shock = Scenario['shocks'][number];
export type ShockKind = (typeof shockKinds)[number];
export type TargetType = Scenario['target']['types']['sincere'];
export type CoalitionMember = Scenario['coalition']['members'][number];
