import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema.ts';
import { mergeDeep } from '../scenario/extends.ts';
import type { ScheduledTranche } from './closed-forms.ts';

/**
 * The scenarios of MODEL.md's closed-form results, one builder per result, shared by
 * the tests and notebooks/validation.ipynb so both check the same thing.
 */

/**
 * The limiting case of MODEL.md's closed-form results: one benchmark already at its
 * required level, one tranche lifting the whole package at period 0, a single
 * resolute coalition member, perfect access, automatic permanent re-imposition, no
 * lag, no dispute window, no reputational cost, no politics, no shocks. The
 * opportunist (prior 1) has relief value 2, cheat gain 1 and delta 0.9, so p* = 1/18.
 * Callers override what their result varies.
 * @throws ZodError when an override leaves the schema's ranges.
 * @example analyticScenario({ design: { verification: { detectionProbability: 0.2 } } })
 */
export function analyticScenario(overrides: Record<string, unknown> = {}): Scenario {
  const type = {
    reliefValuePerPeriod: 2,
    cheatGainPerPeriod: 1,
    complianceCostPerPeriod: 0,
    implementationRatePerPeriod: 1,
    backslideRatePerPeriod: 0.5,
    gamingPropensity: 1,
    defianceThreshold: 1,
    initialHardlinerInfluence: 0,
  };
  const base: ScenarioInput = {
    metadata: { name: 'analytic' },
    horizonPeriods: 40,
    target: {
      typePrior: { sincere: 0, opportunist: 1, hardliner: 0 },
      types: { sincere: type, opportunist: type, hardliner: type },
      decisionMode: 'best-response',
      discountFactor: 0.9,
      domesticPolitics: { riseWhenUnrewardedPerPeriod: 0, riseWithPainPerPeriod: 0, fallWithReliefPerPeriod: 0, cheatGainMultiplier: 0 },
    },
    coalition: {
      members: [{ id: 'c', weight: 1, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }],
      collapseCohesion: 0,
    },
    design: {
      benchmarks: [{ id: 'b', initialLevel: 1 }],
      categories: [{ id: 'all', painWeight: 1 }],
      tranches: [{ id: 'all', lifts: { all: 1 } }],
      verification: {
        access: 1,
        inspectionIntervalPeriods: 1,
        detectionProbability: 0.5,
        falseAlarmProbability: 0,
        reportLagPeriods: 0,
        crossChecks: false,
        publicReportIntervalPeriods: 0,
      },
      consequences: {
        trigger: 'automatic',
        thresholdViolations: 1,
        thresholdWindowReports: 1,
        response: 'full',
        reimpositionPeriods: 0,
        disputeWindowPeriods: 0,
        capacityErosionPerPeriod: 0,
      },
      humanitarian: { exemptionClarity: 1 },
      incentives: { technicalAssistancePerPeriod: 0, investmentAssurancePerPeriod: 0 },
      reviews: { intervalPeriods: 0, publicReporting: false, reputationalCostPerDetection: 0 },
    },
    thirdParty: { enabled: false },
    shocks: [],
  };
  return scenarioSchema.parse(mergeDeep(base as Record<string, unknown>, overrides));
}

/** An always-complying scripted target in the analytic setting. */
export function complyingScenario(overrides: Record<string, unknown> = {}): Scenario {
  return analyticScenario(mergeDeep({ target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'comply' }] } }, overrides));
}

/** Result 1's parameters: cheat gain g, discount factor delta, relief gap R = pi_R - pi_S. */
export interface GrimParameters {
  cheatGain: number;
  discountFactor: number;
  reliefGap: number;
}

/** Result 1: the three (g, delta, R) the tests sweep p across p* for. */
export const GRIM_CASES: readonly GrimParameters[] = [
  { cheatGain: 1, discountFactor: 0.9, reliefGap: 2 },
  { cheatGain: 0.5, discountFactor: 0.95, reliefGap: 1 },
  { cheatGain: 3, discountFactor: 0.8, reliefGap: 10 },
];

