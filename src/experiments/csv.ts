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

const num = (x: number) => (Number.isNaN(x) ? '' : String(x));

/** The lines of one point (no header). */
export function csvPointRows(rows: PointRows, columns: readonly TableColumn[]): string {
  const { layout, records, runs } = rows;
  const fixed = `${rows.point},`;
  const params = rows.values.map((v) => (typeof v === 'number' ? num(v) : typeof v === 'boolean' ? String(v) : field(v)));
  const paramText = params.length ? params.join(',') + ',' : '';
  const realisedCols = columns.filter((c) => c.source === 'realised');
  const parts: string[] = [];
  for (let i = 0; i < runs; i++) {
    let line = fixed + i + ',' + paramText;
    const at = i * layout.width;
    for (let j = 0; j < layout.width; j++) {
      const x = records[at + j];
      const cats = j < realisedCols.length ? realisedCols[j].categories : undefined;
      line += (j > 0 ? ',' : '') + (cats ? (Number.isNaN(x) ? '' : cats[x]) : num(x));
    }
    parts.push(line);
  }
  return parts.join('\n') + '\n';
}

/** The data dictionary as CSV: column, dtype, unit, meaning. */
export function dictionaryCsv(columns: readonly TableColumn[]): string {
  return 'column,dtype,unit,source,meaning\n' + columns.map((c) => [c.name, c.dtype, c.unit, c.source, c.meaning].map(field).join(',')).join('\n') + '\n';
}
