import type { BatchView } from './batch-view.ts';
import { periodsCsv } from './csv.ts';

import { tableReport } from './table-report.ts';

export { REPORT_PERIOD_METRICS, fromBatchSummary, type BatchView } from './batch-view.ts';
export { describeBatch } from './summary-text.ts';
export { tableReport, trajectoryTable, outcomeTable } from './table-report.ts';
export { periodsCsv } from './csv.ts';
export { summaryJson, stringifyReadable } from './json.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The readable report (table) or the per-period CSV; JSON is the whole summary (summaryJson). */
export function renderReport(b: BatchView, format: Exclude<ReportFormat, 'json'>): string {
  return format === 'table' ? tableReport(b) : periodsCsv(b);
}
