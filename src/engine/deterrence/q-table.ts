/**
 * A memo of the target plan's decision values (plan.ts `q`), keyed by an integer that
 * names (unit, grid point, period, state, action) under the period's nominal inspection
 * conditions.
 *
 * Why it exists: a value is linear in the two scales a run moves every period (relief,
 * with commodity prices and a divided coalition; the cheat gain, with hardliner
 * influence), so the plan stores the three coefficients (the rest, the relief part, the
 * gain part) once and a decision is three multiply-adds instead of a replayed backup.
 * The coefficients are computed the same way whether they are found here or not, so the
 * memo changes no result: only how often the same arithmetic is done. That is also why
 * a full table may simply be emptied (its bound keeps a worker's heap small).
 *
 * Open addressing with linear probing over float64 keys (integers below 2^53; -1 is an
 * empty slot), grown by doubling up to `maxSlots`.
 */
export class QTable {
  private keys: Float64Array;
  private coef: Float64Array;
  private used = 0;
  private mask: number;
  /** Slot of the last `find` (for `store` after a miss). */
  private slot = 0;

  constructor(
    initialSlots = 1 << 12,
    private readonly maxSlots = 1 << 19,
  ) {
    const n = pow2AtLeast(initialSlots);
    this.keys = new Float64Array(n).fill(-1);
    this.coef = new Float64Array(3 * n);
    this.mask = n - 1;
  }

  /** Entries held (for tests and benchmarks). */
  get size(): number {
    return this.used;
  }

  /** The coefficients' offset in `values` if key is held, else -1 (and the slot a `store` of key fills). */
  find(key: number): number {
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return 3 * i;
      if (k === -1) {
        this.slot = i;
        return -1;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** The coefficient array `find`'s offsets index. */
  get values(): Float64Array {
    return this.coef;
  }

  /** Holds key's coefficients; call right after a `find(key)` that missed. */
  store(key: number, rest: number, relief: number, gain: number): void {
    if (2 * (this.used + 1) > this.keys.length) {
      if (this.keys.length < this.maxSlots) this.resize(this.keys.length * 2);
      else this.clear();
      this.find(key);
    }
    const i = this.slot;
    this.keys[i] = key;
    this.coef[3 * i] = rest;
    this.coef[3 * i + 1] = relief;
    this.coef[3 * i + 2] = gain;
    this.used++;
  }

  private clear(): void {
    this.keys.fill(-1);
    this.used = 0;
  }

  private resize(n: number): void {
    const oldKeys = this.keys;
    const oldCoef = this.coef;
    this.keys = new Float64Array(n).fill(-1);
    this.coef = new Float64Array(3 * n);
    this.mask = n - 1;
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === -1) continue;
      this.find(oldKeys[i]);
      const j = this.slot;
      this.keys[j] = oldKeys[i];
      this.coef.set(oldCoef.subarray(3 * i, 3 * i + 3), 3 * j);
      this.used++;
    }
  }
}

function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Mixes both 32-bit halves of an integer key (Knuth's multiplicative hash, then a shift-xor). */
function hash(key: number): number {
  const lo = key % 4294967296 | 0;
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  return h >>> 0;
}
