/**
 * Quantiles of metrics that are not shares (kUSD, periods, counts, utility), whose
 * range is not known in advance. Each entry keeps counts in buckets that depend
 * only on the value, so merging is exact in any order (log-linear buckets as in
 * HdrHistogram, without any bucket collapsing):
 *
 * - 0 and |x| < SKETCH_ZERO_BELOW share the zero bucket (reported as 0);
 * - whole numbers with |x| <= SKETCH_EXACT_INTEGERS have a bucket each, so counts
 *   and periods get exact quantiles;
 * - any other x goes by its binary exponent and the top SUB_BITS bits of its
 *   mantissa: each power of two is cut into 2^SUB_BITS equal buckets, whose
 *   midpoint is within relative error 2^-(SUB_BITS + 1) = SKETCH_RELATIVE_ACCURACY
 *   of every value in it. Reading bits instead of calling Math.log makes a bucket
 *   the same on every platform and costs a few nanoseconds.
 *
 * The number of buckets grows with log2(max / min) x 2^SUB_BITS, not with runs.
 */
const SUB_BITS = 7;
export const SKETCH_RELATIVE_ACCURACY = 2 ** -(SUB_BITS + 1);
export const SKETCH_EXACT_INTEGERS = 1024;
export const SKETCH_ZERO_BELOW = 1e-9;

/** Log buckets are numbered from here so they never collide with the exact integers. */
const LOG_KEY_BASE = 10_000_000;

/** Index of the high 32 bits of a double in a Uint32Array view (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** An 8-byte scratch to read a double's bits; each sketch owns one (no shared mutable module state). */
export interface BitScratch {
  f64: Float64Array;
  u32: Uint32Array;
}

export function bitScratch(): BitScratch {
  const f64 = new Float64Array(1);
  return { f64, u32: new Uint32Array(f64.buffer) };
}

export function sketchKey(x: number, scratch: BitScratch = bitScratch()): number {
  const ax = x < 0 ? -x : x;
  if (ax < SKETCH_ZERO_BELOW) return 0;
  if (ax <= SKETCH_EXACT_INTEGERS && Number.isInteger(x)) return x;
  scratch.f64[0] = ax;
  // High word: 11 exponent bits, then the top 20 mantissa bits; keep exponent + SUB_BITS of them.
  const i = scratch.u32[HI] >>> (20 - SUB_BITS);
  return x < 0 ? -(LOG_KEY_BASE + i) : LOG_KEY_BASE + i;
}

export function sketchKeyValue(key: number): number {
  const ak = key < 0 ? -key : key;
  if (ak <= SKETCH_EXACT_INTEGERS) return key;
  const i = ak - LOG_KEY_BASE;
  const exponent = (i >>> SUB_BITS) - 1023;
  const sub = i & ((1 << SUB_BITS) - 1);
  const v = 2 ** exponent * (1 + (sub + 0.5) / 2 ** SUB_BITS);
  return key < 0 ? -v : v;
}

/**
 * A growable dense array of counts over a range of integer keys [lo, lo + length):
 * adding is an index, not a hash lookup (the per-period sketches take hundreds of
 * values per run).
 */
class DenseStore {
  lo = 0;
  counts: Float64Array | null = null;

  add(k: number, c: number): void {
    let a = this.counts;
    if (a === null) {
      a = this.counts = new Float64Array(16);
      this.lo = k - 8;
    } else if (k < this.lo || k >= this.lo + a.length) this.grow(k);
    this.counts![k - this.lo] += c;
  }

  private grow(k: number): void {
    const a = this.counts!;
    const lo = Math.min(this.lo, k);
    const hi = Math.max(this.lo + a.length, k + 1);
    const size = Math.max(hi - lo, 2 * a.length);
    // Leave room on the side that grew, so a drift in one direction does not regrow each time.
    const newLo = k < this.lo ? hi - size : lo;
    const b = new Float64Array(size);
    b.set(a, this.lo - newLo);
    this.lo = newLo;
    this.counts = b;
  }

  clear(): void {
    this.counts?.fill(0);
  }

  /** Calls f(key, count) for non-zero counts, keys ascending (or descending). */
  each(f: (k: number, c: number) => void, descending = false): void {
    const a = this.counts;
    if (a === null) return;
    if (descending) {
      for (let i = a.length - 1; i >= 0; i--) if (a[i] !== 0) f(this.lo + i, a[i]);
    } else for (let i = 0; i < a.length; i++) if (a[i] !== 0) f(this.lo + i, a[i]);
  }
}

/** One entry's buckets: zero, exact small integers, positive and negative log buckets. */
class EntrySketch {
  zero = 0;
  readonly ints = new DenseStore();
  readonly pos = new DenseStore();
  readonly neg = new DenseStore();

