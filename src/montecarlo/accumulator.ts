import { TARGET_TYPES } from '../scenario/schema.ts';
import type { RunResult } from '../engine/simulate.ts';
import type { BatchLayout } from './layout.ts';
import { MomentTree, type MomentNode } from './moments.ts';
import { SHARE_SLOTS, shareBin } from './share-histogram.ts';
import { checkDenseLengths, clearDense, DENSE_FIELDS, denseLength, emptyDense, mapDense, mergeDense, type DenseArrays } from './state-fields.ts';
import { ValueSketches } from './value-sketch.ts';
import { SampleReservoir, type SampleRecord } from './reservoir.ts';
import { RunRanges, type RunRange } from './run-ranges.ts';
import { samplePriority } from './seeds.ts';

/**
 * Everything a batch keeps about its runs, in memory that does not grow with the
 * number of runs: moments (canonical tree, moments.ts), share histograms, value
 * sketches, exact min / max, 0/1 counts of summary metrics, event counts, type
 * counts and the sample reservoir. Every part but the moments is whole-number
 * counts or min / max, which merge exactly in any order; the moments merge by
 * their canonical tree. So `absorb` may be called in any order and gives the same
 * bits.
 */
export class BatchAccumulator {
  readonly moments: MomentTree;
  /** shareEntries x SHARE_SLOTS counts. */
  readonly shareCounts: Float64Array;
  readonly sketches: ValueSketches;
  /** The dense fields (min, max, 0/1 counts, events, type counts): state-fields.ts says what each holds and how it merges. */
  readonly dense: DenseArrays;
  readonly reservoir: SampleReservoir;
  /** Runs added, as intervals. */
  readonly completed = new RunRanges();
  /** Samples with a larger priority are not kept (see ChunkSpec.samplePriorityCutoff). */
  samplePriorityCutoff = Infinity;
  private readonly summaryScratch: Float64Array;
  /** Bins of shareCounts that are non-zero, in the order they became so: export and clear cost O(touched), not O(bins). */
  private touched = new Uint32Array(1024);
  private nTouched = 0;

  constructor(readonly layout: BatchLayout, readonly sampleSize: number) {
    this.moments = new MomentTree(layout);
    this.shareCounts = new Float64Array(layout.shareEntries * SHARE_SLOTS);
    this.sketches = new ValueSketches(layout.sketchEntries);
    this.dense = emptyDense(layout);
    this.reservoir = new SampleReservoir(sampleSize);
    this.summaryScratch = new Float64Array(layout.summaryMetrics.length);
  }

  get runs(): number {
    return this.completed.count;
  }

  /**
   * Adds run `runIndex` (its seed `seed`). Reads the runner's reused buffers and
   * keeps nothing of them but a copy for the reservoir. Throws if a period metric
   * is not a finite number (an engine bug the batch must not average away).
   */
  addRun(runIndex: number, seed: string, r: RunResult): void {
    const L = this.layout;
    const H = L.horizon;
    const P = L.periodEntries;
    const buf = this.moments.takeBuffer();
    // Separate tight loops (copy, then min/max, then bins) run several times faster than one loop doing all.
    for (let m = 0; m < L.periodMetrics.length; m++) buf.set(r.series[L.periodMetrics[m]], m * H);
    const { min, max, summaryZeros, summaryOnes, eventsByPeriod, eventRunTotals, typeCounts } = this.dense;
    // x - x is 0 for a finite x and NaN otherwise: one test after the loop instead of one per value.
    let finite = 0;
    for (let e = 0; e < P; e++) {
      const x = buf[e];
      finite += x - x;
      if (x < min[e]) min[e] = x;
      if (x > max[e]) max[e] = x;
    }
    if (finite !== 0) {
      const e = buf.findIndex((x, i) => i < P && !Number.isFinite(x));
      throw new Error(`period metric ${L.periodMetrics[Math.floor(e / H)]} is ${buf[e]} at period ${e % H} (must be a finite number)`);
    }
    const hist = this.shareCounts;
    for (let m = 0; m < L.periodMetrics.length; m++) {
      const base = m * H;
      const shareSlot = L.periodShareSlot[m];
      if (shareSlot >= 0) {
        const hbase = shareSlot * H * SHARE_SLOTS;
        for (let t = 0; t < H; t++) {
          const i = hbase + t * SHARE_SLOTS + shareBin(buf[base + t]);
          if (hist[i]++ === 0) this.touch(i);
        }
      } else {
        const sbase = L.periodSketchSlot[m] * H;
        for (let t = 0; t < H; t++) this.sketches.add(sbase + t, buf[base + t]);
      }
    }
    buf.fill(0, P, 2 * P);
    const S = L.summaryMetrics.length;
    const sum = this.summaryScratch;
    const base = 2 * P;
    for (let s = 0; s < S; s++) {
      const x = r.summary[L.summaryMetrics[s]];
      sum[s] = x;
      buf[base + 2 * S + s] = 0;
      if (x !== x) {
        buf[base + s] = 0;
        buf[base + S + s] = 0;
        continue;
      }
      if (!(x - x === 0)) throw new Error(`summary metric ${L.summaryMetrics[s]} is ${x} (must be a finite number, or NaN for undefined)`);
      buf[base + s] = 1;
      buf[base + S + s] = x;
      const e = P + s;
      if (x < min[e]) min[e] = x;
      if (x > max[e]) max[e] = x;
      if (x === 0) summaryZeros[s]++;
      else if (x === 1) summaryOnes[s]++;
      const shareSlot = L.summaryShareSlot[s];
      if (shareSlot >= 0) {
        const i = shareSlot * SHARE_SLOTS + shareBin(x);
        if (hist[i]++ === 0) this.touch(i);
      }
      else this.sketches.add(L.summarySketchSlot[s], x);
    }
    const K = L.eventKinds.length;
    const ev = r.eventCounts;
    for (let k = 0; k < K; k++) {
      let total = 0;
      for (let t = 0; t < H; t++) {
        const c = ev[k * H + t];
        if (c !== 0) {
          eventsByPeriod[k * H + t] += c;
          total += c;
        }
      }
      eventRunTotals[k * 3] += total;
      eventRunTotals[k * 3 + 1] += total * total;
      if (total > 0) eventRunTotals[k * 3 + 2]++;
    }
    const typeIndex = TARGET_TYPES.indexOf(r.targetType);
    typeCounts[typeIndex]++;
    const priority = samplePriority(seed);
    if (priority <= this.samplePriorityCutoff && this.reservoir.wants(priority, runIndex)) {
      this.reservoir.offer({ priority, runIndex, seed, typeIndex, series: buf.slice(0, P), summary: sum.slice() });
    }
    this.moments.insert({ level: 0, index: runIndex, runs: 1, data: buf });
    this.completed.add(runIndex, 1);
  }

