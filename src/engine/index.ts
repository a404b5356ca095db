/**
 * The engine's public face: one run, the game, the policies.
 *
 * ```ts
 * import { simulate, createGame, policiesFor } from 'relief-lab';
 * const run = simulate(scenario, 1);                  // the scenario's own policies
 * const game = createGame(scenario, '1/0');           // every role decides from outside
 * policiesFor('member').map((p) => p.name);           // ['resolve-threshold', 'steadfast', 'external']
 * ```
 */
export { simulate, createRunner, scenarioPolicies, copyResult, type RunResult, type Runner, type RunOptions } from './simulate.ts';
export { createGame, restoreGame, type Game, type GameSnapshot, type GameLogEntry, type GameOptions } from './game.ts';
export { IllegalActionError } from './core.ts';
export { ALL_POLICIES, DEFAULT_POLICY, policiesFor, policyDefinition } from './policies/index.ts';
export { externalPolicy, type ExternalPolicy } from './policies/external.ts';
export { AwaitingExternalAction, PolicyParamError, type Policy, type PolicyDefinition, type PolicyMeta, type PolicyParams } from './policy.ts';
export * from './roles.ts';
export { PERIOD_METRICS, PERIOD_METRIC_NAMES, SUMMARY_METRICS, SUMMARY_METRIC_NAMES, EVENT_KINDS, EVENT_KIND_NAMES, EVENT_INDEX, type PeriodMetric, type SummaryMetric, type EventKind, type MetricInfo } from './metrics.ts';
export { compileScenario, type CompiledScenario } from './compile.ts';
export { Chance, PURPOSE, chanceFor, type Purpose } from './chance.ts';
export { complianceMargin, valueGap, quantalComplyProbability, type DeterrenceInputs } from './deterrence/margin.ts';
export { fillValueGaps, newDeterrenceScratch, scheduledView, type DeterrenceView } from './deterrence/stakes.ts';
export { accessNow, inspectionCatchProbability, targetDetectionPerPeriod, flagProbabilityIfViolating, secondLookUpholdProbability } from './detection.ts';
export { runSeed, createRng, type Rng } from './rng.ts';
export { deviationTest, targetDeviationFamily, type DeviationReport, type DeviationRow, type DeviationCase } from './deviation/deviation-test.ts';
