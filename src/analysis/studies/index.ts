/**
 * Studies: the analyses of src/analysis run on the model through the experiments
 * layer (src/experiments), on common random numbers, over any pool, with progress,
 * Cancel and partial results. Platform-neutral: the CLI passes a worker-thread pool,
 * the web app a Web Worker pool. Methods: docs/analysis.md, section "Studies".
 */
export { StudyError } from './errors.ts';
export { studyFactors, evaluateLeverPoints, evaluateScenarios, pointMeans, type StudyRunOptions, type PointsEvaluation, type StudyFactor } from './evaluate.ts';
export { sweepStudy, type SweepStudyOptions, type SweepStudyResult, type SweepStudyLevel } from './sweep-study.ts';
export { sobolStudy, morrisStudy, type SensitivityOptions, type SobolStudyOptions, type SobolStudyResult, type MorrisStudyOptions, type MorrisStudyResult } from './sensitivity-study.ts';
export { stressStudy, libraryShocks, STRESS_SHOCKS, type StressShock, type StressOptions, type StressResult, type ShockBreakPoint } from './stress-study.ts';
export { parseStressPartial, STRESS_PARTIAL_FORMAT, type StressPartial } from './stress-shards.ts';
export { discoverStudy, inspectDiscoveredBox, type DiscoverOptions, type DiscoverResult } from './discover-study.ts';
export { sweepMarkdown, sobolMarkdown, morrisMarkdown, stressMarkdown, stressVerdict, discoverMarkdown, outcomeLabel } from './text.ts';
export { memoStudies, memoShard, memoAudit, memoSweepRanges, MEMO_LEVERS, type MemoAudit, type MemoStudies, type MemoStudyOptions, type MemoShardOptions } from './memo-study.ts';
export { parseMemoPartial, MEMO_PARTIAL_FORMAT, type MemoPartial } from './memo-shards.ts';
export { memoCharts, memoHtml, memoMarkdown, memoFindings, type MemoMeta } from './memo.ts';
export { chartSvg, type ChartSvgOptions } from './chart-svg.ts';
export { scenarioFingerprint } from '../../montecarlo/seeds.ts';
