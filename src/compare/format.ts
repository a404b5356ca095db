import type { MetricInfo } from '../engine/metrics.ts';

/**
 * Number formatting shared by chart titles and the comparison table, so a value
 * reads the same in a headline, an axis and a table cell.
 */

/** A share in [0, 1] as a percentage: one decimal below 10% so small risks do not read as 0%. */
export function formatShare(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const pct = x * 100;
  const digits = Math.abs(pct) < 10 && pct !== 0 ? 1 : 0;
  return `${pct.toFixed(digits)}%`;
}

/** A difference of shares, in percentage points with a sign. */
export function formatSharePoints(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const pts = x * 100;
  const digits = Math.abs(pts) < 10 ? 1 : 0;
  return `${pts > 0 ? '+' : ''}${pts.toFixed(digits)} pp`;
}

/** Thousand US dollars, scaled to millions or billions of USD when large. */
export function formatKusd(x: number, signed = false): string {
  if (!Number.isFinite(x)) return 'n/a';
  const sign = signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  if (a >= 1e6) return `${sign}${(x / 1e6).toFixed(2)} bn USD`;
  if (a >= 1e3) return `${sign}${(x / 1e3).toFixed(1)} m USD`;
  return `${sign}${x.toFixed(0)} k USD`;
}

/** Any plain number with up to 3 significant digits (periods, counts, utilities). */
export function formatNumber(x: number, signed = false): string {
  if (!Number.isFinite(x)) return 'n/a';
  const sign = signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return `${sign}${x.toFixed(digits)}`;
}

/** A value in its metric's unit, as text for a reader. */
export function formatValue(x: number, unit: MetricInfo['unit']): string {
  switch (unit) {
    case 'share':
      return formatShare(x);
    case 'kUSD':
    case 'kUSD per period':
      return formatKusd(x);
    case 'periods':
      return `${formatNumber(x)} periods`;
    default:
      return formatNumber(x);
  }
}

/** A difference in its metric's unit, signed. */
export function formatDifference(x: number, unit: MetricInfo['unit']): string {
  switch (unit) {
    case 'share':
      return formatSharePoints(x);
    case 'kUSD':
    case 'kUSD per period':
      return formatKusd(x, true);
    case 'periods':
      return `${formatNumber(x, true)} periods`;
    default:
      return formatNumber(x, true);
  }
}

/** Values read from JSON turn NaN into null; both mean "undefined" here. */
export function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Whether a difference is too small to matter, however narrow its interval: under
 * half a percentage point for shares, half a period for times, 0.01 per run for
 * counts, else 0.5% of the reference's magnitude. With thousands of runs on common
 * random numbers a −0.1 pp change can exclude zero; calling it "worse" would mislead.
 */
export function negligibleDifference(x: number, unit: MetricInfo['unit'], referenceMean: number): boolean {
  const a = Math.abs(x);
  switch (unit) {
    case 'share':
      return a < 0.005;
    case 'periods':
      return a < 0.5;
    case 'count':
      return a < 0.01;
    default:
      return a < 0.005 * Math.abs(referenceMean);
  }
}
