/**
 * Number formatting of chart titles and the comparison table: the project's one
 * format module (src/format), re-exported where the charts and the web app import it.
 */
export { formatShare, formatSharePoints, formatNumber, formatValue, formatDifference, isNumber } from '../format/index.ts';
import { money } from '../format/index.ts';
import type { MetricInfo } from '../engine/metrics.ts';

/** Thousand US dollars as words ("USD 3.53 bn"), signed for differences: src/format's money. */
export function formatKusd(x: number, signed = false): string {
  return money(x, signed);
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
