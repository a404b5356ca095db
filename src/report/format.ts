/**
 * Formats of the text report: numbers, shares and money come from the project's
 * one format module (src/format); months and durations are the report's own.
 */

export { NA, percent, fixed, money } from '../format/index.ts';
import { NA, trimNumber } from '../format/index.ts';

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
