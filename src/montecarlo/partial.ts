import { BatchAccumulator, type AccumulatorState } from './accumulator.ts';
import { mapDense, type DenseFieldName } from './state-fields.ts';
import { finalizeSummary, RESOLUTION, type BatchMeta } from './finalize.ts';
import { batchLayout } from './layout.ts';
import { MAX_RUN_INDEX, momentsLength } from './moments.ts';
import { runSeed, samplePriority } from './seeds.ts';
import { SHARE_SLOTS } from './share-histogram.ts';
import type { BatchLayout } from './layout.ts';
import { RunRanges, type RunRange } from './run-ranges.ts';
import { base64ToBytes, base64ToFloat64, bytesToBase64, float64ToBase64 } from './encoding.ts';
import type { BatchSummary, QuantileResolution } from './types.ts';

/**
 * A mergeable partial result: what `relief-lab run --shard i/N` writes and
 * `relief-lab merge` reads. JSON-ready; numeric arrays are exact base64 bytes
 * (encoding.ts). Merging partials in any grouping and order, then summarising,
 * gives byte for byte the summary of one unsharded run.
 */
export interface BatchPartial {
  format: 'relief-lab/batch-partial@1';
  version: string;
  scenarioName: string;
  scenarioHash: string;
  masterSeed: number;
  /** Runs of the whole batch. */
  runsRequested: number;
  /** Runs this partial was asked to cover (intervals [first, count]). */
  assigned: RunRange[];
  /** Runs it holds; fewer than assigned if it was cancelled. */
  completed: RunRange[];
  horizonPeriods: number;
  periodLengthMonths: number;
  sampleSize: number;
  resolution: QuantileResolution;
  state: EncodedState;
}

/** The state as JSON: the structured fields, then every dense field (state-fields.ts) as base64 bytes, then the samples. */
type EncodedState = {
  nodes: { level: number; index: number; runs: number; data: string }[];
  shareCounts: { index: string; count: string };
  sketches: { entry: string; key: string; count: string };
} & Record<DenseFieldName, string> & {
  samples: { priority: number; runIndex: number; seed: string; typeIndex: number; series: string; summary: string }[];
};

export function toPartial(acc: BatchAccumulator, meta: BatchMeta, assigned: RunRange[]): BatchPartial {
  const st = acc.exportState();
  const f = float64ToBase64;
  return {
    format: 'relief-lab/batch-partial@1',
    version: meta.version,
    scenarioName: meta.scenarioName,
    scenarioHash: meta.scenarioHash,
    masterSeed: meta.masterSeed,
    runsRequested: meta.runsRequested,
    assigned: RunRanges.of(assigned).list(),
    completed: st.completed,
    horizonPeriods: meta.horizonPeriods,
    periodLengthMonths: meta.periodLengthMonths,
    sampleSize: acc.sampleSize,
    resolution: { ...RESOLUTION },
    state: {
      nodes: st.nodes.map((n) => ({ level: n.level, index: n.index, runs: n.runs, data: f(n.data) })),
      shareCounts: { index: uint32ToBase64(st.shareCounts.index), count: f(st.shareCounts.count) },
      sketches: {
        entry: uint32ToBase64(st.sketches.entry),
        key: f(st.sketches.key),
        count: f(st.sketches.count),
      },
      ...mapDense((field) => f(st[field.name])),
      samples: st.samples.map((s) => ({ priority: s.priority, runIndex: s.runIndex, seed: s.seed, typeIndex: s.typeIndex, series: f(s.series), summary: f(s.summary) })),
    },
  };
}

