import { BatchAccumulator, type AccumulatorState } from './accumulator.ts';
import { finalizeSummary, RESOLUTION, type BatchMeta } from './finalize.ts';
import { batchLayout } from './layout.ts';
import { momentsLength } from './moments.ts';
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

interface EncodedState {
  nodes: { level: number; index: number; runs: number; data: string }[];
  shareCounts: { index: string; count: string };
  sketches: { entry: string; key: string; count: string };
  min: string;
  max: string;
  summaryZeros: string;
  summaryOnes: string;
  eventsByPeriod: string;
  eventRunTotals: string;
  typeCounts: string;
  samples: { priority: number; runIndex: number; seed: string; typeIndex: number; series: string; summary: string }[];
}

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
      min: f(st.min),
      max: f(st.max),
      summaryZeros: f(st.summaryZeros),
      summaryOnes: f(st.summaryOnes),
      eventsByPeriod: f(st.eventsByPeriod),
      eventRunTotals: f(st.eventRunTotals),
      typeCounts: f(st.typeCounts),
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
  return {
    horizon: part.horizonPeriods,
    sampleSize: part.sampleSize,
    completed: part.completed,
    nodes: s.nodes.map((n, i) => ({ level: n.level, index: n.index, runs: n.runs, data: g(n.data, `nodes[${i}].data`, momentsLength(layout)) })),
    shareCounts: { index: shareIndex, count: g(s.shareCounts.count, 'shareCounts.count', shareIndex.length) },
    sketches: { entry: sketchEntry, key: g(s.sketches.key, 'sketches.key', sketchEntry.length), count: g(s.sketches.count, 'sketches.count', sketchEntry.length) },
    min: g(s.min, 'min', layout.entries),
    max: g(s.max, 'max', layout.entries),
    summaryZeros: g(s.summaryZeros, 'summaryZeros', S),
    summaryOnes: g(s.summaryOnes, 'summaryOnes', S),
    eventsByPeriod: g(s.eventsByPeriod, 'eventsByPeriod', layout.eventKinds.length * layout.horizon),
    eventRunTotals: g(s.eventRunTotals, 'eventRunTotals', layout.eventKinds.length * 3),
    typeCounts: g(s.typeCounts, 'typeCounts', 3),
    samples: s.samples.map((x, i) => ({ ...x, series: g(x.series, `samples[${i}].series`, layout.periodEntries), summary: g(x.summary, `samples[${i}].summary`, S) })),
  };
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
    throw new Error(`${name}: not valid JSON (${(e as Error).message})`);
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
  int('horizonPeriods', 1);
  int('sampleSize', 0);
  if (typeof o.masterSeed !== 'number' || !Number.isSafeInteger(o.masterSeed)) throw new Error(`${name}: masterSeed must be an integer`);
  for (const k of ['version', 'scenarioName', 'scenarioHash']) if (typeof o[k] !== 'string') throw new Error(`${name}: ${k} must be a string`);
  for (const k of ['assigned', 'completed']) {
    const list = o[k];
    if (!Array.isArray(list) || !list.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => Number.isInteger(x) && x >= 0))) {
      throw new Error(`${name}: ${k} must be a list of [firstRun, count] pairs of whole numbers`);
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
