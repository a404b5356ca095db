/** What an undefined value (NaN, e.g. a time never reached) prints as. */
export const NA = 'n/a';

/** Values read from JSON turn NaN into null; both mean "undefined" here. */
export function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A number with a fixed number of decimals, "n/a" if undefined: fixed(2.345, 1) -> "2.3". */
export function fixed(x: number, decimals = 2): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : NA;
}

/** Up to 3 significant digits for reading (periods, counts, utilities), optionally signed: 12.34 -> "12.3". */
export function formatNumber(x: number, signed = false): string {
  if (!Number.isFinite(x)) return NA;
  const sign = signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return `${sign}${x.toFixed(digits)}`;
}

/** Whole numbers as they are, others with one decimal: 12 -> "12", 12.25 -> "12.3". */
export function wholeOrOneDecimal(x: number): string {
  if (!Number.isFinite(x)) return NA;
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** Whole numbers as they are, others to 2 decimals without trailing zeros: 0.25 -> "0.25", 2.5 -> "2.5". */
export function trimNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(+x.toFixed(2));
}

/** 454000 -> "454,000" (not toLocaleString: the output must not depend on the runtime's locale data). */
export function groupThousands(x: number): string {
  const s = String(Math.round(Math.abs(x)));
  return (x < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