/** The accumulator state a partial holds; checks every array's length against the layout. */
function stateOf(part: BatchPartial, name: string): AccumulatorState {
  checkPartial(part, name);
  const layout = batchLayout(part.horizonPeriods);
  const s = part.state;
  const g = (text: string, what: string, n?: number) => base64ToFloat64(text, `${name}: state.${what}`, n);
  const S = layout.summaryMetrics.length;
  const shareIndex = base64ToUint32(s.shareCounts.index, `${name}: state.shareCounts.index`);
  const sketchEntry = base64ToUint32(s.sketches.entry, `${name}: state.sketches.entry`);
  const st: AccumulatorState = {
    horizon: part.horizonPeriods,
    sampleSize: part.sampleSize,
    completed: part.completed,
    nodes: s.nodes.map((n, i) => ({ level: n.level, index: n.index, runs: n.runs, data: g(n.data, `nodes[${i}].data`, momentsLength(layout)) })),
    shareCounts: { index: shareIndex, count: g(s.shareCounts.count, 'shareCounts.count', shareIndex.length) },
    sketches: { entry: sketchEntry, key: g(s.sketches.key, 'sketches.key', sketchEntry.length), count: g(s.sketches.count, 'sketches.count', sketchEntry.length) },
    ...mapDense((field) => g(s[field.name], field.name, field.length(layout))),
    samples: s.samples.map((x, i) => ({ ...x, series: g(x.series, `samples[${i}].series`, layout.periodEntries), summary: g(x.summary, `samples[${i}].summary`, S) })),
  };
  checkState(st, part, layout, name);
  return st;
}

/**
 * Checks a decoded state against the runs the part claims (`completed`), so a
 * forged or corrupted file fails naming the field instead of merging into a
 * result that is no longer the unsharded run's: every moment node sits at a
 * canonical position inside the completed runs and the nodes tile them exactly;
 * every count is a whole number no larger than the runs it counts; type counts
 * add up to the runs; every sample is a completed run with its own seed.
 */
