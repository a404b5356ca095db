import type { RunFacts } from './reporters.ts';
import { copyFact, type PeriodFactSeries } from './facts.ts';

/**
 * What one run measures, as reporters (Mesa's data collection): each entry says how
 * it is recorded (a function of the period's or the run's facts), its unit, whether
 * it is a share or a 0/1 outcome, which direction a designer prefers, and the phrase
 * its chart axis uses. The Monte Carlo summaries, compare, the charts and the CSV all
 * read these two tables, so adding a metric is one entry here.
 */

export type MetricUnit = 'share' | 'kUSD per period' | 'kUSD' | 'periods' | 'count' | 'utility' | 'leverage per compliance';

export interface MetricInfo {
  /** Label for tables and chart axes. */
  label: string;
  /** Unit for axes; "share" means a number in [0, 1]. */
  unit: MetricUnit;
  /** Shares live in [0, 1]; the batch layer bins them in fixed histograms that merge exactly. */
  isShare: boolean;
  description: string;
  /** What a share is a share of, for chart axes ("% of the full package"); absent: "share, %". */
  axisPhrase?: string;
}

export interface PeriodMetricInfo extends MetricInfo {
  /**
   * Fills the metric's series for periods [0, n) from the period facts the world
   * step keeps (reporters.ts): once per run over all periods, so recording costs one
   * call per metric and run, not one per period.
   */
  record: (f: PeriodFactSeries, out: Float64Array, n: number) => void;
}

export interface SummaryMetricInfo extends MetricInfo {
  record: (f: RunFacts) => number;
  /** Which direction a designer of relief prefers; null where the metric is a trade-off, not a goal. */
  better: 'higher' | 'lower' | null;
  /** 0/1 per run, so its mean is a probability. */
  binary: boolean;
  /** Why that direction. */
  why: string;
}

