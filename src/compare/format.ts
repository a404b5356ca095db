/**
 * Number formatting of chart titles and the comparison table: the project's one
 * format module (src/format), re-exported where the charts and the web app import it.
 */
export { formatShare, formatSharePoints, formatNumber, formatValue, formatDifference, isNumber } from '../format/index.ts';
import { money } from '../format/index.ts';

/** Thousand US dollars as words ("USD 3.53 bn"), signed for differences: src/format's money. */
export function formatKusd(x: number, signed = false): string {
  return money(x, signed);
}