function checkState(st: AccumulatorState, part: BatchPartial, layout: BatchLayout, name: string): void {
  const fail = (what: string, why: string): never => {
    throw new Error(`${name}: state.${what} ${why}; the file is damaged or was not written by relief-lab run --shard`);
  };
  const completed = RunRanges.of(st.completed);
  const runs = completed.count;
  const ranges = completed.list();
  const inside = (first: number, count: number) => ranges.some(([f, c]) => first >= f && first + count <= f + c);
  const whole = (x: number, max: number) => Number.isInteger(x) && x >= 0 && x <= max;
  const P = layout.periodEntries;
  const S = layout.summaryMetrics.length;

  let end = -1;
  let nodeRuns = 0;
  const nodes = st.nodes.map((n, i) => ({ n, i })).sort((a, b) => a.n.index * 2 ** a.n.level - b.n.index * 2 ** b.n.level);
  for (const { n, i } of nodes) {
    const at = `nodes[${i}]`;
    if (!Number.isInteger(n.level) || n.level < 0 || n.level > 45) fail(`${at}.level`, `is ${JSON.stringify(n.level)}; it must be a whole number in [0, 45]`);
    if (!Number.isInteger(n.index) || n.index < 0) fail(`${at}.index`, `is ${JSON.stringify(n.index)}; it must be a whole number >= 0`);
    const size = 2 ** n.level;
    const first = n.index * size;
    if (n.runs !== size) fail(`${at}.runs`, `is ${JSON.stringify(n.runs)}; a node at level ${n.level} holds ${size} runs`);
    if (first + size > MAX_RUN_INDEX || !inside(first, size)) fail(at, `covers runs [${first}, ${first + size}), which are not among the completed runs`);
    if (first < end) fail(at, `covers runs [${first}, ${first + size}), which another node already covers`);
    end = first + size;
    nodeRuns += size;
    const d = n.data;
    for (let e = 0; e < P; e++) {
      if (!Number.isFinite(d[e])) fail(`${at}.data`, `has a mean of ${d[e]}; means must be finite`);
      if (!(Number.isFinite(d[P + e]) && d[P + e] >= 0)) fail(`${at}.data`, `has a sum of squares of ${d[P + e]}; it must be finite and >= 0`);
    }
    for (let k = 0; k < S; k++) {
      const count = d[2 * P + k];
      if (!whole(count, size)) fail(`${at}.data`, `counts ${count} runs of summary metric ${layout.summaryMetrics[k]}; it must be a whole number in [0, ${size}]`);
      const mean = d[2 * P + S + k];
      const m2 = d[2 * P + 2 * S + k];
      if (!Number.isFinite(mean) || !(Number.isFinite(m2) && m2 >= 0)) fail(`${at}.data`, `has moments ${mean}, ${m2} for summary metric ${layout.summaryMetrics[k]}; they must be finite (and the sum of squares >= 0)`);
    }
  }
  if (nodeRuns !== runs) fail('nodes', `hold ${nodeRuns} runs but completed claims ${runs}`);

  const perEntry = (what: string, entries: Uint32Array, counts: Float64Array, slotsPerEntry: number, nEntries: number) => {
    const totals = new Map<number, number>();
    let previous = -1;
    for (let i = 0; i < entries.length; i++) {
      if (entries[i] <= previous) fail(`${what}`, `lists bin ${entries[i]} out of order or twice`);
      previous = entries[i];
      const entry = Math.floor(entries[i] / slotsPerEntry);
      if (entry >= nEntries) fail(what, `has bin ${entries[i]}, out of range`);
      if (!whole(counts[i], runs) || counts[i] === 0) fail(what, `has a count of ${counts[i]}; counts must be whole numbers in [1, ${runs}]`);
      const t = (totals.get(entry) ?? 0) + counts[i];
      if (t > runs) fail(what, `counts ${t} values for one entry in ${runs} runs`);
      totals.set(entry, t);
    }
  };
  perEntry('shareCounts', st.shareCounts.index, st.shareCounts.count, SHARE_SLOTS, layout.shareEntries);
  const sk = st.sketches;
  for (let i = 0; i < sk.entry.length; i++) {
    if (sk.entry[i] >= layout.sketchEntries) fail('sketches.entry', `has entry ${sk.entry[i]}, out of range`);
    if (!Number.isFinite(sk.key[i])) fail('sketches.key', `has ${sk.key[i]}; keys must be finite`);
    if (!whole(sk.count[i], runs) || sk.count[i] === 0) fail('sketches.count', `has a count of ${sk.count[i]}; counts must be whole numbers in [1, ${runs}]`);
  }

  for (let e = 0; e < layout.entries; e++) {
    const lo = st.min[e];
    const hi = st.max[e];
    const none = lo === Infinity && hi === -Infinity;
    const ok = none ? e >= P || runs === 0 : Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi;
    if (!ok) fail('min/max', `are ${lo} and ${hi} at entry ${e}; they must be finite with min <= max`);
  }
  const counts = (what: string, a: Float64Array, max: number) => {
    for (let i = 0; i < a.length; i++) if (!whole(a[i], max)) fail(`${what}[${i}]`, `is ${a[i]}; it must be a whole number in [0, ${max}]`);
  };
  counts('summaryZeros', st.summaryZeros, runs);
  counts('summaryOnes', st.summaryOnes, runs);
  for (let k = 0; k < S; k++) if (st.summaryZeros[k] + st.summaryOnes[k] > runs) fail('summaryZeros/summaryOnes', `count more than ${runs} runs for ${layout.summaryMetrics[k]}`);
  counts('eventsByPeriod', st.eventsByPeriod, Number.MAX_SAFE_INTEGER);
  const K = layout.eventKinds.length;
  for (let k = 0; k < K; k++) {
    let sum = 0;
    for (let t = 0; t < layout.horizon; t++) sum += st.eventsByPeriod[k * layout.horizon + t];
    const [total, squares, withAny] = [st.eventRunTotals[k * 3], st.eventRunTotals[k * 3 + 1], st.eventRunTotals[k * 3 + 2]];
    if (total !== sum) fail(`eventRunTotals[${k * 3}]`, `is ${total} but the ${layout.eventKinds[k]} events by period add up to ${sum}`);
    if (!whole(squares, Number.MAX_SAFE_INTEGER) || squares < total) fail(`eventRunTotals[${k * 3 + 1}]`, `is ${squares}; it must be a whole number >= ${total}`);
    if (!whole(withAny, runs) || withAny > total) fail(`eventRunTotals[${k * 3 + 2}]`, `is ${withAny}; it must be a whole number in [0, ${Math.min(runs, total)}]`);
  }
  counts('typeCounts', st.typeCounts, runs);
  const typed = st.typeCounts.reduce((a, b) => a + b, 0);
  if (typed !== runs) fail('typeCounts', `add up to ${typed} runs but completed claims ${runs}`);

  if (st.samples.length > st.sampleSize) fail('samples', `hold ${st.samples.length} runs; the sample size is ${st.sampleSize}`);
  const sampled = new Set<number>();
  st.samples.forEach((x, i) => {
    const at = `samples[${i}]`;
    if (!Number.isSafeInteger(x.runIndex) || !inside(x.runIndex, 1) || sampled.has(x.runIndex)) fail(`${at}.runIndex`, `is ${JSON.stringify(x.runIndex)}; it must be a completed run, sampled once`);
    sampled.add(x.runIndex);
    const seed = runSeed(part.masterSeed, x.runIndex);
    if (x.seed !== seed) fail(`${at}.seed`, `is ${JSON.stringify(x.seed)}; run ${x.runIndex} has the seed "${seed}"`);
    if (x.priority !== samplePriority(seed)) fail(`${at}.priority`, `is ${JSON.stringify(x.priority)}; it does not match the run's seed`);
    if (!Number.isInteger(x.typeIndex) || x.typeIndex < 0 || x.typeIndex >= st.typeCounts.length) fail(`${at}.typeIndex`, `is ${JSON.stringify(x.typeIndex)}; it must be 0, 1 or 2`);
    for (const v of x.series) if (!Number.isFinite(v)) fail(`${at}.series`, `holds ${v}; values must be finite`);
    for (const v of x.summary) if (!(Number.isFinite(v) || Number.isNaN(v))) fail(`${at}.summary`, `holds ${v}; values must be finite (or undefined)`);
  });
}