  addKey(key: number, c: number): void {
    if (key === 0) this.zero += c;
    else if (key >= -SKETCH_EXACT_INTEGERS && key <= SKETCH_EXACT_INTEGERS) this.ints.add(key, c);
    else if (key > 0) this.pos.add(key - LOG_KEY_BASE, c);
    else this.neg.add(-key - LOG_KEY_BASE, c);
  }

  clear(): void {
    this.zero = 0;
    this.ints.clear();
    this.pos.clear();
    this.neg.clear();
  }

  /** Calls f(key, count) for every bucket, in one fixed order (canonical, not by value). */
  each(f: (key: number, c: number) => void): void {
    this.neg.each((i, c) => f(-(LOG_KEY_BASE + i), c), true);
    let zeroDone = this.zero === 0;
    this.ints.each((k, c) => {
      if (!zeroDone && k > 0) {
        f(0, this.zero);
        zeroDone = true;
      }
      f(k, c);
    });
    if (!zeroDone) f(0, this.zero);
    this.pos.each((i, c) => f(LOG_KEY_BASE + i, c));
  }
}

/** Buckets of many entries; entry ids are the layout's sketch slots. */
export class ValueSketches {
  private readonly sketches: EntrySketch[];
  private readonly scratch = bitScratch();

  constructor(readonly entries: number) {
    this.sketches = Array.from({ length: entries }, () => new EntrySketch());
  }

  add(entry: number, x: number): void {
    const e = this.sketches[entry];
    if (x === 0) {
      e.zero++;
      return;
    }
    e.addKey(sketchKey(x, this.scratch), 1);
  }

  /** Back to empty, keeping the grown stores (a worker reuses one set across chunks). */
  clear(): void {
    for (const s of this.sketches) s.clear();
  }

  merge(other: ValueSketches): void {
    if (other.entries !== this.entries) throw new Error(`sketches differ in size (${this.entries} vs ${other.entries})`);
    for (let i = 0; i < this.entries; i++) {
      const into = this.sketches[i];
      other.sketches[i].each((k, c) => into.addKey(k, c));
    }
  }

  /** Number of non-empty buckets (the length of the flat form). */
  bucketCount(): number {
    let n = 0;
    for (const e of this.sketches) e.each(() => n++);
    return n;
  }

  /**
   * Writes the flat form (entry, key, count) into arrays of length bucketCount(),
   * entries ascending and each entry's buckets in one fixed order, so the same
   * buckets always give the same arrays.
   */
  writeFlat(entry: Uint32Array, key: Float64Array, count: Float64Array): void {
    let n = 0;
    for (let e = 0; e < this.entries; e++) {
      this.sketches[e].each((k, c) => {
        entry[n] = e;
        key[n] = k;
        count[n++] = c;
      });
    }
  }

  toFlat(): { entry: Uint32Array; key: Float64Array; count: Float64Array } {
    const n = this.bucketCount();
    const flat = { entry: new Uint32Array(n), key: new Float64Array(n), count: new Float64Array(n) };
    this.writeFlat(flat.entry, flat.key, flat.count);
    return flat;
  }

  static fromFlat(entries: number, flat: { entry: Uint32Array; key: Float64Array; count: Float64Array }): ValueSketches {
    const s = new ValueSketches(entries);
    s.addFlat(flat);
    return s;
  }

  /** Adds flat buckets (another sketch's toFlat) without building it first. */
  addFlat(flat: { entry: Uint32Array; key: Float64Array; count: Float64Array }): void {
    for (let i = 0; i < flat.entry.length; i++) {
      const e = flat.entry[i];
      if (e >= this.entries) throw new Error(`sketch entry ${e} is out of range [0, ${this.entries})`);
      const k = flat.key[i];
      if (!Number.isInteger(k)) throw new Error(`sketch key ${k} is not a bucket key`);
      this.sketches[e].addKey(k, flat.count[i]);
    }
  }

  /** Buckets of one entry as [value, count] in increasing value. */
  sorted(entry: number): [number, number][] {
    const out: [number, number][] = [];
    this.sketches[entry].each((k, c) => out.push([sketchKeyValue(k), c]));
    // Key order puts all log buckets of one sign apart from the integers; values interleave.
    return out.sort((a, b) => a[0] - b[0]);
  }
}

/** The q-quantile (ceil(q n)-th smallest) from sorted buckets, clamped to the observed [min, max]. NaN when empty. */
export function sketchQuantile(sorted: [number, number][], n: number, q: number, min: number, max: number): number {
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  let cum = 0;
  for (const [v, c] of sorted) {
    cum += c;
    if (cum >= rank) return Math.min(max, Math.max(min, v));
  }
  return max;
}
