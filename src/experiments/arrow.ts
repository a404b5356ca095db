import { Bool, Field, Float64, Int64, makeData, makeVector, RecordBatch, Schema, Struct, Utf8, Vector, vectorFromArray, type DataType } from 'apache-arrow';
import type { TableColumn } from './columns.ts';
import type { PointRows } from './run.ts';

/**
 * The per-run table as Apache Arrow record batches: the same columns as the CSV,
 * typed (int64, float64, bool, utf8). Undefined numbers are NaN, as in the CSV
 * read by pandas. Batches are cut per point and every BATCH_ROWS runs within it,
 * so a point's batches are the same whether a shard or the whole experiment
 * wrote them, and a merge can copy them.
 */

/** Rows per record batch at most (within one point). */
export const BATCH_ROWS = 65_536;

function arrowType(c: TableColumn): DataType {
  switch (c.dtype) {
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'string':
      return new Utf8();
  }
}

export function arrowSchema(columns: readonly TableColumn[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, arrowType(c), false)));
}

/** The record batches of one point. */
export function arrowPointBatches(rows: PointRows, schema: Schema, columns: readonly TableColumn[]): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (let first = 0; first < rows.runs; first += BATCH_ROWS) out.push(batch(rows, schema, columns, first, Math.min(BATCH_ROWS, rows.runs - first)));
  return out;
}

function batch(rows: PointRows, schema: Schema, columns: readonly TableColumn[], first: number, n: number): RecordBatch {
  const { layout, records } = rows;
  const P = rows.values.length;
  const vectors: Vector[] = columns.map((c, k) => {
    if (k === 0) return makeVector(new BigInt64Array(n).fill(BigInt(rows.point)));
    if (k === 1) return makeVector(runIndices(first, n));
    if (k < 2 + P) return constant(c, rows.values[k - 2], n);
    const j = k - 2 - P;
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = records[(first + i) * layout.width + j];
    if (c.dtype === 'string') return categoryStrings(col, c.categories!);
    return makeVector(col);
  });
  const data = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children: vectors.map((v) => v.data[0]) });
  return new RecordBatch(schema, data);
}

function constant(c: TableColumn, v: number | boolean | string, n: number): Vector {
  switch (c.dtype) {
    case 'int64':
      return makeVector(new BigInt64Array(n).fill(BigInt(v as number)));
    case 'float64':
      return makeVector(new Float64Array(n).fill(v as number));
    case 'bool':
      return vectorFromArray(new Array<boolean>(n).fill(v as boolean), new Bool());
    case 'string':
      return vectorFromArray(new Array<string>(n).fill(String(v)), new Utf8());
  }
}

function runIndices(first: number, n: number): BigInt64Array {
  const out = new BigInt64Array(n);
  let b = BigInt(first);
  for (let i = 0; i < n; i++, b++) out[i] = b;
  return out;
}

const utf8 = new TextEncoder();

/**
 * A Utf8 column of category labels from their indices, built directly from the
 * labels' bytes (one encoding per label, not per row). NaN (no category) is an empty string.
 */
function categoryStrings(codes: Float64Array, labels: readonly string[]): Vector {
  const bytes = labels.map((l) => utf8.encode(l));
  const offsets = new Int32Array(codes.length + 1);
  let size = 0;
  for (let i = 0; i < codes.length; i++) {
    size += Number.isNaN(codes[i]) ? 0 : bytes[codes[i]].length;
    offsets[i + 1] = size;
  }
  const data = new Uint8Array(size);
  for (let i = 0; i < codes.length; i++) if (!Number.isNaN(codes[i])) data.set(bytes[codes[i]], offsets[i]);
  return new Vector([makeData({ type: new Utf8(), length: codes.length, nullCount: 0, valueOffsets: offsets, data })]);
}
