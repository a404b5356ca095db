import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import type { RunResult } from '../../src/engine/simulate.ts';
import type { PeriodMetric } from '../../src/engine/metrics.ts';

/** The per-period series a golden trajectory pins (enough to see any behaviour change). */
export const GOLDEN_SERIES: PeriodMetric[] = ['trueCompliance', 'verifiedCompliance', 'sanctionsInForce', 'cohesion', 'leverage', 'belief', 'hardlinerInfluence', 'needMet', 'aidSent', 'aidDelivered'];

/** A run as plain JSON: numbers keep full precision (JSON round-trips doubles), NaN becomes null. */
export function goldenOf(r: RunResult) {
  return {
    seed: r.seed,
    targetType: r.targetType,
    trancheReleasePeriods: r.trancheReleasePeriods,
    summary: Object.fromEntries(Object.entries(r.summary).map(([k, v]) => [k, Number.isNaN(v) ? null : v])),
    events: r.events.map((e) => `${e.period} ${e.kind} ${e.subject}`),
    series: Object.fromEntries(GOLDEN_SERIES.map((m) => [m, Array.from(r.series[m])])),
  };
}

/**
 * Compares a run with its pinned golden file exactly. `UPDATE_GOLDEN=1 npx vitest run`
 * rewrites the files: do that only when a behaviour change is intended, and say so in
 * the commit.
 */
export function expectGolden(file: string, r: RunResult): void {
  const actual = goldenOf(r);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden trajectory at ${file}; create it with UPDATE_GOLDEN=1 npx vitest run test/engine/golden.test.ts`);
  expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
