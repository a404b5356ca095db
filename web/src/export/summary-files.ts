import { PERIOD_METRIC_NAMES, PERIOD_METRICS, SUMMARY_METRIC_NAMES, SUMMARY_METRICS, type MetricInfo } from '../../../src/index.ts';
import type { BatchSummary } from '../../../src/index.ts';
import { csvCell } from '../../../src/report/csv.ts';

/**
 * Summaries as files a spreadsheet or notebook reads directly. Every row carries
 * the run's provenance (scenario, whether it was edited, master seed, runs,
 * partial, version), so a CSV cut out of its context still says how to reproduce
 * it, and its unit, so a number is never read as the wrong thing. A summary taken
 * while the batch runs (fewer runs than asked) is marked partial. Undefined values
 * are empty cells.
 */
export function cell(x: unknown): string {
  // The project's one CSV cell (src/report/csv.ts): text starting with = + - @, a tab or
  // a CR is neutralised, so a scenario named "=1+2" never becomes a spreadsheet formula.
  return csvCell(x);
}

function provenanceCells(s: BatchSummary, edited: boolean): unknown[] {
  return [s.scenarioName, edited, s.masterSeed, s.runs, s.runsRequested, s.partial || s.runs < s.runsRequested, s.version];
}
const PROVENANCE_HEADER = ['scenario', 'scenario_edited', 'master_seed', 'runs', 'runs_requested', 'partial', 'version'];

/** The unit of a metric's values as a CSV cell: shares are fractions (0.25 = 25%), periods say their length. */
export function unitCell(unit: MetricInfo['unit'], periodLengthMonths: number): string {
  if (unit === 'share') return 'share (0-1)';
  if (unit === 'periods') return periodLengthMonths === 1 ? 'months' : `periods of ${periodLengthMonths} months`;
  if (unit === 'kUSD per period') return periodLengthMonths === 1 ? 'kUSD per month' : `kUSD per period of ${periodLengthMonths} months`;
  return unit;
}

/** Long format: one row per (metric, period) with mean, standard error and quantiles. */
export function periodsCsv(s: BatchSummary, edited = false): string {
  const header = [...PROVENANCE_HEADER, 'metric', 'unit', 'period', 'mean', 'se', 'q05', 'q25', 'q50', 'q75', 'q95'];
  const rows = [header.join(',')];
  const prov = provenanceCells(s, edited);
  for (const m of PERIOD_METRIC_NAMES) {
    const p = s.periods[m];
    const unit = unitCell(PERIOD_METRICS[m].unit, s.periodLengthMonths);
    for (let t = 0; t < s.horizonPeriods; t++) rows.push([...prov, m, unit, t, p.mean[t], p.se[t], p.q05[t], p.q25[t], p.q50[t], p.q75[t], p.q95[t]].map(cell).join(','));
  }
  return rows.join('\n') + '\n';
}

/** One row per run-summary metric: runs defined, mean with SE and 95% CI, quantiles. */
export function outcomesCsv(s: BatchSummary, edited = false): string {
  const header = [...PROVENANCE_HEADER, 'metric', 'unit', 'n', 'n_undefined', 'mean', 'se', 'ci95_low', 'ci95_high', 'min', 'q05', 'q25', 'q50', 'q75', 'q95', 'max'];
  const rows = [header.join(',')];
  const prov = provenanceCells(s, edited);
  for (const m of SUMMARY_METRIC_NAMES) {
    const o = s.outcomes[m];
    rows.push([...prov, m, unitCell(SUMMARY_METRICS[m].unit, s.periodLengthMonths), o.n, o.nUndefined, o.mean, o.se, o.ci95[0], o.ci95[1], o.min, o.q05, o.q25, o.q50, o.q75, o.q95, o.max].map(cell).join(','));
  }
  return rows.join('\n') + '\n';
}

/** The BatchSummary as the CLI writes it (NaN as null), readable by the batch layer's parser. */
export function summaryJson(s: BatchSummary): string {
  return JSON.stringify(s, null, 2) + '\n';
}
