/**
 * Number formats shared by the text report and tables. Undefined values (NaN,
 * e.g. a time never reached) print as "n/a" rather than as a misleading number.
 */

export const NA = 'n/a';

/** A share in [0, 1] as a whole percentage: 0.853 -> "85%". */
export function percent(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return NA;
  return `${(x * 100).toFixed(decimals)}%`;
}

/** A plain number with a fixed number of decimals, "n/a" if undefined. */
export function fixed(x: number, decimals = 2): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : NA;
}

/**
 * An amount in thousand US dollars (the model's aid unit) in words:
 * 3_531_880 kUSD -> "USD 3.53 bn".
 */
export function money(kUSD: number): string {
  if (!Number.isFinite(kUSD)) return NA;
  const usd = kUSD * 1000;
  const abs = Math.abs(usd);
  if (abs >= 1e9) return `USD ${(usd / 1e9).toPrecision(3)} bn`;
  if (abs >= 1e6) return `USD ${(usd / 1e6).toPrecision(3)} m`;
  if (abs >= 1e3) return `USD ${(usd / 1e3).toPrecision(3)} k`;
  return `USD ${usd.toFixed(0)}`;
}

/**
 * The month at whose end period `period` (counted from 0) closes: with monthly
 * periods, period 0 is month 1; with quarters, period 0 is month 3.
 */
export function monthOfPeriod(period: number, periodLengthMonths: number): number {
  return (period + 1) * periodLengthMonths;
}

/** "month 12", "month 0.25"; "n/a" if undefined. */
export function monthLabel(period: number, periodLengthMonths: number): string {
  if (!Number.isFinite(period)) return NA;
  return `month ${trimNumber(monthOfPeriod(period, periodLengthMonths))}`;
}

/** A duration in months as words: 60 -> "5 years", 18 -> "18 months". */
export function durationWords(months: number): string {
  if (months >= 12 && months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${trimNumber(months)} months`;
}

function trimNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(+x.toFixed(2));
}
