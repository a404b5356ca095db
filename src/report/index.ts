import type { BatchView } from './batch-view.ts';
import { periodsCsv } from './csv.ts';
import { reportJson } from './json.ts';
import { tableReport } from './table-report.ts';

export { REPORT_PERIOD_METRICS, fromBatchSummary, type BatchView } from './batch-view.ts';
export { describeBatch } from './summary-text.ts';
export { tableReport, trajectoryTable, outcomeTable } from './table-report.ts';
export { periodsCsv } from './csv.ts';
export { reportJson, RUN_REPORT_FORMAT } from './json.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of the CLI's output formats. */
export function renderReport(b: BatchView, format: ReportFormat, extra: { scenarioFile?: string } = {}): string {
  switch (format) {
    case 'table':
      return tableReport(b);
    case 'json':
      return reportJson(b, extra);
    case 'csv':
      return periodsCsv(b);
  }
}
