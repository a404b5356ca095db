import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { NegotiationInputError } from '../errors.ts';

/**
 * A party's utility of one run: a weighted sum of the run's summary outcomes, e.g. the
 * coalition's `{ finalCompliance: 1, finalLeverage: 0.5, meanNeedMet: 0.5, collapsed: -0.5 }`
 * (compliance gained, leverage kept, the humanitarian outcome, the cost of a collapse).
 * Linear in the outcomes, so its mean and Monte Carlo SE follow from the outcomes' means
 * and covariance (type-moments.ts) and a change of weights needs no new runs.
 */
export type PartyWeights = Partial<Record<UtilityMetric, number>>;

/**
 * The outcomes a utility may weigh: the run-summary metrics defined in every run. The
 * three left out are undefined (NaN) in some runs (time to full relief, collapse period,
 * leverage spent per compliance), so a mean over the runs would silently drop runs.
 */
export const UTILITY_METRICS = (Object.keys(SUMMARY_METRICS) as SummaryMetric[]).filter(
  (m) => m !== 'timeToFullReliefPeriods' && m !== 'collapsePeriod' && m !== 'leverageSpentPerCompliance',
);
export type UtilityMetric = Exclude<SummaryMetric, 'timeToFullReliefPeriods' | 'collapsePeriod' | 'leverageSpentPerCompliance'>;

/** The coalition's default weights: compliance gained, leverage kept, the humanitarian outcome, and its costs (a collapse, punishing a complying target). */
export const DEFAULT_COALITION_WEIGHTS: PartyWeights = { finalCompliance: 1, finalLeverage: 0.5, meanNeedMet: 0.5, collapsed: -0.5, falseReimpositions: -0.1 };
/** The target's default: the engine's own discounted payoff of its type (relief received, less compliance and political costs). */
export const DEFAULT_TARGET_WEIGHTS: PartyWeights = { targetUtility: 1 };

/** Every party's weights: the coalition, the target, and optionally each member as a party of its own. */
export interface PartyUtilities {
  coalition: PartyWeights;
  target: PartyWeights;
  /** Member id -> weights, for members that value outcomes differently; each becomes a party named `member:<id>`. */
  members?: Record<string, PartyWeights>;
}

/**
 * The parties and their weights for a scenario, defaults filled and checked: every
 * metric one of UTILITY_METRICS, every weight finite, at least one non-zero per party,
 * every member id one of the scenario's.
 * @throws NegotiationInputError naming the field, e.g. `utility.coalition.finalCompliance`.
 * @example partyWeights(scenario, { coalition: { finalCompliance: 1 } }).map((p) => p.party) // ['coalition', 'target']
 */
export function partyWeights(scenario: Scenario, given: Partial<PartyUtilities> = {}): { party: string; weights: PartyWeights }[] {
  const out: { party: string; weights: PartyWeights }[] = [
    { party: 'coalition', weights: check('utility.coalition', given.coalition ?? DEFAULT_COALITION_WEIGHTS) },
    { party: 'target', weights: check('utility.target', given.target ?? DEFAULT_TARGET_WEIGHTS) },
  ];
  const ids = scenario.coalition.members.map((m) => m.id);
  for (const [id, w] of Object.entries(given.members ?? {})) {
    if (!ids.includes(id)) throw new NegotiationInputError(`utility.members.${id}`, `is not a member of the scenario's coalition (${ids.join(', ')})`);
    out.push({ party: `member:${id}`, weights: check(`utility.members.${id}`, w) });
  }
  return out;
}

function check(field: string, w: unknown): PartyWeights {
  if (!w || typeof w !== 'object' || Array.isArray(w)) throw new NegotiationInputError(field, 'expected a mapping of outcome -> weight');
  const entries = Object.entries(w as Record<string, unknown>);
  for (const [m, v] of entries) {
    if (!(UTILITY_METRICS as string[]).includes(m)) throw new NegotiationInputError(`${field}.${m}`, `is not an outcome a utility can weigh (${UTILITY_METRICS.join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new NegotiationInputError(`${field}.${m}`, `${String(v)} is not a finite number`);
  }
  if (!entries.some(([, v]) => v !== 0)) throw new NegotiationInputError(field, 'gives no outcome a non-zero weight');
  return w as PartyWeights;
}

/** The weights as a vector aligned with UTILITY_METRICS. */
export function weightVector(w: PartyWeights): Float64Array {
  return Float64Array.from(UTILITY_METRICS, (m) => w[m] ?? 0);
}
