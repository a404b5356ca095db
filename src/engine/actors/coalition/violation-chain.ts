/**
 * One target type's violation state as the coalition models it: a small hidden Markov
 * chain, observed through the verifier's reports, with an exact forward filter.
 *
 * States, at the moment of an inspection (the end of a period, after the target's move):
 *
 *   CLEAN   nothing outstanding: an inspection raises a false alarm with probability q;
 *   HIDDEN  a violation behind gamed statistics: an inspection exposes it with the
 *           detection module's p' (flagProbabilityIfViolating at the report's access);
 *   SHOWN   a violation reported honestly: any inspection with access sees it
 *           (inspectionCatchProbability with gamed = false, i.e. 1).
 *
 * One period's transition, before that period's inspection, for a type that starts a
 * violation with probability `start`, games its statistics with probability `gaming`,
 * and ends an undetected violation (restores the level) with `restoreHidden` or
 * `restoreShown`:
 *
 *   CLEAN  -> HIDDEN start x gaming, SHOWN start x (1 - gaming), else CLEAN
 *   HIDDEN -> CLEAN restoreHidden, else HIDDEN
 *   SHOWN  -> CLEAN restoreShown, else SHOWN
 *
 * A violation persists until it is restored or exposed: a flagged report exposes it
 * (the verifier's claim falls to the truth, inspect.ts), so after a flag the chain is
 * CLEAN; a false alarm in CLEAN leaves it CLEAN. As in the engine, a target with a
 * violation outstanding draws no false alarm.
 *
 * The filter's state is P(state | reports so far, type), normalised after every step,
 * so it never under- or overflows; the report's predictive probability is what the
 * posterior over types multiplies by (belief.ts).
 */

export const CLEAN = 0;
export const HIDDEN = 1;
export const SHOWN = 2;
/** Number of states per type. */
export const CHAIN_STATES = 3;

/** One type's behaviour for one period (see the module comment). All in [0, 1]. */
export interface PeriodBehaviour {
  start: number;
  gaming: number;
  restoreHidden: number;
  restoreShown: number;
}

/** What an inspection can find (the detection module's numbers for one report). */
export interface ReportLikelihood {
  /** p': chance an inspection exposes a violation behind gamed statistics. */
  flagIfHidden: number;
  /** Chance it flags a violation that shows (1 with any access). */
  flagIfShown: number;
  /** q: chance of a false alarm on a clean record. */
  flagIfClean: number;
}

/**
 * Advances one type's filter by one period without a report, in place at `o`
 * (f[o + CLEAN], f[o + HIDDEN], f[o + SHOWN] sum to 1 before and after).
 */
export function advanceChain(f: Float64Array, o: number, b: PeriodBehaviour): void {
  const clean = f[o + CLEAN];
  const hidden = f[o + HIDDEN];
  const shown = f[o + SHOWN];
  const starts = clean * b.start;
  const endHidden = hidden * b.restoreHidden;
  const endShown = shown * b.restoreShown;
  f[o + CLEAN] = clean - starts + endHidden + endShown;
  f[o + HIDDEN] = hidden - endHidden + starts * b.gaming;
  f[o + SHOWN] = shown - endShown + starts * (1 - b.gaming);
}

/** P(this report flags | reports so far, type): the filter's one-step predictive probability. */
export function flagProbability(f: ArrayLike<number>, o: number, l: ReportLikelihood): number {
  const p = f[o + CLEAN] * l.flagIfClean + f[o + HIDDEN] * l.flagIfHidden + f[o + SHOWN] * l.flagIfShown;
  return Math.min(1, Math.max(0, p));
}

/**
 * Conditions one type's filter on a report, in place: a flag leaves the chain CLEAN
 * (exposed or a false alarm); a clean report reweights each state by its chance of
 * passing unflagged. A report impossible under the type leaves the filter as it was
 * (the type's posterior is then 0, and its chain no longer matters).
 */
export function conditionOnReport(f: Float64Array, o: number, flagged: boolean, l: ReportLikelihood): void {
  if (flagged) {
    f[o + CLEAN] = 1;
    f[o + HIDDEN] = 0;
    f[o + SHOWN] = 0;
    return;
  }
  const clean = f[o + CLEAN] * (1 - l.flagIfClean);
  const hidden = f[o + HIDDEN] * (1 - l.flagIfHidden);
  const shown = f[o + SHOWN] * (1 - l.flagIfShown);
  const z = clean + hidden + shown;
  if (!(z > 0)) return;
  f[o + CLEAN] = clean / z;
  f[o + HIDDEN] = hidden / z;
  f[o + SHOWN] = shown / z;
}
