import { chartBase, type ChartSize, type ChartSpec } from '../charts/spec.ts';
import type { TargetTypeName } from '../scenario/schema.ts';
import type { AuditReport } from './audit.ts';

/**
 * The audit's heat map for one target type: the margin V_comply - V_cheat by period
 * (x) and tranche (y), on the benchmarks each tranche is conditioned on, averaged over
 * the compliant-path runs. Red cells are where cheating pays; the weak link's stage
 * is outlined.
 */
export function auditHeatMapSpec(report: AuditReport, type: TargetTypeName, size: ChartSize = {}): ChartSpec {
  const cells = report.heat.filter((c) => c.type === type).map((c) => ({ period: c.period, tranche: c.tranche, margin: c.margin, pays: Math.round(100 * c.negativeShare) }));
  if (cells.length === 0) throw new Error(`the audit has no runs of type ${type} (types: ${[...new Set(report.heat.map((c) => c.type))].join(', ')})`);
  const weak = report.rows[report.weakLink];
  const marks = weak.type === type ? [{ from: weak.fromPeriod, until: weak.untilPeriod - 1 }] : [];
  const extent = Math.max(1e-9, ...cells.map((c) => Math.abs(c.margin)));
  return {
    ...chartBase(`Where cheating pays the ${type}: margin by period and tranche`, `V_comply - V_cheat in utility units on each tranche's benchmarks, mean of ${report.runs} compliant-path runs; red: cheating pays${marks.length > 0 ? '; outlined: the weak link' : ''}`, size, { width: 560, height: 26 * report.tranches.length }),
    datasets: { cells, weak: marks },
    layer: [
      {
        data: { name: 'cells' },
        mark: 'rect',
        encoding: {
          x: { field: 'period', type: 'ordinal', title: 'period', axis: { labelExpr: 'datum.value % 6 === 0 ? datum.label : ""' } },
          y: { field: 'tranche', type: 'nominal', sort: report.tranches, title: 'tranche (its benchmarks)' },
          color: { field: 'margin', type: 'quantitative', title: 'margin', scale: { scheme: 'redblue', domain: [-extent, extent], domainMid: 0 } },
          tooltip: [{ field: 'period' }, { field: 'tranche' }, { field: 'margin', format: '.2f' }, { field: 'pays', title: '% of runs where cheating pays' }],
        },
      },
      {
        data: { name: 'weak' },
        mark: { type: 'rect', fill: null, stroke: '#000', strokeWidth: 2 },
        encoding: { x: { field: 'from', type: 'ordinal' }, x2: { field: 'until' } },
      },
    ],
  } as unknown as ChartSpec;
}
