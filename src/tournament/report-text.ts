import { formatNumber } from '../format/number.ts';
import { textTable } from '../report/text-table.ts';
import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { TournamentResult } from './tournament.ts';

/** The tournament in words and tables: one ranking per outcome, then the matrix of the first outcome. */
export function formatTournament(r: TournamentResult): string {
  const out = [`Tournament on ${r.scenario}: ${r.sanctioners.length} sanctioner policies x ${r.targets.length} target policies, ${r.runs} runs per match (seed ${r.masterSeed}, common random numbers), false alarms ${r.noise}.`, 'The coalition decides re-imposition itself (trigger set to discretionary).', ''];
  for (const k of r.rankings) {
    const info = SUMMARY_METRICS[k.outcome as SummaryMetric];
    out.push(`${info.label} (${k.better === null ? 'no better direction; sorted high to low' : `${k.better} is better`}):`);
    out.push(textTable(['rank', 'sanctioner', 'mean', '95% CI'], k.entries.map((e) => [String(e.rank), e.sanctioner, formatNumber(e.mean), `${formatNumber(e.ci95[0])} to ${formatNumber(e.ci95[1])}`]), '  '), '');
  }
  const o = r.outcomes[0];
  out.push(`${SUMMARY_METRICS[o as SummaryMetric].label} by match (sanctioner rows, target columns):`);
  out.push(textTable(['', ...r.targets], r.sanctioners.map((s) => [s, ...r.targets.map((t) => formatNumber(r.matches.find((m) => m.sanctioner === s && m.target === t)!.outcomes[o].mean))]), '  '));
  return out.join('\n') + '\n';
}
