/**
 * A set of run indices kept as sorted, disjoint, coalesced half-open intervals
 * [first, first + count). Used for the runs a partial result covers, so merging
 * two partials can refuse overlaps (a run counted twice) and tell whether the
 * union is the whole batch.
 */
export type RunRange = [first: number, count: number];

export class RunRanges {
  private ranges: RunRange[] = [];

  static of(list: readonly RunRange[]): RunRanges {
    const r = new RunRanges();
    for (const [first, count] of list) r.add(first, count);
    return r;
  }

  add(first: number, count: number): void {
    if (count <= 0) return;
    const last = this.ranges[this.ranges.length - 1];
    if (last && last[0] + last[1] === first) {
      // Runs arrive in order within a chunk: extend in place.
      last[1] += count;
      return;
    }
    const end = first + count;
    const out: RunRange[] = [];
    let nf = first;
    let ne = end;
    let placed = false;
    for (const [f, c] of this.ranges) {
      const e = f + c;
      if (e < nf) out.push([f, c]);
      else if (f > ne) {
        if (!placed) {
          out.push([nf, ne - nf]);
          placed = true;
        }
        out.push([f, c]);
      } else {
        if (f < ne && e > nf) throw new Error(`runs [${Math.max(f, nf)}, ${Math.min(e, ne)}) are covered twice`);
        nf = Math.min(nf, f);
        ne = Math.max(ne, e);
      }
    }
    if (!placed) out.push([nf, ne - nf]);
    this.ranges = out;
  }

  clear(): void {
    this.ranges = [];
  }

  addAll(other: RunRanges): void {
    for (const [f, c] of other.ranges) this.add(f, c);
  }

  get count(): number {
    return this.ranges.reduce((s, [, c]) => s + c, 0);
  }

  /** Smallest interval holding every run; {first: 0, count: 0} when empty. */
  get hull(): { first: number; count: number } {
    if (this.ranges.length === 0) return { first: 0, count: 0 };
    const [f0] = this.ranges[0];
    const [fl, cl] = this.ranges[this.ranges.length - 1];
    return { first: f0, count: fl + cl - f0 };
  }

  list(): RunRange[] {
    return this.ranges.map(([f, c]) => [f, c]);
  }
}
