// The negotiation stage valued by simulation: designs of a family run through the experiments layer.
export { bargainOverFamily, defaultAt as defaultBargainingAt, familyProtocol, sliceAlong, type AgreedDesign, type BargainingSpec, type FamilyBargaining } from './bargain.ts';
export { designScenario, familyDesigns, noDealScenario, resolveFamily, SCHEDULE_PARAMETERS, withSchedule, type ResolvedFamily } from './design-space.ts';
export { IMPLEMENTATION_OUTCOMES, simulateImplementation, type Implementation } from './implementation.ts';
export { negotiate, reportOf, type BargainingOverrides, type NegotiationReport } from './negotiate.ts';
export { MAX_NEGOTIATION_FILE_CHARS, negotiationFileSchema, parseNegotiationFile, type NegotiationFile } from './negotiation-file.ts';
export { DEFAULT_COALITION_WEIGHTS, DEFAULT_TARGET_WEIGHTS, partyWeights, UTILITY_METRICS, type PartyUtilities, type PartyWeights, type UtilityMetric } from './party-utility.ts';
export { formatNegotiationReport } from './report.ts';
export { MAX_RUNS_PER_DESIGN, momentsKey, reweight, simulateFamily, simulateScenarios, type FamilySpec, type MomentsCache, type SimulatedFamily, type SimulateOptions } from './simulate-family.ts';
export { MomentsBuilder, utilityEstimate, type DesignMoments } from './type-moments.ts';
export { acceptanceRows, acceptanceSpec, zoneRows, zoneSpec } from './charts.ts';
