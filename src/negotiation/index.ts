// The negotiation stage: who signs which design, the zone of agreement, bargaining over the terms.
export { analyseFamily, type FamilyAnalysis, type TypeAnalysis } from './analysis.ts';
export { acceptance, acceptanceByDesign, signingThresholds, valueOfOffering, type Acceptance, type TypeDecision } from './acceptance.ts';
export * from './bargaining/index.ts';
export { designGrid, MAX_FAMILY_POINTS, parameterRangeSchema, parameterValues, validateDesignFamily, type DesignFamily, type DesignPoint, type ParameterRange } from './design-family.ts';
export { NegotiationInputError, requireBreakdownProbability, requireDiscount, requireFinite } from './errors.ts';
export { checkEstimate, clearlyDiffers, zScore, type Estimate } from './estimate.ts';
export { efficientHull, frontierFromVertices, individuallyRational, locateOnFrontier, type Frontier, type FrontierLocation, type UtilityPair } from './frontier.ts';
export { idealPoint, kalaiSmorodinskyBestPoint, kalaiSmorodinskyOnFrontier, kalaiSmorodinskyOnHull } from './kalai-smorodinsky.ts';
export { nashBestPoint, nashOnFrontier, nashOnHull, type BestPoint, type FrontierPoint } from './nash.ts';
export { clearlyDominated, dominates, paretoFrontier, type ParetoResult } from './pareto.ts';
export { rubinsteinOnFrontier, type RubinsteinOnFrontier } from './rubinstein-frontier.ts';
export { protocolFromTable, tabulatedUtility } from './table-protocol.ts';
export { problemForType, validateUtilityTable, type BargainingPoints, type UtilityTable } from './utility-table.ts';
export { disagreementPoint, zoneOfAgreement, type ZoneMember } from './zone.ts';
export * from './simulation/index.ts';
