import { AnalysisInputError, requireInteger } from './errors.ts';
import { JOE_KUO_ROWS } from './joe-kuo.ts';

/** The most dimensions `sobolSequence` can generate (rows embedded from Joe and Kuo's table). */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_ROWS.length + 1;

/** Bits per coordinate: points are integers / 2^32, exact in a double; at most 2^32 points. */
const BITS = 32;
const SCALE = 2 ** -BITS;

/** Options of `sobolSequence`. */
export interface SobolSequenceOptions {
  /**
   * Index of the first point returned (default 0, the origin). Keeping the
   * origin keeps the balance of the first 2^m points (Owen 2022, "On dropping
   * the first Sobol' point"); skip by a power of two if you skip at all.
   */
  skip?: number;
}

/**
 * Direction numbers V[d][k] (k = 0..31) of dimension d + 1 as 32-bit integers:
 * V_k = m_k 2^(32 - k) with m_k from the Joe-Kuo row and the recurrence
 * m_k = 2 a_1 m_(k-1) xor 4 a_2 m_(k-2) xor ... xor 2^s m_(k-s) xor m_(k-s).
 */
export function sobolDirectionNumbers(dimensions: number): Uint32Array[] {
  requireInteger('sobolDirectionNumbers', 'dimensions', dimensions, 1, SOBOL_MAX_DIMENSIONS);
  const out: Uint32Array[] = [];
  // Dimension 1: all m_k = 1, the van der Corput sequence.
  const first = new Uint32Array(BITS);
  for (let k = 0; k < BITS; k++) first[k] = (1 << (BITS - 1 - k)) >>> 0;
  out.push(first);
  for (let d = 1; d < dimensions; d++) {
    const [, s, a, ...init] = JOE_KUO_ROWS[d - 1].split(' ').map(Number);
    const m = new Array<number>(BITS);
    for (let k = 0; k < BITS; k++) {
      if (k < s) {
        m[k] = init[k];
        continue;
      }
      let mk = m[k - s] ^ (m[k - s] << s);
      for (let i = 1; i < s; i++) if ((a >> (s - 1 - i)) & 1) mk ^= m[k - i] << i;
      m[k] = mk;
    }
    // m_k < 2^k, so m_k 2^(32 - k) fits in 32 bits; >>> 0 reads it unsigned.
    const v = new Uint32Array(BITS);
    for (let k = 0; k < BITS; k++) v[k] = (m[k] * 2 ** (BITS - 1 - k)) >>> 0;
    out.push(v);
  }
  return out;
}

/**
 * The first `n` points (after `skip`) of the Sobol' low-discrepancy sequence in
 * [0, 1)^dimensions, with Joe and Kuo's (2008) direction numbers, in Gray-code
 * order (Antonov and Saleev 1979): point i+1 is point i with one direction
 * number xor-ed in, so each point costs O(dimensions). Unscrambled: the same
 * arguments always give the same points, matching SciPy's `qmc.Sobol(d,
 * scramble=False)` and Joe and Kuo's own generator.
 *
 * The first 2^m points of each dimension are {0, 1, ..., 2^m - 1} / 2^m in some
 * order; estimators built on the sequence are balanced only at n a power of two.
 *
 * @param n number of points, n + skip <= 2^32
 * @param dimensions 1 to SOBOL_MAX_DIMENSIONS (100)
 * @throws AnalysisInputError if n, dimensions or skip is out of range
 * @example sobolSequence(4, 2) // [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 */
export function sobolSequence(n: number, dimensions: number, options: SobolSequenceOptions = {}): number[][] {
  const skip = options.skip ?? 0;
  requireInteger('sobolSequence', 'dimensions', dimensions, 1, SOBOL_MAX_DIMENSIONS);
  requireInteger('sobolSequence', 'n', n, 0, 2 ** BITS);
  requireInteger('sobolSequence', 'skip', skip, 0, 2 ** BITS - 1);
  if (n + skip > 2 ** BITS) throw new AnalysisInputError('sobolSequence', 'n + skip', `must be at most 2^${BITS}`, n + skip);
  const v = sobolDirectionNumbers(dimensions);
  // Jump to point `skip` directly: its integer coordinates are the xor of the
  // direction numbers at the set bits of its Gray code.
  const x = new Uint32Array(dimensions);
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  for (let k = 0; k < BITS; k++) {
    if ((gray >>> k) & 1) for (let d = 0; d < dimensions; d++) x[d] ^= v[d][k];
  }
  const points: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(dimensions);
    for (let d = 0; d < dimensions; d++) row[d] = x[d] * SCALE;
    points[i] = row;
    // From point index j = skip + i to j + 1: flip the direction number of j's lowest zero bit.
    const c = lowestZeroBit(skip + i);
    if (c < BITS) for (let d = 0; d < dimensions; d++) x[d] ^= v[d][c];
  }
  return points;
}

/** Index (0-based) of the lowest zero bit of a non-negative integer below 2^32. */
function lowestZeroBit(j: number): number {
  const inverted = ~j >>> 0;
  if (inverted === 0) return BITS;
  return 31 - Math.clz32(inverted & -inverted);
}
