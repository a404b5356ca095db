import { HISTORICAL_ENDINGS, type HistoricalEnding } from '../scenario/schema.ts';

/**
 * How a run ended, in the vocabulary of `metadata.historicalOutcome.ending`, read from
 * its relief-in-force series (pain-weighted share of the package lifted and delivered)
 * and whether it collapsed:
 *
 * - `collapsed`: the arrangement collapsed (whatever relief is left);
 * - `no-relief`: relief was never in force;
 * - `lapsed-not-restored`: relief was in force at some period and none is at the end;
 * - `partial-reversal`: relief at the end is above 0 but below its peak;
 * - `relief-held`: relief at the end is at its peak.
 *
 * The period of the last cut is the last period whose relief is below the period
 * before's (NaN: relief never fell). Shares within 1e-9 count as equal.
 */
export interface RunEnding {
  ending: HistoricalEnding;
  /** Index of the ending in HISTORICAL_ENDINGS. */
  index: number;
  lastCutPeriod: number;
  finalRelief: number;
}

const EPS = 1e-9;

/**
 * Classifies one run's ending. Cost O(horizon).
 *
 * @param relief the run's reliefInForce series, horizon long (at least one period).
 * @param collapsed whether the run collapsed.
 * @throws Error if the series is empty.
 * @example
 *   classifyEnding([0, 0.5, 0.5, 0.2], false); // => { ending: 'partial-reversal', lastCutPeriod: 3, finalRelief: 0.2, ... }
 */
export function classifyEnding(relief: ArrayLike<number>, collapsed: boolean): RunEnding {
  const n = relief.length;
  if (n === 0) throw new Error('classifyEnding requires a series of at least 1 period');
  let peak = 0;
  let lastCut = NaN;
  for (let t = 0; t < n; t++) {
    if (relief[t] > peak) peak = relief[t];
    if (t > 0 && relief[t] < relief[t - 1] - EPS) lastCut = t;
  }
  const final = relief[n - 1];
  let ending: HistoricalEnding;
  if (collapsed) ending = 'collapsed';
  else if (peak <= EPS) ending = 'no-relief';
  else if (final <= EPS) ending = 'lapsed-not-restored';
  else if (final < peak - EPS) ending = 'partial-reversal';
  else ending = 'relief-held';
  return { ending, index: HISTORICAL_ENDINGS.indexOf(ending), lastCutPeriod: lastCut, finalRelief: final };
}