export const PERIOD_METRICS = {
  trueCompliance: { label: 'True compliance', unit: 'share', isShare: true, description: 'weighted mean of true benchmark levels', axisPhrase: '% of required benchmark levels', record: copyFact('trueCompliance') },
  reportedCompliance: { label: 'Reported compliance', unit: 'share', isShare: true, description: 'weighted mean of levels the target reports', axisPhrase: '% of required benchmark levels', record: copyFact('reportedCompliance') },
  verifiedCompliance: { label: 'Verified compliance', unit: 'share', isShare: true, description: 'weighted mean of levels the verifier has certified (as known to the coalition)', axisPhrase: '% of required benchmark levels', record: copyFact('verifiedCompliance') },
  sanctionsInForce: { label: 'Sanctions in force', unit: 'share', isShare: true, description: 'pain-weighted share of the sanctions package in force', axisPhrase: '% of the full package', record: copyFact('inForce') },
  reliefInForce: { label: 'Relief in force', unit: 'share', isShare: true, description: 'pain-weighted share lifted and delivered (1 - sanctions in force, less escrow held)', axisPhrase: '% of the full package', record: (f, out, n) => {
    for (let t = 0; t < n; t++) out[t] = 1 - f.inForce[t];
  } },
  cohesion: { label: 'Coalition cohesion', unit: 'share', isShare: true, description: 'weight of members still aligned', axisPhrase: '% of coalition weight', record: copyFact('cohesion') },
  evasion: { label: 'Evasion share', unit: 'share', isShare: true, description: 'share of the remaining pressure evaded through third parties', axisPhrase: '% of remaining pressure', record: copyFact('evasion') },
  leverage: { label: 'Leverage', unit: 'share', isShare: true, description: "what the sanctioning side can still make conditional on compliance, in the target's own utility: the relief its most tempting breach would cost it (detection now or later, the design's response, relief still to come, licences, escrow), as a share of the full package lifted for ever (1 = the whole package at stake; 0 once the deal has collapsed)", axisPhrase: '% of full package, united coalition', record: copyFact('leverage') },
  leverageCeiling: { label: 'Leverage ceiling: relief still in the deal', unit: 'share', isShare: true, description: 'the discounted relief the deal still gives a target that complies now, as a share of the full package lifted for ever (what open defiance forfeits; leverage is at most this; 0 once the deal has collapsed)', axisPhrase: '% of full package, united coalition', record: copyFact('leverageCeiling') },
  leveragePain: { label: 'Leverage index: relief still on offer', unit: 'share', isShare: true, description: 'the mechanical leverage index, first part: sanctions in force x cohesion x (1 - evasion) while the deal holds (0 after a collapse)', record: copyFact('pain') },
  leverageThreat: { label: 'Leverage index: credible threat', unit: 'share', isShare: true, description: 'the mechanical leverage index, second part: cohesion in the deal x (lifted share x snapback credibility + each licence x its chance of non-renewal if the target violated now)', record: copyFact('threat') },
  snapbackCredibility: { label: 'Snapback credibility', unit: 'share', isShare: true, description: 'chance a threshold breach leads to re-imposition, after capacity erosion', record: copyFact('snapback') },
  belief: { label: 'Belief target is sincere', unit: 'share', isShare: true, description: "coalition's posterior probability of the sincere type" , axisPhrase: 'probability target is sincere, %', record: copyFact('belief') },
  hardlinerInfluence: { label: 'Hardliner influence', unit: 'share', isShare: true, description: "hardliners' weight in the target government" , axisPhrase: '% weight in government', record: copyFact('hardliner') },
  needMet: { label: 'Humanitarian need met', unit: 'share', isShare: true, description: 'aid delivered / need, capped at 1', axisPhrase: '% of humanitarian need', record: copyFact('needMet') },
  leakage: { label: 'Aid leakage share', unit: 'share', isShare: true, description: 'share of aid sent that was diverted', axisPhrase: '% of aid sent', record: (f, out, n) => {
    for (let t = 0; t < n; t++) out[t] = f.aidSent[t] > 0 ? f.aidDiverted[t] / f.aidSent[t] : 0;
  } },
  need: { label: 'Humanitarian need', unit: 'kUSD per period', isShare: false, description: 'need this period', record: copyFact('need') },
  aidSent: { label: 'Aid sent', unit: 'kUSD per period', isShare: false, description: 'carve-out plus relief-linked aid sent', record: copyFact('aidSent') },
  aidDelivered: { label: 'Aid delivered', unit: 'kUSD per period', isShare: false, description: 'aid that reached people in need', record: copyFact('aidDelivered') },
  aidDiverted: { label: 'Aid diverted', unit: 'kUSD per period', isShare: false, description: 'aid diverted (leakage)', record: copyFact('aidDiverted') },
  aidUndelivered: { label: 'Aid undelivered', unit: 'kUSD per period', isShare: false, description: 'aid blocked by over-compliance with unclear exemptions', record: copyFact('aidUndelivered') },
  cumulativeUnmetNeed: { label: 'Cumulative unmet need', unit: 'kUSD', isShare: false, description: 'sum of need not met so far', record: copyFact('cumulativeUnmet') },
  escrowBalance: { label: 'Escrow balance', unit: 'utility', isShare: false, description: 'relief value held in escrow for the target', record: copyFact('escrow') },
} as const satisfies Record<string, PeriodMetricInfo>;

export type PeriodMetric = keyof typeof PERIOD_METRICS;
export const PERIOD_METRIC_NAMES = Object.keys(PERIOD_METRICS) as PeriodMetric[];

export const EVENT_KINDS = {
  trancheReleased: 'a relief tranche was released',
  violation: 'the target began violating a benchmark (true, whether seen or not)',
  violationDetected: 'the verifier detected a real violation',
  falseAlarm: 'the verifier flagged a compliant target',
  disputeOpened: 'a threshold breach opened the dispute window',
  disputeCured: 'the target cured within the window',
  disputeUpheld: 'the window closed without cure',
  reimposition: 'sanctions were re-imposed',
  falseReimposition: 'sanctions were re-imposed on a target that was complying',
  defection: 'a coalition member eased unilaterally',
  collapse: 'the arrangement collapsed',
  shock: 'an external shock hit',
  licenceLapsed: 'a time-limited licence lapsed',
  escrowPaid: 'escrowed relief was paid out',
  defiance: 'the target openly defied',
  policyReimposition: 'a sanctioner took back relief for reasons outside the benchmarks (a policy change; not a breach)',
  policyEasing: 'a sanctioner lifted again relief it had taken back for reasons outside the benchmarks',
} as const;

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as EventKind[];
export const EVENT_INDEX: Record<EventKind, number> = Object.fromEntries(EVENT_KIND_NAMES.map((k, i) => [k, i])) as Record<EventKind, number>;

