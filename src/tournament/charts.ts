import { chartBase, PALETTE, type ChartSize, type ChartSpec } from '../charts/spec.ts';
import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { TournamentResult } from './tournament.ts';

const label = (o: string) => (o in SUMMARY_METRICS ? SUMMARY_METRICS[o as SummaryMetric].label : o);

/**
 * The ranking of sanctioner policies on one outcome: each policy's mean over the
 * round robin with its 95% CI, best first (a chart reads only the result set).
 */
export function tournamentRankingSpec(result: TournamentResult, outcome: string, size: ChartSize = {}): ChartSpec {
  const ranking = result.rankings.find((r) => r.outcome === outcome);
  if (!ranking) throw new Error(`outcome ${JSON.stringify(outcome)} is not in this tournament (outcomes: ${result.outcomes.join(', ')})`);
  const rows = ranking.entries.map((e) => ({ sanctioner: e.sanctioner, rank: e.rank, mean: e.mean, lo: e.ci95[0], hi: e.ci95[1] }));
  const better = ranking.better === 'lower' ? 'lower is better' : ranking.better === 'higher' ? 'higher is better' : 'no better direction';
  return {
    ...chartBase(`Sanctioner policies ranked on ${label(outcome).toLowerCase()}`, `Mean over ${result.targets.length} target policies and ${result.runs} runs each, 95% CI; ${better}`, size, { width: 480, height: 28 * rows.length }),
    datasets: { ranking: rows },
    data: { name: 'ranking' },
    encoding: { y: { field: 'sanctioner', type: 'nominal', sort: { field: 'rank' }, title: null } },
    layer: [
      { mark: { type: 'rule', color: PALETTE.band90 }, encoding: { x: { field: 'lo', type: 'quantitative', title: label(outcome), scale: { zero: false } }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, color: PALETTE.band50, size: 60 }, encoding: { x: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'sanctioner' }, { field: 'rank' }, { field: 'mean', format: '.3f' }, { field: 'lo', format: '.3f', title: 'CI low' }, { field: 'hi', format: '.3f', title: 'CI high' }] } },
    ],
  } as unknown as ChartSpec;
}

/** The payoff matrix: sanctioner (rows) by target policy (columns), coloured by the outcome's mean. */
export function tournamentMatrixSpec(result: TournamentResult, outcome: string, size: ChartSize = {}): ChartSpec {
  if (!result.outcomes.includes(outcome)) throw new Error(`outcome ${JSON.stringify(outcome)} is not in this tournament (outcomes: ${result.outcomes.join(', ')})`);
  const rows = result.matches.map((m) => ({ sanctioner: m.sanctioner, target: m.target, mean: m.outcomes[outcome].mean, lo: m.outcomes[outcome].ci95[0], hi: m.outcomes[outcome].ci95[1] }));
  return {
    ...chartBase(`${label(outcome)} by sanctioner and target policy`, `Mean of ${result.runs} runs per cell on common random numbers`, size, { width: 60 * result.targets.length, height: 28 * result.sanctioners.length }),
    datasets: { matrix: rows },
    data: { name: 'matrix' },
    encoding: {
      x: { field: 'target', type: 'nominal', title: 'target policy', sort: result.targets },
      y: { field: 'sanctioner', type: 'nominal', title: 'sanctioner policy', sort: result.sanctioners },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'mean', type: 'quantitative', title: label(outcome), scale: { scheme: 'blues' } }, tooltip: [{ field: 'sanctioner' }, { field: 'target' }, { field: 'mean', format: '.3f' }, { field: 'lo', format: '.3f', title: 'CI low' }, { field: 'hi', format: '.3f', title: 'CI high' }] } },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'mean', type: 'quantitative', format: '.2f' }, color: { condition: { test: 'datum.mean > 0', value: '#000' }, value: '#000' } } },
    ],
  } as unknown as ChartSpec;
}