/** Result 1: the analytic setting with a best-responding target of the given (g, delta, R), detection p. */
export function grimScenario(x: GrimParameters, detectionProbability: number, overrides: Record<string, unknown> = {}): Scenario {
  return analyticScenario(
    mergeDeep(
      {
        target: { discountFactor: x.discountFactor, types: { opportunist: { cheatGainPerPeriod: x.cheatGain, reliefValuePerPeriod: x.reliefGap } } },
        design: { verification: { detectionProbability } },
      },
      overrides,
    ),
  );
}

/**
 * Result 1's sweep: p at these multiples of p* (the point p* itself, where the margin is
 * 0 up to rounding, is left out).
 */
export const GRIM_SWEEP_RATIOS: readonly number[] = [0.5, 0.9, 0.99, 0.999999, 1.000001, 1.01, 1.1, 1.5];

/** Result 2: (q, k) pairs, false-alarm probability and consecutive alarms to re-impose. */
export const FALSE_ALARM_CASES: readonly { q: number; k: number }[] = [
  { q: 0.3, k: 3 },
  { q: 0.5, k: 2 },
  { q: 0.1, k: 1 },
];

/**
 * Result 2: an always-complying target, false alarms q per inspection, re-imposition
 * after k consecutive alarms, over 600 periods (long enough that no run of these (q, k)
 * is censored). Inspection i (0-based) is read at the start of period i + 1, so a run's
 * collapse period counts the inspections up to the first false re-imposition.
 */
export function falseAlarmScenario(q: number, k: number): Scenario {
  return complyingScenario({
    horizonPeriods: 600,
    design: { verification: { falseAlarmProbability: q }, consequences: { thresholdViolations: k, thresholdWindowReports: k } },
  });
}

/** Result 3, the example's numbers: detection p, false alarms q, prior belief in sincerity mu0. */
export const CLEAN_REPORTS = { p: 0.6, q: 0.2, priorSincere: 0.3 } as const;

/**
 * Result 3, the example: a complying target, a sincere type assumed never to violate and
 * an opportunist assumed always to, so every flag is a false alarm; no trigger, so the
 * beliefs run the whole 30 periods.
 */
export function cleanReportsScenario(): Scenario {
  const { p, q, priorSincere: mu0 } = CLEAN_REPORTS;
  return complyingScenario({
    horizonPeriods: 30,
    target: { typePrior: { sincere: mu0, opportunist: 1 - mu0, hardliner: 0 } },
    coalition: { assumedViolationRate: { sincere: 0, opportunist: 1, hardliner: 1 } },
    design: { verification: { detectionProbability: p, falseAlarmProbability: q }, consequences: { trigger: 'none' } },
  });
}

/** Result 3 with three types: prior, each type's violation rate as the coalition assumes it, p and q. */
export const MIXED_REPORTS = { prior: [0.25, 0.5, 0.25], rates: [0.05, 0.5, 0.9], p: 0.7, q: 0.1 } as const;

/** Result 3 with three types: a target cheating with probability 1/2 each period, so detections and false alarms mix. */
export function mixedReportsScenario(): Scenario {
  const { prior, rates, p, q } = MIXED_REPORTS;
  return analyticScenario({
    horizonPeriods: 25,
    target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'cheat', probability: 0.5 }], typePrior: { sincere: prior[0], opportunist: prior[1], hardliner: prior[2] } },
    coalition: { assumedViolationRate: { sincere: rates[0], opportunist: rates[1], hardliner: rates[2] } },
    design: { verification: { detectionProbability: p, falseAlarmProbability: q }, consequences: { trigger: 'none' } },
  });
}

/** Result 4's setting: p = 0.3 above p* = 0.222 for g = 4, R = 2, delta = 0.9. */
export const QUANTAL = { cheatGain: 4, reliefGap: 2, discountFactor: 0.9, detectionProbability: 0.3, rationalities: [0.1, 0.3, 1] } as const;

/** Result 4: a quantal (logit) target with rationality beta, one period, so the first choice is all that is recorded. */
export function quantalScenario(rationality: number): Scenario {
  const { cheatGain, reliefGap, discountFactor, detectionProbability } = QUANTAL;
  return analyticScenario({
    horizonPeriods: 1,
    target: { decisionMode: 'quantal', rationality, discountFactor, types: { opportunist: { cheatGainPerPeriod: cheatGain, reliefValuePerPeriod: reliefGap } } },
    design: { verification: { detectionProbability } },
  });
}