/** The accumulator a partial holds. */
export function accumulatorOf(part: BatchPartial, name = 'partial'): BatchAccumulator {
  return BatchAccumulator.fromState(batchLayout(part.horizonPeriods), stateOf(part, name));
}

function uint32ToBase64(a: Uint32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setUint32(i * 4, a[i], true);
  return bytesToBase64(bytes);
}

function base64ToUint32(text: string, what: string): Uint32Array {
  const bytes = base64ToBytes(text, what);
  if (bytes.length % 4 !== 0) throw new Error(`${what} does not hold whole 4-byte numbers`);
  const view = new DataView(bytes.buffer);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}

function metaOf(part: BatchPartial): BatchMeta {
  return {
    scenarioName: part.scenarioName,
    scenarioHash: part.scenarioHash,
    masterSeed: part.masterSeed,
    runsRequested: part.runsRequested,
    runRange: RunRanges.of(part.assigned).hull,
    horizonPeriods: part.horizonPeriods,
    periodLengthMonths: part.periodLengthMonths,
    version: part.version,
  };
}

/**
 * Merges partials of one batch (same scenario, master seed, runs, version) into
 * one. Associative and commutative, bit for bit. Throws, naming the part, if they
 * do not belong together or cover a run twice.
 *
 * @example
 *   const whole = mergePartials(files.map((f) => parseBatchPartial(readFileSync(f, 'utf8'), f)));
 *   const summary = summarizePartial(whole); // equals the unsharded runMonteCarlo result
 */
export function mergePartials(parts: readonly BatchPartial[], names?: readonly string[]): BatchPartial {
  if (parts.length === 0) throw new Error('mergePartials needs at least one partial');
  const nameOf = (i: number) => names?.[i] ?? `part ${i + 1}`;
  const first = parts[0];
  parts.forEach((p, i) => checkPartial(p, nameOf(i)));
  const same = ['version', 'scenarioHash', 'masterSeed', 'runsRequested', 'horizonPeriods', 'periodLengthMonths', 'sampleSize'] as const;
  parts.forEach((p, i) => {
    for (const k of same) {
      if (p[k] !== first[k]) throw new Error(`${nameOf(i)}: ${k} is ${JSON.stringify(p[k])} but ${nameOf(0)} has ${JSON.stringify(first[k])}; partials of different batches cannot be merged`);
    }
    if (JSON.stringify(p.resolution) !== JSON.stringify(first.resolution)) throw new Error(`${nameOf(i)}: quantile resolution differs from ${nameOf(0)}`);
  });
  const assigned = new RunRanges();
  parts.forEach((p, i) => {
    try {
      for (const [f, c] of p.assigned) assigned.add(f, c);
    } catch (e) {
      throw new Error(`${nameOf(i)} overlaps an earlier part: ${(e as Error).message}`);
    }
  });
  const acc = accumulatorOf(first, nameOf(0));
  parts.slice(1).forEach((p, i) => {
    const st = stateOf(p, nameOf(i + 1));
    try {
      acc.absorbState(st);
    } catch (e) {
      throw new Error(`${nameOf(i + 1)}: ${(e as Error).message}`);
    }
  });
  return toPartial(acc, metaOf(first), assigned.list());
}

