/**
 * Exploratory analysis: designs (what to evaluate) and analyses (what the
 * outcomes say), as pure functions. A model enters either as data (outputs
 * aligned with a design's points, computed anywhere: the experiments layer, a
 * worker pool, a cluster) or as a function of a point (the `*Analysis`
 * helpers). Randomness is always a passed-in generator. Methods: docs/analysis.md.
 */
export { AnalysisInputError, type UniformRng } from './errors.ts';
export { validateFactors, scaleToFactors, pointAsRecord, type Factor } from './factors.ts';
export { latinHypercube, latinHypercubeDesign, type LatinHypercubeOptions } from './latin-hypercube.ts';
export { sobolSequence, sobolDirectionNumbers, SOBOL_MAX_DIMENSIONS, type SobolSequenceOptions } from './sobol-sequence.ts';
export { saltelliDesign, SALTELLI_MAX_FACTORS, type SaltelliDesign, type SaltelliOptions } from './saltelli.ts';
export { sobolIndices, sobolAnalysis, type SobolResult, type FactorIndices, type PairIndex, type IndexEstimate, type SobolAnalysisOptions } from './sobol-indices.ts';
export { morrisDesign, morrisEffects, morrisAnalysis, trajectoryDistance, trajectorySpread, type MorrisDesign, type MorrisDesignOptions, type MorrisResult, type MorrisFactorResult, type MorrisStep } from './morris.ts';
export { prim, chooseBox, pasteBox, type PrimData, type PrimBox, type PrimOptions, type PrimResult } from './prim.ts';
export { inspectBox, type PrimRestriction, type PrimBoxInspection } from './prim-inspect.ts';
export { primCovering, type PrimCoveringOptions, type CoveringBox } from './prim-covering.ts';
export { findBreakPoint, type BreakPointOptions, type BreakPointResult, type BreakPointProbe, type CollapseCount } from './break-point.ts';
export { sweepDesign, sweepResult, sweepAnalysis, type SweepFactor, type SweepDesign, type SweepOutcome, type SweepLevel, type SweepResult, type TornadoBar } from './sweep.ts';
export { wilsonInterval, clopperPearsonInterval, binomialUpperTail, normalQuantile, normalQuantileTwoSided, regularizedIncompleteBeta, betaQuantile, logGamma } from './binomial.ts';
export { summariseReplicates, quantileSorted, type BootstrapOptions, type BootstrapInterval } from './bootstrap.ts';
