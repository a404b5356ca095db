import { AnalysisInputError, requireInteger, requireNumberIn } from './errors.ts';
import { chooseBox, pasteBox, prim, type PrimBox, type PrimData, type PrimOptions, type PrimResult } from './prim.ts';

/** Options of `primCovering`. */
export interface PrimCoveringOptions extends PrimOptions {
  /** Each box is the highest-coverage box on its trajectory with at least this density, in [0, 1]. */
  minDensity: number;
  /** At most this many boxes, in [1, 20] (default 3). */
  maxBoxes?: number;
}

/** One box of a covering, with its statistics over all the original runs. */
export interface CoveringBox {
  box: PrimBox;
  /** The PRIM run that found it, on the runs no earlier box holds (`box` is its chosen box, pasted). */
  result: PrimResult;
  /** Share of all cases of interest that this box adds. */
  coverage: number;
  /** Share of all runs that this box adds. */
  mass: number;
  /** Shares of all cases of interest covered by this box and the earlier ones together. */
  cumulativeCoverage: number;
}

/**
 * Several PRIM boxes by covering (Friedman and Fisher 1999; EMA Workbench's
 * successive `find_box`): find a box (the highest-coverage one with at least
 * `minDensity`, then pasted), set aside the runs inside it, and search
 * the rest, until `maxBoxes`, no case of interest is left, or no box reaches
 * `minDensity`. Boxes are read in order: box k describes runs outside boxes
 * 1..k-1, and its limits are over those runs.
 *
 * @throws AnalysisInputError for bad data or options (as `prim`, plus minDensity and maxBoxes)
 * @example primCovering({ x, y }, { minDensity: 0.8 }).map((b) => b.box.restricted)
 */
export function primCovering(data: PrimData, options: PrimCoveringOptions): CoveringBox[] {
  const fn = 'primCovering';
  requireNumberIn(fn, 'minDensity', options?.minDensity, 0, 1);
  const maxBoxes = options.maxBoxes ?? 3;
  requireInteger(fn, 'maxBoxes', maxBoxes, 1, 20);
  if (!Array.isArray(data?.x) || data.x.length === 0 || !data.y || data.y.length !== data.x.length) {
    throw new AnalysisInputError(fn, 'data', 'must have non-empty x and one flag in y per row', data?.x?.length);
  }
  const n = data.x.length;
  const flags = Array.from(data.y, (v) => (v === true || v === 1 ? 1 : 0));
  const totalInterest = flags.reduce((s: number, v) => s + v, 0);
  let remaining = Array.from({ length: n }, (_, i) => i);
  const boxes: CoveringBox[] = [];
  let covered = 0;
  while (boxes.length < maxBoxes && remaining.some((i) => flags[i] === 1)) {
    const result = prim({ x: remaining.map((i) => data.x[i]), y: remaining.map((i) => data.y[i]), names: data.names }, options);
    const chosen = chooseBox(result, options.minDensity);
    if (!chosen || chosen.restricted.length === 0) break;
    // The chosen box may sit anywhere on the trajectory; paste it (prim pastes only its last box).
    const box = pasteBox({ x: remaining.map((i) => data.x[i]), y: remaining.map((i) => data.y[i]) }, chosen, options);
    const inside = remaining.filter((i) => data.x[i].every((v, j) => v >= box.limits[j][0] && v <= box.limits[j][1]));
    covered += box.casesOfInterest;
    boxes.push({ box, result, coverage: box.casesOfInterest / totalInterest, mass: inside.length / n, cumulativeCoverage: covered / totalInterest });
    const set = new Set(inside);
    remaining = remaining.filter((i) => !set.has(i));
    if (remaining.length === 0) break;
  }
  return boxes;
}
