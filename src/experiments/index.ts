/**
 * Experiments: many design points x runs on common random numbers, with per-point
 * summaries, strata by target type, paired differences with point 0 and per-run
 * tables (CSV, Arrow) streamed point by point. See docs/experiments.md.
 */
export { experimentSchema, experimentJsonSchemaText, MAX_POINTS, MAX_RUNS_PER_POINT, MAX_TOTAL_RUNS, type ExperimentFile } from './spec.ts';
export { readExperiment, type ExperimentProblem, type ExperimentValidation } from './validate.ts';
export { designPoints, type ExperimentDesign, type Parameter } from './points.ts';
export { prepareExperiment, experimentHeader, checkPoint, pointValues, type Experiment, type ExperimentHeader } from './experiment.ts';
export { runExperiment, type ExperimentOptions, type ExperimentPartial, type ExperimentProgress, type PointRows, type RowSink } from './run.ts';
export { finalizeExperiment, mergeExperimentPartials, parseExperimentPartial, experimentJson, type ExperimentSummary } from './result.ts';
export { summarisePoint, column, type PointSummary, type OutcomeSummary, type PairedOutcome, type Stratum } from './summary.ts';
export { REALISED_DRAWS, tableColumns, runRecordLayout, type TableColumn, type Dtype, type RealisedDraw, type RunRecordLayout } from './columns.ts';
export { csvHeader, csvPointRows, dictionaryCsv } from './csv.ts';
export { arrowSchema, arrowPointBatches, BATCH_ROWS } from './arrow.ts';
export { ExperimentChunkService, pointScenario, type ExperimentSpec, type PointChunkSpec, type PointChunkOutcome } from './chunk-service.ts';
export { createInThreadExperimentPool, type ExperimentPool } from './pool.ts';
export { ExperimentError, ExperimentRunError } from './errors.ts';
