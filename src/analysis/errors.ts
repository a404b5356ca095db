/**
 * Bad input to an analysis function. The message names the function, the
 * argument and the allowed range, e.g.
 * `sobolSequence: dimensions must be an integer in [1, 100] (got 0)`,
 * so an adapter (CLI, web panel) can show it as it is, without a stack trace.
 */
export class AnalysisInputError extends Error {
  readonly fn: string;
  readonly argument: string;
  constructor(fn: string, argument: string, requirement: string, got: unknown) {
    super(`${fn}: ${argument} ${requirement} (got ${describe(got)})`);
    this.name = 'AnalysisInputError';
    this.fn = fn;
    this.argument = argument;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'function') return 'a function';
  return typeof v;
}

/** A uniform generator on [0, 1): the only source of randomness an analysis takes. */
export type UniformRng = () => number;

/** Throws unless `v` is an integer in [min, max]. */
export function requireInteger(fn: string, argument: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new AnalysisInputError(fn, argument, `must be ${range}`, v);
  }
}

/** Throws unless `v` is a finite number in the interval, open or closed at each end as told. */
export function requireNumberIn(fn: string, argument: string, v: number, min: number, max: number, open: { low?: boolean; high?: boolean } = {}): void {
  const ok = Number.isFinite(v) && (open.low ? v > min : v >= min) && (open.high ? v < max : v <= max);
  if (!ok) throw new AnalysisInputError(fn, argument, `must be a number in ${open.low ? '(' : '['}${min}, ${max}${open.high ? ')' : ']'}`, v);
}

/** Throws unless `v` is a finite number. */
export function requireFinite(fn: string, argument: string, v: number): void {
  if (!Number.isFinite(v)) throw new AnalysisInputError(fn, argument, 'must be a finite number', v);
}

/** Throws unless `v` is a power of two in [min, max]. */
export function requirePowerOfTwo(fn: string, argument: string, v: number, min = 1, max = 2 ** 31): void {
  if (!Number.isInteger(v) || v < min || v > max || (v & (v - 1)) !== 0) {
    throw new AnalysisInputError(fn, argument, `must be a power of two in [${min}, ${max}]`, v);
  }
}

/** Throws unless `rng` is a function: randomness is always a seeded generator passed in. */
export function requireRng(fn: string, rng: unknown): asserts rng is UniformRng {
  if (typeof rng !== 'function') throw new AnalysisInputError(fn, 'rng', 'must be a seeded generator () => number in [0, 1)', rng);
}

/** Throws unless every value is a finite number; names the first bad index. */
export function requireFiniteValues(fn: string, argument: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new AnalysisInputError(fn, `${argument}[${i}]`, 'must be a finite number', values[i]);
  }
}
