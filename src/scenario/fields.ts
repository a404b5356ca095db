import { z } from 'zod';

/**
 * Field builders shared by the scenario schema. Every bounded number carries its
 * allowed range in the message so validation errors read
 * `design.verification.falseAlarmProbability: 1.4 is not in [0, 1]`.
 */
export function bounded(min: number, max: number, description: string) {
  const range = `is not in [${min}, ${max}]`;
  return z
    .number({ error: 'must be a number' })
    .min(min, { message: range })
    .max(max, { message: range })
    .describe(description);
}

/** A probability or a share of something: a number in [0, 1]. */
export const share = (description: string) => bounded(0, 1, description);

/** A whole number of periods in [min, max]. */
export function periods(min: number, max: number, description: string) {
  return bounded(min, max, description).int({ message: 'must be a whole number' });
}

/** An identifier referenced elsewhere in the scenario (benchmarks, tranches, categories). */
export const identifier = (description: string) =>
  z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, {
      message: 'must start with a letter and use only letters, digits, _ and - (at most 64 characters)',
    })
    .describe(description);

/**
 * An uncertain input, drawn once per run: a fixed number, or a uniform range.
 * Following exploratory-modelling practice, uncertainties are stated in the scenario
 * and sampled by the engine with the run's RNG.
 */
export function uncertain(min: number, max: number, description: string) {
  const fixed = bounded(min, max, description);
  const range = z
    .strictObject({
      uniform: z
        .tuple([bounded(min, max, 'lower bound'), bounded(min, max, 'upper bound')])
        .refine(([a, b]) => a <= b, { message: 'lower bound must not exceed upper bound' }),
    })
    .describe(`${description} (drawn uniformly per run)`);
  return z.union([fixed, range]);
}

export type Uncertain = number | { uniform: [number, number] };
