/**
 * A few whole trajectories for spaghetti charts. Bottom-k sampling: every run has
 * a priority hashed from its seed (seeds.ts) and the reservoir keeps the k runs
 * with the smallest (priority, run index). That is a uniform sample without
 * replacement, and the k smallest of a union are the k smallest of the parts'
 * k smallest, so merging is exact whatever the split and order.
 */
export interface SampleRecord {
  priority: number;
  runIndex: number;
  seed: string;
  /** Index in TARGET_TYPES of the type drawn at the start. */
  typeIndex: number;
  /** Period metrics, [metric * H + period] as in the layout. */
  series: Float64Array;
  summary: Float64Array;
}

function before(a: { priority: number; runIndex: number }, b: { priority: number; runIndex: number }): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.runIndex < b.runIndex);
}

export class SampleReservoir {
  /** Kept samples, smallest priority first. */
  readonly samples: SampleRecord[] = [];

  constructor(readonly capacity: number) {}

  /** Whether a run with this priority would be kept (check before copying its series). */
  wants(priority: number, runIndex: number): boolean {
    if (this.capacity === 0) return false;
    if (this.samples.length < this.capacity) return true;
    return before({ priority, runIndex }, this.samples[this.samples.length - 1]);
  }

  /** Priority of the last kept sample once full (a run above it can never be kept); undefined before. */
  cutoff(): number | undefined {
    return this.capacity > 0 && this.samples.length === this.capacity ? this.samples[this.capacity - 1].priority : undefined;
  }

  offer(sample: SampleRecord): void {
    if (!this.wants(sample.priority, sample.runIndex)) return;
    let i = this.samples.length;
    while (i > 0 && before(sample, this.samples[i - 1])) i--;
    this.samples.splice(i, 0, sample);
    if (this.samples.length > this.capacity) this.samples.pop();
  }

  clear(): void {
    this.samples.length = 0;
  }

  merge(other: SampleReservoir): void {
    for (const s of other.samples) this.offer(s);
  }
}