  /** Non-zero bins in increasing bin order (so the same counts always export the same arrays). */
  private sparseShareCounts(): { index: Uint32Array; count: Float64Array } {
    const index = this.touched.slice(0, this.nTouched).sort();
    const count = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) count[i] = this.shareCounts[index[i]];
    return { index, count };
  }

  private touch(i: number): void {
    if (this.nTouched === this.touched.length) {
      const grown = new Uint32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.nTouched++] = i;
  }

  private checkCompatible(horizon: number, sampleSize: number): void {
    if (horizon !== this.layout.horizon) throw new Error(`cannot merge results of horizon ${horizon} into horizon ${this.layout.horizon}`);
    if (sampleSize !== this.sampleSize) throw new Error(`cannot merge results with sampleSize ${sampleSize} into sampleSize ${this.sampleSize}`);
  }

  /**
   * Plain data whose numeric arrays are all views into one ArrayBuffer, `arena`
   * (the spent arena of an earlier chunk is reused when it is big enough): one
   * buffer to transfer between threads and to send back for reuse, so a long
   * batch allocates almost nothing per chunk. The state does not alias the
   * accumulator, which can be `clear`ed and reused at once.
   */
  exportState(spareArena?: ArrayBuffer): AccumulatorState {
    const L = this.layout;
    const S = L.summaryMetrics.length;
    const nodes = this.moments.nodesInOrder();
    const M = this.moments.length;
    const nShare = this.nTouched;
    const nSketch = this.sketches.bucketCount();
    const samples = this.reservoir.samples;
    const P = L.periodEntries;
    const doubles = nodes.length * M + nShare + 2 * nSketch + denseLength(L) + samples.length * (P + S);
    const bytes = doubles * 8 + (nShare + nSketch) * 4;
    const arena = spareArena && spareArena.byteLength >= bytes ? spareArena : new ArrayBuffer(Math.ceil(bytes * 1.25 / 8) * 8);
    let offset = 0;
    const f64 = (n: number) => {
      const a = new Float64Array(arena, offset, n);
      offset += n * 8;
      return a;
    };
    const u32 = (n: number) => {
      const a = new Uint32Array(arena, offset, n);
      offset += n * 4;
      return a;
    };
    const copy = (from: Float64Array) => {
      const a = f64(from.length);
      a.set(from);
      return a;
    };
    const outNodes = nodes.map((n) => ({ level: n.level, index: n.index, runs: n.runs, data: copy(n.data) }));
    const shareCount = f64(nShare);
    const sketchKey = f64(nSketch);
    const sketchCount = f64(nSketch);
    const dense = mapDense((f) => copy(this.dense[f.name]));
    const st: Omit<AccumulatorState, 'shareCounts' | 'sketches'> = {
      horizon: L.horizon,
      sampleSize: this.sampleSize,
      completed: this.completed.list(),
      nodes: outNodes,
      ...dense,
      samples: samples.map((x) => ({ priority: x.priority, runIndex: x.runIndex, seed: x.seed, typeIndex: x.typeIndex, series: copy(x.series), summary: copy(x.summary) })),
      arena,
    };
    // Uint32 arrays last: every Float64 view above stays 8-byte aligned.
    const shareIndex = u32(nShare);
    const sketchEntry = u32(nSketch);
    const touched = this.touched.subarray(0, nShare).sort();
    for (let i = 0; i < nShare; i++) {
      shareIndex[i] = touched[i];
      shareCount[i] = this.shareCounts[touched[i]];
    }
    this.sketches.writeFlat(sketchEntry, sketchKey, sketchCount);
    return { ...st, shareCounts: { index: shareIndex, count: shareCount }, sketches: { entry: sketchEntry, key: sketchKey, count: sketchCount } };
  }

  /** Back to no runs, keeping the allocated arrays (a worker reuses one accumulator for all its chunks). */
  clear(): void {
    this.moments.clear();
    for (let i = 0; i < this.nTouched; i++) this.shareCounts[this.touched[i]] = 0;
    this.nTouched = 0;
    this.sketches.clear();
    clearDense(this.dense);
    this.reservoir.clear();
    this.completed.clear();
    this.samplePriorityCutoff = Infinity;
  }

  /**
   * Adds the runs of an exported state (a finished chunk from a worker, a decoded
   * partial). Takes over its moment buffers. Checks sizes so a foreign file fails
   * loudly instead of merging garbage.
   */
  absorbState(st: AccumulatorState): void {
    const L = this.layout;
    this.checkCompatible(st.horizon, st.sampleSize);
    checkDenseLengths(st, L);
    const incoming = RunRanges.of(st.completed);
    let nodeRuns = 0;
    for (const n of st.nodes) nodeRuns += n.runs;
    if (nodeRuns !== incoming.count) throw new Error(`moments hold ${nodeRuns} runs but the ranges ${incoming.count}`);
    const { index, count } = st.shareCounts;
    if (index.length !== count.length) throw new Error('shareCounts: index and count differ in length');
    for (let i = 0; i < index.length; i++) if (index[i] >= this.shareCounts.length) throw new Error(`shareCounts: bin ${index[i]} is out of range`);
    this.completed.addAll(incoming);
    // Copy what is kept: the state's arrays may be views into an arena that goes back to a worker.
    for (const n of st.nodes) {
      const data = this.moments.takeBuffer();
      data.set(n.data);
      this.moments.insert({ level: n.level, index: n.index, runs: n.runs, data });
    }
    const hist = this.shareCounts;
    for (let i = 0; i < index.length; i++) {
      const b = index[i];
      if (hist[b] === 0 && count[i] !== 0) this.touch(b);
      hist[b] += count[i];
    }
    this.sketches.addFlat(st.sketches);
    mergeDense(this.dense, st);
    for (const s of st.samples) {
      if (this.reservoir.wants(s.priority, s.runIndex)) this.reservoir.offer({ ...s, series: s.series.slice(), summary: s.summary.slice() });
    }
  }

  static fromState(layout: BatchLayout, st: AccumulatorState): BatchAccumulator {
    const a = new BatchAccumulator(layout, st.sampleSize);
    a.absorbState(st);
    return a;
  }
}

/** A state as plain data: the structured fields and the dense ones (state-fields.ts, the one table of them). */
export interface AccumulatorState extends DenseArrays {
  horizon: number;
  sampleSize: number;
  completed: RunRange[];
  nodes: MomentNode[];
  /** Non-zero bins of the share histograms: flat bin index (entry x SHARE_SLOTS + bin) and count. */
  shareCounts: { index: Uint32Array; count: Float64Array };
  sketches: { entry: Uint32Array; key: Float64Array; count: Float64Array };
  samples: SampleRecord[];
  /** The one buffer all arrays above are views into, when exported by exportState. */
  arena?: ArrayBuffer;
}

/** The ArrayBuffers of a state, for zero-copy transfer between threads (just its arena when it has one). */
export function stateBuffers(st: AccumulatorState): ArrayBuffer[] {
  if (st.arena) return [st.arena];
  const arrays: ArrayBufferView[] = [
    st.shareCounts.index, st.shareCounts.count, st.sketches.entry, st.sketches.key, st.sketches.count,
    ...DENSE_FIELDS.map((f) => st[f.name]),
    ...st.nodes.map((n) => n.data), ...st.samples.flatMap((s) => [s.series, s.summary]),
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

