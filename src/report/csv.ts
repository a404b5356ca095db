import { REPORT_PERIOD_METRICS, type BatchView } from './batch-view.ts';
import { monthOfPeriod } from './format.ts';
import { csvTextCell } from '../scenario/text-safety.ts';

/**
 * `--format csv`: one row per period, for a spreadsheet or a plot. Columns: period
 * (from 0), month (the month the period ends in), then for each reported metric its
 * mean and 5% / 95% quantiles over runs, as shares in [0, 1].
 */
export function periodsCsv(b: BatchView): string {
  const header = ['period', 'month', ...REPORT_PERIOD_METRICS.flatMap((m) => [`${m}_mean`, `${m}_q05`, `${m}_q95`])];
  const rows = [header.join(',')];
  for (let t = 0; t < b.horizonPeriods; t++) {
    const cells = [t, monthOfPeriod(t, b.periodLengthMonths)];
    for (const m of REPORT_PERIOD_METRICS) {
      const s = b.periods[m];
      cells.push(s.mean[t], s.q05[t], s.q95[t]);
    }
    rows.push(cells.map(csvNumber).join(','));
  }
  return rows.join('\n') + '\n';
}

/** Full precision so a re-read gives the same number; an undefined value is an empty cell. */
function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/**
 * One CSV cell of any value: a number at full precision (empty when undefined),
 * text neutralised against formula injection and quoted as RFC 4180 asks
 * (csvTextCell), so a scenario named `=1+2` reaches a spreadsheet as text.
 *
 * @example
 *   [csvCell('=1+2'), csvCell(0.5), csvCell(NaN), csvCell('a,b')].join(',') // "'=1+2,0.5,,\"a,b\""
 */
export function csvCell(x: unknown): string {
  if (typeof x === 'number') return csvNumber(x);
  if (x === null || x === undefined) return '';
  return csvTextCell(String(x));
}
