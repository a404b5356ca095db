import type { Comparison } from '../../../src/index.ts';
import { cell, unitCell } from './summary-files.ts';

/**
 * The comparison table as CSV, one row per (metric, design): the design's mean with
 * its 95% CI and n, and for every design after the first its difference from the
 * reference with its 95% CI and the verdict, each row with the metric's unit and the
 * comparison's provenance (master seed, runs per design, version).
 */
export function comparisonCsv(c: Comparison, p: { masterSeed: number; runs: number; version: string; periodLengthMonths: number }): string {
  const header = ['reference', 'design', 'master_seed', 'runs_per_design', 'version', 'metric', 'label', 'unit', 'better_is', 'n', 'mean', 'ci95_low', 'ci95_high', 'difference_from_reference', 'difference_ci95_low', 'difference_ci95_high', 'verdict'];
  const rows = [header.join(',')];
  for (const r of c.rows) {
    r.values.forEach((v, i) => {
      const d = i === 0 ? undefined : r.differences[i - 1];
      rows.push(
        [c.reference, v.design, p.masterSeed, p.runs, p.version, r.metric, r.label, unitCell(r.unit, p.periodLengthMonths), r.better ?? '', v.n, v.mean, v.ci95[0], v.ci95[1], d?.estimate, d?.ci95?.[0], d?.ci95?.[1], d ? d.verdict : 'reference']
          .map(cell)
          .join(','),
      );
    });
  }
  return rows.join('\n') + '\n';
}
