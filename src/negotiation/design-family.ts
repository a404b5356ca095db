import { z } from 'zod';
import { NegotiationInputError } from './errors.ts';
import { parseOrThrow } from './zod-problems.ts';

/**
 * One design parameter varied over a range, e.g. `{ name: 'frontLoadedShare', low: 0,
 * high: 1, allowed: [0, 1] }`. `allowed` is the range the model accepts for this lever
 * (a share in [0, 1], tranches >= 1); the chosen range must lie inside it.
 */
export interface ParameterRange {
  name: string;
  low: number;
  high: number;
  allowed?: [number, number];
  /** Whole numbers only (a count of tranches). */
  integer?: boolean;
  /** Grid points over [low, high] when the family is enumerated; default 5 (integers: every value, at most 5 unless given). */
  steps?: number;
}

/** A family of designs: the parameters varied and their ranges. */
export interface DesignFamily {
  parameters: ParameterRange[];
}

/** One design of a family: its parameter values, and an id stable across runs. */
export interface DesignPoint {
  id: string;
  parameters: Record<string, number>;
}

/** Largest grid a family may enumerate to: every point is a batch of simulations. */
export const MAX_FAMILY_POINTS = 100_000;

const finite = z.number().refine(Number.isFinite, 'is not a finite number');

/** The zod schema of one parameter range; the same checks serve the bargaining issues. */
export const parameterRangeSchema = z
  .object({
    name: z.string().min(1, 'is empty; give the parameter a name'),
    low: finite,
    high: finite,
    allowed: z.tuple([finite, finite]).optional(),
    integer: z.boolean().optional(),
    steps: z.number().int('is not a whole number').min(1, 'must be at least 1').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.low > p.high) ctx.addIssue({ code: 'custom', path: ['low'], message: `${p.low} is above high (${p.high}); give low <= high` });
    if (p.allowed) {
      const [min, max] = p.allowed;
      if (min > max) ctx.addIssue({ code: 'custom', path: ['allowed'], message: `[${min}, ${max}] is not a range (min > max)` });
      if (p.low < min || p.low > max) ctx.addIssue({ code: 'custom', path: ['low'], message: `${p.low} is outside the allowed values [${min}, ${max}] of ${p.name}` });
      if (p.high < min || p.high > max) ctx.addIssue({ code: 'custom', path: ['high'], message: `${p.high} is outside the allowed values [${min}, ${max}] of ${p.name}` });
    }
    if (p.integer && (!Number.isInteger(p.low) || !Number.isInteger(p.high))) {
      ctx.addIssue({ code: 'custom', path: ['low'], message: `${p.name} takes whole numbers; low ${p.low} and high ${p.high} must be whole` });
    }
  });

const familySchema = z
  .object({ parameters: z.array(parameterRangeSchema) })
  .strict()
  .superRefine((f, ctx) => {
    if (f.parameters.length === 0) ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'is empty: a design family needs at least one parameter with a range' });
    const seen = new Set<string>();
    f.parameters.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${JSON.stringify(p.name)} appears twice` });
      seen.add(p.name);
    });
  });

/**
 * Checks a design family and returns it typed.
 * @throws NegotiationInputError naming the field: an empty family (`family.parameters`),
 *   low > high (`family.parameters[i].low`), a range outside the allowed values, a repeated name.
 * @example validateDesignFamily({ parameters: [{ name: 'detection', low: 0.3, high: 0.9, allowed: [0, 1] }] })
 */
export function validateDesignFamily(family: unknown): DesignFamily {
  return parseOrThrow('family', familySchema, family) as DesignFamily;
}

/** The values a parameter takes on the grid: `steps` evenly spaced points, ends included (integers: the whole numbers in range, thinned to `steps`). */
export function parameterValues(p: ParameterRange): number[] {
  if (p.low === p.high) return [p.low];
  if (p.integer) {
    const count = p.high - p.low + 1;
    const steps = Math.min(p.steps ?? count, count);
    if (steps === 1) return [p.low];
    // Rounded even spacing keeps both ends and never repeats a value, since steps <= count.
    return Array.from({ length: steps }, (_, i) => Math.round(p.low + ((p.high - p.low) * i) / (steps - 1)));
  }
  const steps = p.steps ?? 5;
  if (steps === 1) return [(p.low + p.high) / 2];
  // Interior points rounded to 12 significant digits: 0.3 + 0.6 * 2/3 is 0.7000000000000001 in
  // floating point, and a design id should read detection=0.7.
  return Array.from({ length: steps }, (_, i) => (i === 0 ? p.low : i === steps - 1 ? p.high : Number((p.low + ((p.high - p.low) * i) / (steps - 1)).toPrecision(12))));
}

/**
 * Every design of the family's full grid, the first parameter varying slowest. Ids are
 * `name=value,...`, so the same family gives the same ids.
 * @throws NegotiationInputError for an invalid family, or a grid above MAX_FAMILY_POINTS.
 * @example designGrid({ parameters: [{ name: 'tranches', low: 1, high: 3, integer: true }] }).map((d) => d.id)
 *   // ['tranches=1', 'tranches=2', 'tranches=3']
 */
export function designGrid(family: unknown): DesignPoint[] {
  const f = validateDesignFamily(family);
  const axes = f.parameters.map(parameterValues);
  const size = axes.reduce((n, a) => n * a.length, 1);
  if (size > MAX_FAMILY_POINTS) throw new NegotiationInputError('family.parameters', `enumerate to ${size} designs; at most ${MAX_FAMILY_POINTS} (lower the steps)`);
  const out: DesignPoint[] = [];
  const values: number[] = new Array(axes.length);
  const walk = (k: number): void => {
    if (k === axes.length) {
      const parameters: Record<string, number> = {};
      f.parameters.forEach((p, i) => (parameters[p.name] = values[i]));
      out.push({ id: f.parameters.map((p, i) => `${p.name}=${values[i]}`).join(','), parameters });
      return;
    }
    for (const v of axes[k]) {
      values[k] = v;
      walk(k + 1);
    }
  };
  walk(0);
  return out;
}
