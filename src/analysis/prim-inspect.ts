import { binomialUpperTail } from './binomial.ts';
import { AnalysisInputError } from './errors.ts';
import { checkData, checkLimits, dataRanges, describeBox, indicesIn, type PrimBox, type PrimData } from './prim-box.ts';

/**
 * A PRIM box as a policy reader needs it: what it restricts, and which of the
 * restrictions matter (Bryant and Lempert's quasi-p-values).
 */

/** One restriction of a box and whether it matters. */
export interface PrimRestriction {
  dimension: number;
  name: string;
  low: number;
  high: number;
  /** The input's range over the data: the unrestricted interval. */
  range: [number, number];
  /** Which ends are restricted (narrower than the data's range). */
  restrictsLow: boolean;
  restrictsHigh: boolean;
  /**
   * Quasi-p-value (Bryant and Lempert 2010): the probability of at least the
   * box's count of cases of interest among its runs if they were drawn at the
   * density of the box with this restriction dropped (one-sided binomial test).
   * Small: the restriction concentrates cases of interest beyond chance.
   * "Quasi" because the box was chosen with the same data.
   */
  quasiP: number;
  /**
   * The same test per end, as EMA Workbench reports it: dropping only the low
   * (or only the high) limit; null when that end is not restricted.
   */
  quasiPLow: number | null;
  quasiPHigh: number | null;
  /** Density of the box with this restriction dropped. */
  densityWithout: number;
}

/** A chosen box: its statistics and its restrictions, each with its quasi-p-value. */
export interface PrimBoxInspection {
  coverage: number;
  density: number;
  mass: number;
  runs: number;
  casesOfInterest: number;
  restrictions: PrimRestriction[];
}

/**
 * What a box restricts and which restrictions matter, for a box from `prim`
 * (or one the user drew, as limits per input).
 *
 * @throws AnalysisInputError if the limits do not match the data's inputs or the box holds no run
 */
export function inspectBox(data: PrimData, box: Pick<PrimBox, 'limits'>): PrimBoxInspection {
  const fn = 'inspectBox';
  const { x, y, names } = checkData(fn, data);
  const full = dataRanges(x);
  const totalInterest = y.reduce((s, v) => s + v, 0);
  const limits = checkLimits(fn, box, full);
  const inBox = indicesIn(x, limits);
  if (inBox.length === 0) throw new AnalysisInputError(fn, 'box.limits', 'must hold at least one run', 0);
  const stats = describeBox(limits, inBox, y, x.length, totalInterest, full, 'start');
  // The density of the box with input j's limits replaced, and the one-sided binomial test against it.
  const densityWith = (j: number, replaced: [number, number]) => {
    const runs = indicesIn(
      x,
      limits.map((l, d) => (d === j ? replaced : l)),
    );
    return runs.reduce((s, i) => s + y[i], 0) / runs.length;
  };
  const quasiP = (density: number) => binomialUpperTail(stats.casesOfInterest, stats.runs, density);
  const restrictions = stats.restricted.map((j): PrimRestriction => {
    const densityWithout = densityWith(j, full[j]);
    const restrictsLow = limits[j][0] > full[j][0];
    const restrictsHigh = limits[j][1] < full[j][1];
    return {
      dimension: j,
      name: names[j],
      low: limits[j][0],
      high: limits[j][1],
      range: [full[j][0], full[j][1]],
      restrictsLow,
      restrictsHigh,
      quasiP: quasiP(densityWithout),
      quasiPLow: restrictsLow ? quasiP(densityWith(j, [full[j][0], limits[j][1]])) : null,
      quasiPHigh: restrictsHigh ? quasiP(densityWith(j, [limits[j][0], full[j][1]])) : null,
      densityWithout,
    };
  });
  return { coverage: stats.coverage, density: stats.density, mass: stats.mass, runs: stats.runs, casesOfInterest: stats.casesOfInterest, restrictions };
}

