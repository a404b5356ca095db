/**
 * Relief Lab's public API, for notebooks, the web app and other programs. Everything
 * here is platform-neutral (no file system, no threads); Node's file loading and
 * worker pool are in `relief-lab/node`, the browser's workers in `relief-lab/browser`.
 *
 * ```ts
 * import { readScenario, simulate, createGame, runMonteCarlo, compareDesigns } from 'relief-lab';
 * const v = readScenario(yamlText);                   // { ok: true, scenario } or { ok: false, errors }
 * if (!v.ok) throw new Error(formatErrors(v.errors));
 * const one = simulate(v.scenario, 1);                 // one run: series, events, summary
 * const batch = await runMonteCarlo(v.scenario, { runs: 1000, masterSeed: 1 }); // in this thread
 * ```
 *
 * - the scenario format: `scenarioSchema`, `readScenario`, `validateScenario`, `mergeDeep`
 * - one run and the game: `simulate`, `createRunner`, `createGame`, `restoreGame`
 * - policies: `ALL_POLICIES`, `policiesFor(role)`, `externalPolicy(role)`
 * - batches: `runMonteCarlo`, `runMonteCarloPartial`, `mergePartials` (pool: in-thread by default)
 * - analysis and views: `compareDesigns`, the chart specs, the reports, the case library
 */
export * from './engine/index.ts';
export { scenarioSchema, designSchema, TARGET_TYPES, MAX_HORIZON_PERIODS, type Scenario, type ScenarioInput, type Design, type Tranche, type Benchmark, type Shock, type TargetTypeName } from './scenario/schema.ts';
export { readScenario, validateScenario, parseScenarioText, formatErrors, type ScenarioError, type Validation } from './scenario/validate.ts';
export { mergeDeep, resolveExtends, type ScenarioLookup } from './scenario/extends.ts';
export * from './montecarlo/index.ts';
export * from './compare/index.ts';
export * from './charts/index.ts';
export * from './report/index.ts';
export * from './cases/index.ts';
export * as negotiation from './negotiation/index.ts';
export * as analysis from './analysis/index.ts';
export * as studies from './analysis/studies/index.ts';
export * as gametheory from './gametheory/index.ts';
export * as audit from './audit/index.ts';
export * as tournament from './tournament/index.ts';
export * as experiments from './experiments/index.ts';
export * as stats from './stats/index.ts';
export * as format from './format/index.ts';
export * as validation from './validation/index.ts';
// What the web app's views format and draw with, by name.
export { formatDifference, formatValue, isNumber, formatShare, formatSharePoints, formatNumber } from './format/index.ts';
export { MAX_SCENARIO_CHARS } from './scenario/validate.ts';
export { periodWord } from './charts/axes.ts';
export type { ReferenceResult } from './charts/fan.ts';
