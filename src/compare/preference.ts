import type { SummaryMetric } from '../engine/metrics.ts';

/**
 * Which direction of each run-summary metric a designer of relief prefers, and why.
 * `null` where the metric is a trade-off rather than a goal (a faster route to full
 * relief also spends leverage sooner), so the comparison only says which design is
 * higher. `binary` marks 0/1 outcomes whose mean is a probability.
 */
export interface Preference {
  better: 'higher' | 'lower' | null;
  binary: boolean;
  why: string;
}

export const OUTCOME_PREFERENCES: Record<SummaryMetric, Preference> = {
  finalCompliance: { better: 'higher', binary: false, why: 'more of the required benchmarks met at the end' },
  fullRelief: { better: 'higher', binary: true, why: 'the deal runs its course to full relief' },
  timeToFullReliefPeriods: { better: null, binary: false, why: 'faster relief helps civilians but spends leverage sooner' },
  collapsed: { better: 'lower', binary: true, why: 'the arrangement survives' },
  collapsePeriod: { better: null, binary: false, why: 'only defined for runs that collapse' },
  reimpositions: { better: null, binary: false, why: 'more re-impositions can mean more violations or firmer enforcement' },
  falseReimpositions: { better: 'lower', binary: false, why: 'fewer punishments of a complying target' },
  undetectedViolationPeriods: { better: 'lower', binary: false, why: 'less cheating goes unseen' },
  cumulativeUnmetNeed: { better: 'lower', binary: false, why: 'less humanitarian need left unmet' },
  totalDiverted: { better: 'lower', binary: false, why: 'less aid diverted' },
  finalLeverage: { better: 'higher', binary: false, why: 'more coercion kept in reserve' },
  leverageSpentPerCompliance: { better: 'lower', binary: false, why: 'each unit of compliance bought with less leverage' },
  meanNeedMet: { better: 'higher', binary: false, why: 'more humanitarian need met' },
  targetUtility: { better: null, binary: false, why: "the target's payoff: a condition for signing, not a goal" },
};
