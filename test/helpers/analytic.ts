import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenario/schema.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';

/**
 * The limiting case of MODEL.md's closed-form results: one benchmark already at its
 * required level, one tranche lifting the whole package at period 0, a single
 * resolute coalition member, perfect access, automatic permanent re-imposition, no
 * lag, no dispute window, no reputational cost, no politics, no shocks. Tests
 * override what their result varies.
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

/** Sample mean and its standard error. */
export function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

/** Two-sided 99.99% normal quantile: a fixed-seed test fails by chance 1 time in 10,000 seeds. */
export const Z = 3.89;
