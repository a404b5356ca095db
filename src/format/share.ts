import { NA } from './number.ts';

/** A share in [0, 1] as a percentage with fixed decimals: percent(0.853) -> "85%", percent(0.853, 1) -> "85.3%". */
export function percent(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return NA;
  return `${(x * 100).toFixed(decimals)}%`;
}

/** At most one decimal, no trailing zero: 0.045 -> "4.5%", 1 -> "100%". */
export function percentTrimmed(x: number): string {
  if (!Number.isFinite(x)) return NA;
  return `${Number((x * 100).toFixed(1))}%`;
}

/** A share for headlines and tables: one decimal below 10% so small risks do not read as 0%. */
export function formatShare(x: number): string {
  if (!Number.isFinite(x)) return NA;
  const pct = x * 100;
  const digits = Math.abs(pct) < 10 && pct !== 0 ? 1 : 0;
  return `${pct.toFixed(digits)}%`;
}

/** A difference of shares in percentage points, signed: 0.052 -> "+5.2 pp". */
export function formatSharePoints(x: number): string {
  if (!Number.isFinite(x)) return NA;
  const pts = x * 100;
  const digits = Math.abs(pts) < 10 ? 1 : 0;
  return `${pts > 0 ? '+' : ''}${pts.toFixed(digits)} pp`;
}