export const SUMMARY_METRICS = {
  finalCompliance: { label: 'Final true compliance', unit: 'share', isShare: true, description: 'true compliance in the last period', axisPhrase: '% of required benchmark levels', better: 'higher', binary: false, why: 'more of the required benchmarks met at the end', record: (f) => f.series.trueCompliance[f.last] },
  fullRelief: { label: 'Full relief reached', unit: 'share', isShare: true, description: '1 if every tranche was released and in force at some period', axisPhrase: '% of runs', better: 'higher', binary: true, why: 'the deal runs its course to full relief', record: (f) => f.state.fullReliefPeriod >= 0 ? 1 : 0 },
  timeToFullReliefPeriods: { label: 'Time to full relief', unit: 'periods', isShare: false, description: 'first period with all tranches in force (NaN if never)', better: null, binary: false, why: 'faster relief helps civilians but spends leverage sooner', record: (f) => f.state.fullReliefPeriod >= 0 ? f.state.fullReliefPeriod : NaN },
  collapsed: { label: 'Collapsed', unit: 'share', isShare: true, description: '1 if the arrangement collapsed', axisPhrase: '% of runs', better: 'lower', binary: true, why: 'the arrangement survives', record: (f) => f.state.collapsed ? 1 : 0 },
  collapsePeriod: { label: 'Collapse period', unit: 'periods', isShare: false, description: 'period of collapse (NaN if none)', better: null, binary: false, why: 'only defined for runs that collapse', record: (f) => f.state.collapsed ? f.state.collapsePeriod : NaN },
  reimpositions: { label: 'Re-impositions', unit: 'count', isShare: false, description: 'number of re-impositions', better: null, binary: false, why: 'more re-impositions can mean more violations or firmer enforcement', record: (f) => f.state.reimpositions },
  falseReimpositions: { label: 'False re-impositions', unit: 'count', isShare: false, description: 're-impositions that punished a complying target', better: 'lower', binary: false, why: 'fewer punishments of a complying target', record: (f) => f.state.falseReimpositions },
  undetectedViolationPeriods: { label: 'Undetected violation-periods', unit: 'periods', isShare: false, description: 'benchmark-periods in violation that no report had caught', better: 'lower', binary: false, why: 'less cheating goes unseen', record: (f) => f.state.undetectedViolationPeriods },
  cumulativeUnmetNeed: { label: 'Cumulative unmet need', unit: 'kUSD', isShare: false, description: 'need not met over the horizon', better: 'lower', binary: false, why: 'less humanitarian need left unmet', record: (f) => f.state.cumulativeUnmet },
  totalDiverted: { label: 'Aid diverted', unit: 'kUSD', isShare: false, description: 'total aid diverted over the horizon', better: 'lower', binary: false, why: 'less aid diverted', record: (f) => f.state.totalDiverted },
  finalLeverage: { label: 'Leverage kept at the end', unit: 'share', isShare: true, description: "leverage in the last period: the relief the target's most tempting breach would still cost it, share of the full package", axisPhrase: '% of full package, united coalition', better: 'higher', binary: false, why: 'more coercion kept in reserve', record: (f) => f.series.leverage[f.last] },
  leverageSpentPerCompliance: { label: 'Leverage spent per compliance gained', unit: 'leverage per compliance', isShare: false, description: '(initial - final leverage) / (final - initial compliance); NaN if compliance did not rise', better: 'lower', binary: false, why: 'each unit of compliance bought with less leverage', record: (f) => leverageSpent(f) },
  meanNeedMet: { label: 'Mean need met', unit: 'share', isShare: true, description: 'mean over periods of the share of need met', axisPhrase: '% of humanitarian need', better: 'higher', binary: false, why: 'more humanitarian need met', record: (f) => f.state.needMetSum / f.horizon },
  targetUtility: { label: 'Target utility (discounted)', unit: 'utility', isShare: false, description: "the target's discounted payoff over the horizon" , better: null, binary: false, why: 'the target\'s payoff: a condition for signing, not a goal', record: (f) => f.state.targetUtility },
} as const satisfies Record<string, SummaryMetricInfo>;

export type SummaryMetric = keyof typeof SUMMARY_METRICS;
export const SUMMARY_METRIC_NAMES = Object.keys(SUMMARY_METRICS) as SummaryMetric[];

export type TypeIndex = 0 | 1 | 2;

/**
 * Leverage spent per unit of compliance gained: (leverage at the start - at the end) /
 * (final - initial compliance); undefined (NaN) when compliance did not rise.
 */
function leverageSpent(f: RunFacts): number {
  const gained = f.series.trueCompliance[f.last] - f.initialCompliance;
  return gained > 1e-9 ? (f.series.leverage[0] - f.series.leverage[f.last]) / gained : NaN;
}
