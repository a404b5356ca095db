import type { BatchSummary } from '../montecarlo/types.ts';

/**
 * `--format json`: the whole BatchSummary (tagged with its own format). Undefined
 * values (NaN) become null, as JSON has no NaN; parseBatchSummary turns them back.
 * Key order is fixed by construction, so the same scenario and seed give
 * byte-identical output, whether from one run or from merged shards.
 */
export function summaryJson(summary: BatchSummary): string {
  return stringifyReadable(summary) + '\n';
}

/**
 * JSON indented by two spaces, except that a list of numbers stays on one line: a
 * per-period series is then one line a reader can scan and a diff can compare.
 * Numbers that are not finite are written as null.
 */
export function stringifyReadable(value: unknown, indent = ''): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number' || v === null)) return `[${value.map((v) => stringifyReadable(v)).join(', ')}]`;
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stringifyReadable(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyReadable(v, inner)}`).join(',\n')}\n${indent}}`;
}
