import { PURPOSE, type Chance } from '../../chance.ts';
import { stochasticRound } from '../../rng.ts';

/** Aid flows of one period, in whole kUSD: delivered + diverted + undelivered = sent, exactly. */
export interface AidFlows {
  sent: number;
  delivered: number;
  diverted: number;
  undelivered: number;
}

/**
 * Splits the aid sent this period. Leakage (share `leakage`, after safeguards) is
 * diverted first; of the rest, a share `chill` is never delivered because unclear
 * exemptions make banks and shippers over-comply. Stochastic rounding keeps every
 * amount whole (so the sum is exact) and unbiased (so the mean delivered share is
 * 1 - leakage when there is no chill: MODEL.md result 5).
 */
export function splitAid(sentKusd: number, leakage: number, chill: number, ch: Chance, period: number, out: AidFlows): AidFlows {
  const sent = Math.round(sentKusd);
  const diverted = Math.min(sent, stochasticRound(sent * leakage, ch.uniform(PURPOSE.aidSplit, 0, period, 0)));
  const rest = sent - diverted;
  const undelivered = Math.min(rest, stochasticRound(rest * chill, ch.uniform(PURPOSE.aidSplit, 0, period, 1)));
  out.sent = sent;
  out.diverted = diverted;
  out.undelivered = undelivered;
  out.delivered = rest - undelivered;
  return out;
}
