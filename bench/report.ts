/**
 * What the benches share: the baseline scenario, the load at the start, a clock, number
 * formatting, and a report that prints each line and keeps it for the results file.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Scenario } from '../src/scenario/schema.ts';
import { readScenario } from '../src/scenario/validate.ts';

/** scenarios/baseline.yaml, validated. */
export function loadBaseline(): Scenario {
  const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('baseline.yaml is invalid');
  return parsed.scenario;
}

export const loadNow = (): number => loadavg()[0];
export const now = (): number => performance.now();
export const fmt = (x: number, d = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** A report: `say` prints a line and keeps it in `lines`. */
export function benchReport(): { lines: string[]; say: (s: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    say: (s: string) => {
      console.log(s);
      lines.push(s);
    },
  };
}
