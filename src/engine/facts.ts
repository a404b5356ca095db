/**
 * What the world step writes down each period: the facts the metric reporters
 * (metrics.ts) turn into series at the end of a run. One typed array per fact,
 * horizon long, owned by the run state. Facts are in the model's terms (pressure,
 * aid flows, beliefs); metrics are what users read, some of them derived from
 * several facts.
 */
export const FACT_NAMES = [
  'trueCompliance',
  'reportedCompliance',
  'verifiedCompliance',
  'inForce',
  'cohesion',
  'evasion',
  'pain',
  'threat',
  'leverage',
  'leverageCeiling',
  'snapback',
  'belief',
  'hardliner',
  'needMet',
  'need',
  'aidSent',
  'aidDelivered',
  'aidDiverted',
  'aidUndelivered',
  'cumulativeUnmet',
  'escrow',
] as const;

export type FactName = (typeof FACT_NAMES)[number];
export type PeriodFactSeries = Record<FactName, Float64Array>;

/** A reporter that copies one fact as it is. */
export function copyFact(name: FactName): (f: PeriodFactSeries, out: Float64Array, n: number) => void {
  return (f, out, n) => out.set(n === f[name].length ? f[name] : f[name].subarray(0, n));
}
