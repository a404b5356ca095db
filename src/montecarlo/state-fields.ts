import { TARGET_TYPES } from '../scenario/schema.ts';
import type { BatchLayout } from './layout.ts';

/**
 * The field table of the batch accumulator's state: every field a chunk result,
 * a partial file and a merge carry, with its type, length and how two of them
 * merge. The dense fields (one Float64Array each, merged element by element) are
 * handled from this table alone: the accumulator's arrays, `clear`, the exported
 * state and its arena, `absorbState`, `stateBuffers`, and a partial's encoding and
 * decoding (partial.ts). A new dense field is one row here. The structured fields
 * have their own merge (a canonical tree, a reservoir, sparse bins) and are listed
 * for the record, in the order a partial file writes them. docs/experiments.md
 * shows this table (`stateFieldsMarkdown`; a test keeps the two equal).
 */

/** How two dense fields merge, element by element. Every one is exact and order-free. */
export type DenseMerge = 'add' | 'min' | 'max';

export interface DenseField {
  name: string;
  /** Numbers in the field, from the layout. */
  length(layout: BatchLayout): number;
  /** How the length reads in the docs. */
  lengthText: string;
  /** The value of every element with no runs. */
  empty: number;
  merge: DenseMerge;
  meaning: string;
}

export const DENSE_FIELDS = [
  { name: 'min', length: (L) => L.entries, lengthText: 'entries (P x H + S)', empty: Infinity, merge: 'min', meaning: 'smallest value of each entry (period metric x period, then summary metric); +Infinity until a value is seen' },
  { name: 'max', length: (L) => L.entries, lengthText: 'entries (P x H + S)', empty: -Infinity, merge: 'max', meaning: 'largest value of each entry; -Infinity until a value is seen' },
  { name: 'summaryZeros', length: (L) => L.summaryMetrics.length, lengthText: 'S', empty: 0, merge: 'add', meaning: 'runs where each summary metric was exactly 0' },
  { name: 'summaryOnes', length: (L) => L.summaryMetrics.length, lengthText: 'S', empty: 0, merge: 'add', meaning: 'runs where each summary metric was exactly 1 (with the zeros: a proportion when they add up to n)' },
  { name: 'eventsByPeriod', length: (L) => L.eventKinds.length * L.horizon, lengthText: 'K x H', empty: 0, merge: 'add', meaning: 'events of each kind in each period, over all runs' },
  { name: 'eventRunTotals', length: (L) => L.eventKinds.length * 3, lengthText: 'K x 3', empty: 0, merge: 'add', meaning: 'per event kind: sum over runs of its events, sum of their squares, runs with at least one' },
  { name: 'typeCounts', length: () => TARGET_TYPES.length, lengthText: '3', empty: 0, merge: 'add', meaning: "runs by the target's initial type (sincere, opportunist, hardliner)" },
] as const satisfies readonly DenseField[];

export type DenseFieldName = (typeof DENSE_FIELDS)[number]['name'];

/** The dense fields' arrays, by name. */
export type DenseArrays = Record<DenseFieldName, Float64Array>;

/** The fields with a merge of their own (not generated), for the docs. */
export const STRUCTURED_FIELDS = [
  { name: 'completed', type: '[first, count] pairs', lengthText: 'intervals', merge: 'union; an overlap is an error', meaning: 'the runs held' },
  { name: 'nodes', type: 'moment nodes (level, index, runs, Float64Array)', lengthText: 'one per node of the canonical tree', merge: 'canonical merge tree (moments.ts): the same bits in any order', meaning: 'means and sums of squares of every entry; counts and moments of each summary metric' },
  { name: 'shareCounts', type: 'sparse Uint32 bin / Float64 count', lengthText: 'non-zero bins', merge: 'add per bin', meaning: 'fixed-bin histograms of share-valued entries (quantiles)' },
  { name: 'sketches', type: 'Uint32 entry / Float64 key / Float64 count', lengthText: 'buckets', merge: 'add per bucket', meaning: 'log-bucket sketches of the other entries (quantiles)' },
  { name: 'samples', type: 'sample records', lengthText: 'at most sampleSize', merge: 'keep the smallest seeded priorities', meaning: 'whole trajectories of a seeded sample of runs' },
] as const;

/** New arrays of the dense fields with no runs. */
export function emptyDense(layout: BatchLayout): DenseArrays {
  return Object.fromEntries(DENSE_FIELDS.map((f) => [f.name, new Float64Array(f.length(layout)).fill(f.empty)])) as DenseArrays;
}

/** Back to no runs, in place. */
export function clearDense(d: DenseArrays): void {
  for (const f of DENSE_FIELDS) d[f.name].fill(f.empty);
}

/** Numbers in all dense fields together. */
export function denseLength(layout: BatchLayout): number {
  let n = 0;
  for (const f of DENSE_FIELDS) n += f.length(layout);
  return n;
}

/**
 * Checks that every dense field of `d` has the layout's length.
 *
 * @throws Error naming the field.
 */
export function checkDenseLengths(d: Partial<DenseArrays>, layout: BatchLayout): void {
  for (const f of DENSE_FIELDS) {
    const n = f.length(layout);
    const got = d[f.name]?.length ?? 0;
    if (got !== n) throw new Error(`${f.name} has ${got} numbers; expected ${n}`);
  }
}

/** Merges `from` into `into`, field by field as the table says (lengths checked by checkDenseLengths first). */
export function mergeDense(into: DenseArrays, from: DenseArrays): void {
  for (const f of DENSE_FIELDS) {
    const a = into[f.name];
    const b = from[f.name];
    const n = a.length;
    if (f.merge === 'add') for (let i = 0; i < n; i++) a[i] += b[i];
    else if (f.merge === 'min') for (let i = 0; i < n; i++) a[i] = b[i] < a[i] ? b[i] : a[i];
    else for (let i = 0; i < n; i++) a[i] = b[i] > a[i] ? b[i] : a[i];
  }
}

/** Each dense field mapped through `f`, by name (encode, decode, copy). */
export function mapDense<T>(f: (field: (typeof DENSE_FIELDS)[number]) => T): Record<DenseFieldName, T> {
  return Object.fromEntries(DENSE_FIELDS.map((field) => [field.name, f(field)])) as Record<DenseFieldName, T>;
}

/** The table as markdown, every field in the order of a partial file's state. */
export function stateFieldsMarkdown(): string {
  const rows: string[] = ['| field | type | length | merge | meaning |', '|---|---|---|---|---|'];
  const [completed, nodes, shareCounts, sketches, samples] = STRUCTURED_FIELDS;
  const structured = (f: (typeof STRUCTURED_FIELDS)[number]) => `| \`${f.name}\` | ${f.type} | ${f.lengthText} | ${f.merge} | ${f.meaning} |`;
  rows.push(...[completed, nodes, shareCounts, sketches].map(structured));
  for (const f of DENSE_FIELDS) rows.push(`| \`${f.name}\` | Float64Array | ${f.lengthText} | ${f.merge} | ${f.meaning} |`);
  rows.push(structured(samples));
  return rows.join('\n') + '\n';
}
