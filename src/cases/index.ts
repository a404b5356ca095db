/** Case library: placing history in simulated distributions, design tables, the cases page. */
export { placeInSample, readPlacement, neverAsInfinity, type Placement, type PlacementReading } from './placement.ts';
export { wilsonInterval, Z95 } from './interval.ts';
export { runCaseSample, type CaseSample, type CaseSampleOptions } from './sample.ts';
export { compareWithHistory, historicalOutcomeProblems, meanWithSe, readTiming, type TimingReading, type HistoryComparison, type EndingComparison, type HistoricalOutcome, type TimingComparison, type LevelComparison, type MeanWithSe, type Quantiles } from './compare.ts';
export { classifyEnding, type RunEnding } from './ending.ts';
export { caseDesignRow, percent, groupThousands, type CaseDesignRow } from './design.ts';
export {
  buildCasesPage,
  comparisonRows,
  COMPARISON_HEADER,
  buildCaseReports,
  renderCasesPage,
  splitDiscussion,
  caseKey,
  CASES_PAGE_RUNS,
  CASES_PAGE_MASTER_SEED,
  CASES_PAGE_COMMAND,
  CASES_DISCUSSION_FILE,
  GENERAL_DISCUSSION,
  type CaseInput,
  type CaseReport,
  type CasesPageOptions,
} from './page.ts';