/** Result 5's numbers: one safeguard (ring-fenced accounts) on. */
export const CONSERVATION = { baseLeakage: 0.3, safeguardEffectiveness: 0.35, safeguardsOn: 1, carveOutAidPerPeriod: 1003 } as const;

/** Result 5: a complying target, carve-out aid only (an odd amount, so rounding shows), leakage with one safeguard, clear exemptions. */
export function conservationScenario(): Scenario {
  const { baseLeakage, safeguardEffectiveness, carveOutAidPerPeriod } = CONSERVATION;
  return complyingScenario({
    horizonPeriods: 24,
    design: {
      humanitarian: { carveOutAidPerPeriod, reliefLinkedAidPerPeriod: 0, baseLeakage, safeguardEffectiveness, ringFencedAccounts: true, exemptionClarity: 1 },
    },
  });
}

/** Result 6's design: three tranches over two benchmarks and two categories (pain 0.6 and 0.4). */
export const PERFECT_INFORMATION = {
  implementationRate: 0.25,
  reportLagPeriods: 1,
  painWeights: { a: 0.6, b: 0.4 } as Record<string, number>,
  tranches: [
    { id: 'first', lifts: { a: 0.5 }, benchmarks: ['x'], requiredLevel: 0.5, sustainedPeriods: 2, earliestPeriod: 0 },
    { id: 'second', lifts: { a: 0.5, b: 0.5 }, benchmarks: ['x', 'y'], requiredLevel: 1, sustainedPeriods: 1, earliestPeriod: 6 },
    { id: 'third', lifts: { b: 0.5 }, benchmarks: ['y'], requiredLevel: 1, sustainedPeriods: 4, earliestPeriod: 0 },
  ] as (ScheduledTranche & { id: string; benchmarks: string[] })[],
};

/** Result 6: p = 1, q = 0, an always-complying target, both benchmarks starting at 0. */
export function perfectInformationScenario(): Scenario {
  const { implementationRate, reportLagPeriods, painWeights, tranches } = PERFECT_INFORMATION;
  return complyingScenario({
    horizonPeriods: 20,
    target: { types: { opportunist: { implementationRatePerPeriod: implementationRate } } },
    design: {
      benchmarks: [
        { id: 'x', initialLevel: 0 },
        { id: 'y', initialLevel: 0 },
      ],
      categories: Object.entries(painWeights).map(([id, painWeight]) => ({ id, painWeight })),
      tranches,
      verification: { detectionProbability: 1, falseAlarmProbability: 0, reportLagPeriods },
    },
  });
}

/**
 * Result 7: alternating offers over a surplus of 1, the coalition's share `share`;
 * reservations 0; one target type, known (a bargaining protocol for `new Session`).
 */
export function surplusSplit(d1: number, d2: number, options: { breakdownProbability?: number; deadlineRounds?: number; firstProposer?: 'coalition' | 'target' } = {}) {
  return {
    issues: [{ name: 'share', low: 0, high: 1 }],
    coalition: { discount: d1, utility: { issues: { share: { weight: 1, prefers: 'high' as const } }, reservation: 0 } },
    target: { discount: d2, types: [{ name: 'only', prior: 1, utility: { issues: { share: { weight: 1, prefers: 'low' as const } }, reservation: 0 } }] },
    breakdownProbability: options.breakdownProbability ?? 0,
    deadlineRounds: options.deadlineRounds ?? 400,
    firstProposer: options.firstProposer ?? 'coalition',
    information: 'complete' as const,
  };
}

/** Result 7: the (d1, d2) pairs the tests play. */
export const RUBINSTEIN_CASES: readonly [number, number][] = [
  [0.9, 0.9],
  [0.5, 0.8],
  [0.8, 0.5],
  [0.95, 0.6],
  [0.3, 0.99],
  [0.99, 0.99],
];

/** The deviation test's analytic scenarios: the grim setting (p* = 1/18) over 60 periods at detection p. */
export function deviationGrimScenario(detectionProbability: number): Scenario {
  return analyticScenario({ horizonPeriods: 60, design: { verification: { detectionProbability } } });
}

/** The detection probabilities the deviation test runs the grim setting at: below, above and far above p*. */
export const DEVIATION_GRIM_DETECTION: readonly number[] = [0.03, 0.2, 0.8];
