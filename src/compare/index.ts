export { compareDesigns, type Comparison, type ComparisonRow, type DesignResult, type Verdict } from './compare-designs.ts';
export { differenceOfMeans, type Difference } from './difference.ts';
export { OUTCOME_PREFERENCES, type Preference } from './preference.ts';
export { pairedDesignDifferences, pairedExperiment, pairedFromPoints, type PairedDifferences, type PairedDesignOptions } from './paired.ts';
