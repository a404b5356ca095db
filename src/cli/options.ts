import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.ts';

/** Most runs `run` accepts; memory does not grow with runs, this only guards against typos. */
export const MAX_RUNS = 1_000_000_000;
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;

/**
 * A commander parser for a whole number in [min, max]. Only plain digits are
 * accepted ("1e3", "+5", "0x10" and "3.0" are refused), so what is run is what was typed.
 */
export function wholeNumber(flag: string, min: number, max: number, example: number) {
  return (value: string): number => {
    const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number in [${min}, ${max}], e.g. ${flag} ${example}.`);
    }
    return n;
  };
}

export const parseRuns = wholeNumber('--runs', 1, MAX_RUNS, DEFAULT_RUNS);
export const MAX_WORKERS = 64;
export const parseWorkers = wholeNumber('--workers', 1, MAX_WORKERS, 2);

/** `--shard i/N`: shard i (1-based) of N. */
export function parseShardFlag(value: string): { index: number; count: number } {
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(`--shard takes i/N with 1 <= i <= N, e.g. --shard 3/8.`);
  return { index, count };
}
export const parseSeed = wholeNumber('--seed', 0, Number.MAX_SAFE_INTEGER, 42);

/** --format when given, else what --out's extension says (.json, .csv), else the readable table. */
export function chooseFormat(format: ReportFormat | undefined, out: string | undefined): ReportFormat {
  if (format) return format;
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  return (REPORT_FORMATS as readonly string[]).includes(ext) && ext !== 'table' ? (ext as ReportFormat) : 'table';
}
