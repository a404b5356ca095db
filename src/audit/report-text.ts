import { escapeControlCharacters } from '../scenario/text-safety.ts';
import { fixed, formatNumber } from '../format/number.ts';
import { textTable } from '../report/text-table.ts';
import type { AuditReport, StageRow } from './audit.ts';

const esc = (s: string) => escapeControlCharacters(s);

/** Periods as ranges: [3, 4, 5, 9] -> "3-5, 9". */
export function periodRanges(ps: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ps.length; i++) {
    let j = i;
    while (j + 1 < ps.length && ps[j + 1] === ps[j] + 1) j++;
    out.push(i === j ? String(ps[i]) : `${ps[i]}-${ps[j]}`);
    i = j;
  }
  return out.join(', ');
}

const stageName = (r: StageRow) => (r.tranche === null ? 'start' : esc(r.tranche));
const threshold = (x: number | null) => (x === null ? 'none' : fixed(x, 3));

/** The audit in words and tables, for a terminal or a memo. Names from the scenario are escaped. */
export function formatAuditReport(a: AuditReport): string {
  const out: string[] = [];
  out.push(`Design audit: ${esc(a.scenario)}`);
  out.push(`${a.runs} compliant-path runs (seed ${a.masterSeed}), horizon ${a.horizonPeriods} periods; detection probability ${a.detectionProbability}, discount factor ${a.discountFactor}.`);
  out.push('Margin = V_comply - V_cheat in utility units, on the benchmark where it is smallest; negative: cheating pays.', '');
  out.push(
    textTable(
      ['type / stage', 'from', 'worst period', 'margin', 'benchmark', 'runs where it pays', 'pays in periods', 'critical p', 'critical delta', 'stage game'],
      a.rows.map((r, i) => [
        `${i === a.weakLink ? '> ' : '  '}${r.type} / ${stageName(r)}`,
        String(r.fromPeriod),
        String(r.period),
        formatNumber(r.margin, true),
        esc(r.weakestBenchmark),
        `${Math.round(100 * r.paysInShareOfRuns)}%`,
        r.paysInPeriods.length > 0 ? periodRanges(r.paysInPeriods) : '-',
        threshold(r.criticalDetectionProbability),
        threshold(r.criticalDiscountFactor),
        `${r.game.targetChoice.toLowerCase()}${r.game.agrees ? '' : ' (differs)'}`,
      ]),
    ),
  );
  const w = a.rows[a.weakLink];
  out.push('Stage game: what the target does in the period game built from the engine\'s inputs there, solved by backward induction; "(differs)" where most simulated best responses do otherwise.');
  out.push('');
  out.push(`Weak link (>): the ${w.type} at ${w.tranche === null ? 'the start, before any release' : `tranche ${esc(w.tranche)} (from period ${w.fromPeriod})`}: margin ${formatNumber(w.margin, true)} at period ${w.period} on ${esc(w.weakestBenchmark)}; ${w.cheatingPays ? 'cheating pays there.' : 'complying pays even there, so no fix is needed.'}`);
  const g = w.game.inputs;
  out.push(`  Why: cheating on ${esc(g.benchmark)} gains ${formatNumber(g.cheatGain)} per period; it is detected with probability ${fixed(g.detectionPerPeriod, 3)} per period, and a detection costs ${formatNumber(g.reputationalCost)} at once and, ${g.punishmentDelayPeriods} period(s) later, the relief at stake, ${formatNumber(g.stakePerPeriod)} per period (credibility-weighted, threshold factor ${fixed(g.thresholdFactor, 2)}).`);
  if (a.fixes.length > 0 || a.unavailable.length > 0) {
    out.push('', 'Smallest changes that close it, each re-checked by simulation (best-response runs, same seeds, the weak type; fixed - original, 95% CI):');
    for (const f of a.fixes) {
      const c = f.check;
      const d = (x: typeof c.violations) => `${formatNumber(x.original)} -> ${formatNumber(x.fixed)} (${formatNumber(x.difference.estimate, true)}, CI ${formatNumber(x.difference.ci95[0], true)} to ${formatNumber(x.difference.ci95[1], true)})`;
      out.push(`- ${f.kind}: ${esc(f.description)}; margin there after: ${formatNumber(f.marginAfter, true)} (5% of runs below ${formatNumber(f.quantileMarginAfter, true)}); ${c.confirmed ? 'confirmed by simulation' : 'NOT confirmed by simulation (violations in the stage do not fall beyond their 95% interval)'}.`);
      out.push(`    ${c.runs} ${c.type} runs: violations in the stage ${d(c.violationsInStage)}; in all ${d(c.violations)}; final compliance ${d(c.finalCompliance)}; target utility ${d(c.targetUtility)}`);
    }
    for (const u of a.unavailable) out.push(`- ${u.kind}: ${esc(u.reason)}.`);
  }
  return out.join('\n') + '\n';
}
