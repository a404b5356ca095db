import type { TableColumn } from './columns.ts';
import type { PointRows } from './run.ts';

/**
 * The per-run table as CSV text, point by point, for pandas and R: a header of
 * column names, then one line per run. Numbers are written in their shortest
 * exact form (they read back to the same doubles); undefined values (NaN) are
 * empty fields, which pandas reads as NaN; yes/no as true/false.
 */

function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(columns: readonly TableColumn[]): string {
  return columns.map((c) => field(c.name)).join(',') + '\n';
}

/**
 * A float64 value: whole numbers get ".0" so that pandas reads the column as
 * float64 whatever the data (a column of whole numbers would read as int64 otherwise).
 */
function float(x: number): string {
  if (Number.isNaN(x)) return '';
  // Whole numbers below 1e21 print without an exponent, so ".0" can follow them.
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? `${x}.0` : String(x);
}

function cell(c: TableColumn, v: number | boolean | string): string {
  switch (c.dtype) {
    case 'float64':
      return float(v as number);
    case 'int64':
      return String(v);
    case 'bool':
      return v ? 'true' : 'false';
    case 'string':
      return field(String(v));
  }
}

/** The lines of one point (no header). */
export function csvPointRows(rows: PointRows, columns: readonly TableColumn[]): string {
  const { layout, records, runs } = rows;
  const P = rows.values.length;
  const paramText = rows.values.map((v, k) => cell(columns[2 + k], v) + ',').join('');
  const recordCols = columns.slice(2 + P);
  const parts: string[] = [];
  for (let i = 0; i < runs; i++) {
    let line = `${rows.point},${i},${paramText}`;
    const at = i * layout.width;
    for (let j = 0; j < layout.width; j++) {
      const c = recordCols[j];
      const x = records[at + j];
      line += (j > 0 ? ',' : '') + (c.categories ? (Number.isNaN(x) ? '' : c.categories[x]) : c.dtype === 'float64' ? float(x) : String(x));
    }
    parts.push(line);
  }
  return parts.join('\n') + '\n';
}

/** The data dictionary as CSV: column, dtype, unit, meaning. */
export function dictionaryCsv(columns: readonly TableColumn[]): string {
  return 'column,dtype,unit,source,meaning\n' + columns.map((c) => [c.name, c.dtype, c.unit, c.source, c.meaning].map(field).join(',')).join('\n') + '\n';
}
