import { monthLabel } from './format.ts';

/** A period the report reads the trajectories at. */
export interface Checkpoint {
  period: number;
  label: string;
}

/**
 * Where a reader looks first: the first period, one year in, and the end. When the
 * horizon is a year or shorter the middle checkpoint is the middle period instead.
 */
export function checkpoints(horizonPeriods: number, periodLengthMonths: number): Checkpoint[] {
  const last = horizonPeriods - 1;
  const oneYear = Math.round(12 / periodLengthMonths) - 1;
  const middle = oneYear > 0 && oneYear < last ? oneYear : Math.floor(last / 2);
  const periods = [...new Set([0, middle, last])].filter((p) => p >= 0 && p <= last).sort((a, b) => a - b);
  return periods.map((period) => ({ period, label: monthLabel(period, periodLengthMonths) }));
}
