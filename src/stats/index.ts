/**
 * Intervals and quantiles, once for the whole project: the batch layer, the
 * comparison of designs, the cases page and the experiments all read these.
 */
export { Z95, normalInterval } from './normal.ts';
export { wilsonInterval, newcombeInterval } from './wilson.ts';
export { quantileSorted, quantileInterpolated, sortedDefined } from './quantile.ts';
export { moments, type Moments } from './moments.ts';
export { pairedDifference, independentDifference, type Difference, type PairedDifference, type SampleMean } from './difference.ts';
