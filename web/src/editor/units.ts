import type { FieldInfo } from './schema-fields.ts';

/**
 * The unit shown beside each number field. The schema's conventions (see
 * src/scenario/schema.ts) make most units follow from the field name: *Periods are
 * periods, *Probability are probabilities, aid and need are kUSD per period,
 * other *PerPeriod values are utility per period. A few fields say their own.
 */
const EXPLICIT: Record<string, string> = {
  needRiseWithPain: '× baseline need per unit of pain',
  magnitude: 'size (depends on the shock kind)',
  weight: 'relative weight',
  cheatGainMultiplier: 'multiplier',
  rationality: 'per utility unit (higher: closer to always choosing the best action)',
  discountFactor: 'weight of next period against this one, 0–1',
  resolve: 'utility per period',
};

export function unitOf(field: FieldInfo, periodLengthMonths: number): string {
  const k = field.key;
  if (EXPLICIT[k]) return EXPLICIT[k];
  const period = periodLengthMonths === 1 ? 'months' : `periods of ${periodLengthMonths} months`;
  if (/Periods$|Period$/.test(k) && field.kind === 'integer') return period;
  const per = periodLengthMonths === 1 ? 'per month' : 'per period';
  if (/Aid|Need/.test(k)) return `kUSD ${per}`;
  if (/Probability$|probability|hazard/i.test(k)) return /PerPeriod$/.test(k) ? `probability ${per}, 0–1` : 'probability, 0–1';
  if (/PerPeriod$/.test(k)) return field.min === 0 && field.max === 1 ? `share ${per}, 0–1` : `utility ${per}`;
  if (field.min === 0 && field.max === 1) return 'share, 0–1';
  if (field.kind === 'integer') return 'count';
  return '';
}

/** Step for number inputs: hundredths for shares, whole numbers for periods and counts. */
export function stepOf(field: FieldInfo): string {
  if (field.kind === 'integer') return '1';
  if (field.min === 0 && field.max === 1) return '0.01';
  if ((field.max ?? 0) >= 1e6) return '1000';
  return '0.1';
}
