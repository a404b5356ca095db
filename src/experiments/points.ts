import { latinHypercube } from '../analysis/latin-hypercube.ts';
import { createRng } from '../engine/rng.ts';
import { checkLeverValue, LeverError, resolveLever, type Lever, type LeverValue } from '../scenario/levers.ts';
import type { Scenario } from '../scenario/schema.ts';
import { ExperimentError } from './errors.ts';
import { MAX_POINTS, type ExperimentFile } from './spec.ts';

/** One varied field of an experiment: a lever (set by the designer) or an uncertainty (sampled). */
export interface Parameter {
  role: 'lever' | 'uncertainty';
  lever: Lever;
}

/**
 * The points of an experiment: `values[p][k]` is parameter k at point p, null where
 * the point keeps the base scenario's value. Point 0 is the reference of the
 * paired differences.
 */
export interface ExperimentDesign {
  parameters: Parameter[];
  values: (LeverValue | null)[][];
}

/**
 * The points an experiment file describes on its base scenario: the lever
 * settings (list, grid or Latin hypercube) crossed with the uncertainty samples,
 * after the base point. Pure and seeded: the same file gives the same points.
 *
 * @throws ExperimentError naming the field and the lever path for an unknown path, a
 *   value of the wrong type or out of range, or too many points.
 */
export function designPoints(file: ExperimentFile, base: Scenario): ExperimentDesign {
  const leverSide = leverSettings(file, base);
  const unc = file.uncertainties ? sampleRanges('uncertainties', file.uncertainties.ranges, file.uncertainties.samples, file.uncertainties.seed, file.uncertainties.sampling, base) : undefined;
  const leverParams = leverSide.levers.map((lever) => ({ role: 'lever' as const, lever }));
  const uncParams = (unc?.levers ?? []).map((lever) => ({ role: 'uncertainty' as const, lever }));
  const clash = leverParams.find((p) => uncParams.some((u) => u.lever.path === p.lever.path));
  if (clash) throw new ExperimentError(`uncertainties.ranges.${clash.lever.path}`, 'is also a lever; a field is either set or sampled');
  const settings = leverSide.values.length > 0 ? leverSide.values : [[]];
  const samples = unc?.values ?? [[]];
  const total = (file.includeBase ? 1 : 0) + settings.length * samples.length;
  if (total > MAX_POINTS) throw new ExperimentError('levers', `${settings.length} lever settings x ${samples.length} uncertainty samples is ${total} points; at most ${MAX_POINTS}`);
  const width = leverParams.length + uncParams.length;
  const values: (LeverValue | null)[][] = [];
  if (file.includeBase || (leverSide.values.length === 0 && !unc)) values.push(new Array(width).fill(null));
  if (leverSide.values.length > 0 || unc) for (const s of settings) for (const u of samples) values.push([...s, ...u]);
  return { parameters: [...leverParams, ...uncParams], values };
}

function lever(field: string, base: Scenario, path: string): Lever {
  try {
    return resolveLever(base, path);
  } catch (e) {
    if (e instanceof LeverError) throw new ExperimentError(field, e.message);
    throw e;
  }
}

function checked(field: string, l: Lever, v: unknown): LeverValue {
  try {
    return checkLeverValue(l, v);
  } catch (e) {
    if (e instanceof LeverError) throw new ExperimentError(field, e.message);
    throw e;
  }
}

function leverSettings(file: ExperimentFile, base: Scenario): { levers: Lever[]; values: (LeverValue | null)[][] } {
  const spec = file.levers;
  if (!spec) return { levers: [], values: [] };
  if (spec.sampling === 'list') {
    const paths = [...new Set(spec.points.flatMap((p) => Object.keys(p)))];
    const levers = paths.map((p) => lever('levers.points', base, p));
    const values = spec.points.map((point, i) => levers.map((l) => (l.path in point ? checked(`levers.points[${i}]`, l, point[l.path]) : null)));
    return { levers, values };
  }
  if (spec.sampling === 'grid') {
    const paths = Object.keys(spec.values);
    const levers = paths.map((p) => lever('levers.values', base, p));
    const axes = levers.map((l) => spec.values[l.path].map((v, j) => checked(`levers.values.${l.path}[${j}]`, l, v)));
    const count = axes.reduce((a, ax) => a * ax.length, 1);
    if (count > MAX_POINTS) throw new ExperimentError('levers.values', `the grid has ${count} points; at most ${MAX_POINTS}`);
    const values: LeverValue[][] = [];
    const idx = new Array(axes.length).fill(0);
    for (let n = 0; n < count; n++) {
      values.push(axes.map((ax, d) => ax[idx[d]]));
      for (let d = axes.length - 1; d >= 0; d--) {
        if (++idx[d] < axes[d].length) break;
        idx[d] = 0;
      }
    }
    return { levers, values };
  }
  return sampleRanges('levers', spec.ranges, spec.samples, spec.seed, 'latin-hypercube', base);
}

/**
 * `samples` points in the box `ranges`: a Latin hypercube (each dimension cut in
 * `samples` equal strata, one point in each, strata paired at random) or
 * independent uniform draws. Seeded by `seed` alone.
 */
function sampleRanges(field: string, ranges: Record<string, [number, number]>, samples: number, seed: number, sampling: 'latin-hypercube' | 'monte-carlo', base: Scenario): { levers: Lever[]; values: LeverValue[][] } {
  const levers = Object.keys(ranges).map((p) => lever(`${field}.ranges`, base, p));
  for (const l of levers) {
    if (l.kind !== 'number' && l.kind !== 'integer') throw new ExperimentError(`${field}.ranges.${l.path}`, `is ${l.kind === 'enum' ? 'a choice' : 'a yes/no'} field; only numbers can be sampled from a range (use a list or grid of values)`);
    ranges[l.path].forEach((v, j) => checked(`${field}.ranges.${l.path}[${j}]`, l, v));
  }
  const rng = createRng(`${sampling}/${seed}`);
  // The unit-cube sample comes from src/analysis (the project's one Latin hypercube).
  const unit = sampling === 'latin-hypercube' ? latinHypercube(samples, levers.length, rng) : Array.from({ length: samples }, () => levers.map(() => rng()));
  const values = unit.map((u) =>
    levers.map((l, d) => {
      const [lo, hi] = ranges[l.path];
      return checkLeverValue(l, lo + u[d] * (hi - lo));
    }),
  );
  return { levers, values };
}