/** The BatchSummary of a partial (of a merged set of shards: the whole batch's). */
export function summarizePartial(part: BatchPartial, name = 'partial'): BatchSummary {
  return finalizeSummary(accumulatorOf(part, name), metaOf(part));
}

/** Parses and checks a partial-result file; errors name the file and field. */
export function parseBatchPartial(text: string, name = 'partial'): BatchPartial {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Only the position: the parser's own message quotes the text, which may be any file (a password file).
    const at = /position (\d+)/.exec((e as Error).message);
    throw new Error(`${name}: not valid JSON${at ? ` (at character ${Number(at[1]) + 1})` : ''}`);
  }
  checkPartial(data, name);
  return data;
}

function checkPartial(p: unknown, name: string): asserts p is BatchPartial {
  const o = p as Record<string, unknown>;
  if (o === null || typeof o !== 'object' || o.format !== 'relief-lab/batch-partial@1') {
    throw new Error(`${name}: not a relief-lab batch partial (format must be "relief-lab/batch-partial@1"; got ${JSON.stringify(o?.format)})`);
  }
  const int = (k: string, min: number) => {
    if (typeof o[k] !== 'number' || !Number.isInteger(o[k]) || (o[k] as number) < min) throw new Error(`${name}: ${k} must be an integer >= ${min}; got ${JSON.stringify(o[k])}`);
  };
  int('runsRequested', 1);
  if ((o.runsRequested as number) > MAX_RUN_INDEX) throw new Error(`${name}: runsRequested must be at most ${MAX_RUN_INDEX}; got ${o.runsRequested}`);
  int('horizonPeriods', 1);
  int('sampleSize', 0);
  if (typeof o.masterSeed !== 'number' || !Number.isSafeInteger(o.masterSeed)) throw new Error(`${name}: masterSeed must be an integer`);
  for (const k of ['version', 'scenarioName', 'scenarioHash']) if (typeof o[k] !== 'string') throw new Error(`${name}: ${k} must be a string`);
  for (const k of ['assigned', 'completed']) {
    const list = o[k];
    if (!Array.isArray(list) || !list.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => Number.isInteger(x) && x >= 0))) {
      throw new Error(`${name}: ${k} must be a list of [firstRun, count] pairs of whole numbers`);
    }
    for (const [f, c] of list as RunRange[]) {
      if (f + c > (o.runsRequested as number)) throw new Error(`${name}: ${k} runs [${f}, ${f + c}) lie outside the batch's ${o.runsRequested} runs`);
    }
  }
  let assigned: RunRanges;
  try {
    assigned = RunRanges.of(o.assigned as RunRange[]);
  } catch (e) {
    throw new Error(`${name}: assigned ${(e as Error).message}`);
  }
  for (const [f, c] of o.completed as RunRange[]) {
    const inside = assigned.list().some(([af, ac]) => f >= af && f + c <= af + ac);
    if (!inside) throw new Error(`${name}: completed runs [${f}, ${f + c}) lie outside the assigned runs`);
  }
  const st = o.state as Record<string, unknown> | undefined;
  if (!st || typeof st !== 'object' || !Array.isArray(st.nodes) || !Array.isArray(st.samples) || typeof st.sketches !== 'object') {
    throw new Error(`${name}: state is missing or malformed`);
  }
}

/** Parses a BatchSummary written as JSON, turning the nulls that stood for NaN back into NaN. */
export function parseBatchSummary(text: string): BatchSummary {
  return JSON.parse(text, (_k, v) => (v === null ? NaN : v)) as BatchSummary;
}
