/**
 * What one run measures. Per-period metrics are recorded into typed arrays; the
 * run summary is one number per metric. The lists here are the single source that
 * the Monte Carlo summaries, exports and charts iterate over, so adding a metric is
 * one line.
 */

export interface MetricInfo {
  /** Label for tables and chart axes. */
  label: string;
  /** Unit for axes; "share" means a number in [0, 1]. */
  unit: 'share' | 'kUSD per period' | 'kUSD' | 'periods' | 'count' | 'utility' | 'leverage per compliance';
  /** Shares live in [0, 1]; the batch layer bins them in fixed histograms that merge exactly. */
  isShare: boolean;
  description: string;
}

export const PERIOD_METRICS = {
  trueCompliance: { label: 'True compliance', unit: 'share', isShare: true, description: 'weighted mean of true benchmark levels' },
  reportedCompliance: { label: 'Reported compliance', unit: 'share', isShare: true, description: 'weighted mean of levels the target reports' },
  verifiedCompliance: { label: 'Verified compliance', unit: 'share', isShare: true, description: 'weighted mean of levels the verifier has certified (as known to the coalition)' },
  sanctionsInForce: { label: 'Sanctions in force', unit: 'share', isShare: true, description: 'pain-weighted share of the sanctions package in force' },
  reliefInForce: { label: 'Relief in force', unit: 'share', isShare: true, description: 'pain-weighted share lifted and delivered (1 - sanctions in force, less escrow held)' },
  cohesion: { label: 'Coalition cohesion', unit: 'share', isShare: true, description: 'weight of members still aligned' },
  evasion: { label: 'Evasion share', unit: 'share', isShare: true, description: 'share of the remaining pressure evaded through third parties' },
  leverage: { label: 'Leverage', unit: 'share', isShare: true, description: 'pain still imposed + credible threat of re-imposing what was lifted (1 = full package, united coalition)' },
  leveragePain: { label: 'Leverage: pain imposed', unit: 'share', isShare: true, description: 'sanctions in force x cohesion x (1 - evasion)' },
  leverageThreat: { label: 'Leverage: credible threat', unit: 'share', isShare: true, description: 'lifted share x cohesion x snapback credibility' },
  snapbackCredibility: { label: 'Snapback credibility', unit: 'share', isShare: true, description: 'chance a threshold breach leads to re-imposition, after capacity erosion' },
  belief: { label: 'Belief target is sincere', unit: 'share', isShare: true, description: "coalition's posterior probability of the sincere type" },
  hardlinerInfluence: { label: 'Hardliner influence', unit: 'share', isShare: true, description: "hardliners' weight in the target government" },
  needMet: { label: 'Humanitarian need met', unit: 'share', isShare: true, description: 'aid delivered / need, capped at 1' },
  leakage: { label: 'Aid leakage share', unit: 'share', isShare: true, description: 'share of aid sent that was diverted' },
  need: { label: 'Humanitarian need', unit: 'kUSD per period', isShare: false, description: 'need this period' },
  aidSent: { label: 'Aid sent', unit: 'kUSD per period', isShare: false, description: 'carve-out plus relief-linked aid sent' },
  aidDelivered: { label: 'Aid delivered', unit: 'kUSD per period', isShare: false, description: 'aid that reached people in need' },
  aidDiverted: { label: 'Aid diverted', unit: 'kUSD per period', isShare: false, description: 'aid diverted (leakage)' },
  aidUndelivered: { label: 'Aid undelivered', unit: 'kUSD per period', isShare: false, description: 'aid blocked by over-compliance with unclear exemptions' },
  cumulativeUnmetNeed: { label: 'Cumulative unmet need', unit: 'kUSD', isShare: false, description: 'sum of need not met so far' },
  escrowBalance: { label: 'Escrow balance', unit: 'utility', isShare: false, description: 'relief value held in escrow for the target' },
} as const satisfies Record<string, MetricInfo>;

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
} as const;

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as EventKind[];
export const EVENT_INDEX: Record<EventKind, number> = Object.fromEntries(EVENT_KIND_NAMES.map((k, i) => [k, i])) as Record<EventKind, number>;

export const SUMMARY_METRICS = {
  finalCompliance: { label: 'Final true compliance', unit: 'share', isShare: true, description: 'true compliance in the last period' },
  fullRelief: { label: 'Full relief reached', unit: 'share', isShare: true, description: '1 if every tranche was released and in force at some period' },
  timeToFullReliefPeriods: { label: 'Time to full relief', unit: 'periods', isShare: false, description: 'first period with all tranches in force (NaN if never)' },
  collapsed: { label: 'Collapsed', unit: 'share', isShare: true, description: '1 if the arrangement collapsed' },
  collapsePeriod: { label: 'Collapse period', unit: 'periods', isShare: false, description: 'period of collapse (NaN if none)' },
  reimpositions: { label: 'Re-impositions', unit: 'count', isShare: false, description: 'number of re-impositions' },
  falseReimpositions: { label: 'False re-impositions', unit: 'count', isShare: false, description: 're-impositions that punished a complying target' },
  undetectedViolationPeriods: { label: 'Undetected violation-periods', unit: 'periods', isShare: false, description: 'benchmark-periods in violation that no report had caught' },
  cumulativeUnmetNeed: { label: 'Cumulative unmet need', unit: 'kUSD', isShare: false, description: 'need not met over the horizon' },
  totalDiverted: { label: 'Aid diverted', unit: 'kUSD', isShare: false, description: 'total aid diverted over the horizon' },
  finalLeverage: { label: 'Leverage kept at the end', unit: 'share', isShare: true, description: 'leverage in the last period' },
  leverageSpentPerCompliance: { label: 'Leverage spent per compliance gained', unit: 'leverage per compliance', isShare: false, description: '(initial - final leverage) / (final - initial compliance); NaN if compliance did not rise' },
  meanNeedMet: { label: 'Mean need met', unit: 'share', isShare: true, description: 'mean over periods of the share of need met' },
  targetUtility: { label: 'Target utility (discounted)', unit: 'utility', isShare: false, description: "the target's discounted payoff over the horizon" },
} as const satisfies Record<string, MetricInfo>;

export type SummaryMetric = keyof typeof SUMMARY_METRICS;
export const SUMMARY_METRIC_NAMES = Object.keys(SUMMARY_METRICS) as SummaryMetric[];

export type TypeIndex = 0 | 1 | 2;
