import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import { formatDifference, formatValue } from '../../format/index.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import type { BreakPointProbe } from '../break-point.ts';
import type { DiscoverResult } from './discover-study.ts';
import type { MorrisStudyResult, SobolStudyResult } from './sensitivity-study.ts';
import type { StressResult } from './stress-study.ts';
import type { SweepStudyResult } from './sweep-study.ts';

/**
 * Studies in words and Markdown tables: what the CLI prints and what the memo
 * (report) pastes. Every estimate comes with its 95% interval and the runs behind it.
 */

const num = (x: number, d = 3) => (Number.isFinite(x) ? String(+x.toFixed(d)) : 'n/a');
const cell = (s: string) => escapeControlCharacters(s).replace(/\|/g, '\\|');
const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const pct = (p: number) => `${num(100 * p, 1)}%`;
const ci = (c: readonly [number, number] | null, f: (x: number) => string) => (c ? `[${f(c[0])}, ${f(c[1])}]` : '');

/** An outcome as a chart or a sentence names it: "collapse probability", "final true compliance". */
export function outcomeLabel(m: SummaryMetric): string {
  if (m === 'collapsed') return 'collapse probability';
  if (m === 'fullRelief') return 'probability of full relief';
  return SUMMARY_METRICS[m].label.toLowerCase();
}

export function sweepMarkdown(r: SweepStudyResult): string {
  const u = SUMMARY_METRICS[r.outcome].unit;
  const lines = [`### One lever at a time: ${outcomeLabel(r.outcome)}`, ''];
  if (r.sweep) {
    lines.push(`Base: ${formatValue(r.sweep.base.estimate, u)} ${ci(r.sweep.base.ci, (x) => formatValue(x, u))}. Levers by swing (largest first); differences are paired with the base point (same seeds), with 95% intervals.`, '');
    lines.push(
      table(
        ['lever', 'at low end', 'at high end', 'swing'],
        r.sweep.tornado.map((b) => [b.factor, `${num(b.low.value)}: ${formatValue(b.low.estimate, u)}`, `${num(b.high.value)}: ${formatValue(b.high.estimate, u)}`, formatDifference(b.swing, u)]),
      ),
      '',
    );
  }
  for (const d of r.differences) {
    lines.push(`**${cell(d.factor)}**`, '');
    lines.push(table(['value', 'difference from base', '95% interval'], d.levels.map((l) => [num(l.value), formatDifference(l.difference.estimate, u), ci(l.difference.ci95, (x) => formatDifference(x, u))])), '');
  }
  lines.push(provenance(r.evaluation.header.runsPerPoint, r.evaluation.header.masterSeed, r.evaluation.points.length, r.evaluation.header.pointCount));
  return lines.join('\n') + '\n';
}

export function sobolMarkdown(r: SobolStudyResult): string {
  const lines = [`### Sobol' indices: ${outcomeLabel(r.outcome)}`, ''];
  if (r.indices) {
    const s = r.indices;
    lines.push(`Share of the variance of the ${outcomeLabel(r.outcome)} (mean ${num(s.mean)}, variance ${num(s.variance, 5)} over the points) due to each factor alone (first order) and with its interactions (total); Saltelli and Jansen estimators on a Sobol' sequence, N = ${s.baseSamples}, ${s.evaluations} points; bootstrap 95% intervals (${s.bootstrap.resamples} resamples).`, '');
    const sorted = [...s.indices].sort((a, b) => b.total.estimate - a.total.estimate);
    lines.push(table(['factor', 'first order', '95% interval', 'total', '95% interval'], sorted.map((f) => [f.factor, num(f.first.estimate), ci(f.first.ci, num), num(f.total.estimate), ci(f.total.ci, num)])), '');
  } else lines.push('Cancelled before every point ran: no indices.', '');
  lines.push(provenance(r.evaluation.header.runsPerPoint, r.evaluation.header.masterSeed, r.evaluation.points.length, r.evaluation.header.pointCount));
  return lines.join('\n') + '\n';
}

export function morrisMarkdown(r: MorrisStudyResult): string {
  const lines = [`### Morris elementary effects: ${outcomeLabel(r.outcome)}`, ''];
  if (r.effects) {
    lines.push(`mu* (the mean absolute elementary effect, per whole range of the factor) ranks the factors; sigma large against mu* means interactions or a non-linear effect. ${r.effects.evaluations} points; bootstrap 95% intervals of mu*.`, '');
    const sorted = r.effects.ranking.map((name) => r.effects!.factors.find((f) => f.factor === name)!);
    lines.push(table(['factor', 'mu*', '95% interval', 'mu', 'sigma'], sorted.map((f) => [f.factor, num(f.muStar), ci(f.muStarCi, num), num(f.mu), num(f.sigma)])), '');
  } else lines.push('Cancelled before every point ran: no effects.', '');
  lines.push(provenance(r.evaluation.header.runsPerPoint, r.evaluation.header.masterSeed, r.evaluation.points.length, r.evaluation.header.pointCount));
  return lines.join('\n') + '\n';
}

const probe = (p: BreakPointProbe | null) => (p ? `${pct(p.probability)} ${ci(p.ci, pct)} (${p.successes}/${p.trials})` : 'n/a');

/** One line per shock: where it breaks the agreement. */
export function stressVerdict(s: StressResult['shocks'][number], level: number): string {
  if (s.single) return `${s.single.probability >= level ? 'breaks' : 'holds'}: collapse ${probe(s.single)}`;
  const r = s.result;
  if (!r) return 'not searched (cancelled)';
  const f = s.intensity!.field;
  if (r.status === 'breaks-at-low') return `breaks already at ${f} ${num(r.probes[0].intensity)}: collapse ${probe(r.probes[0])}`;
  if (r.status === 'holds-at-high') return `holds up to ${f} ${num(s.intensity!.high)}: collapse ${probe(r.probes[1] ?? null)}`;
  const [lo, hi] = r.interval;
  return `breaks at ${f} ${num(r.breakPoint!)} (between ${lo === null ? 'n/a' : num(lo)} and ${hi === null ? 'n/a' : num(hi)} at 95%)${r.resolved ? '' : ', bracket not resolved by the runs'}${r.cancelled ? ', search cancelled' : ''}`;
}

export function stressMarkdown(r: StressResult): string {
  const lines = [`### Stress break points`, '', `For each shock, the smallest intensity at which the agreement collapses with probability at least ${pct(r.level)}, by bisection with a Wilson 95% interval at every probe. Without an added shock: collapse ${probe(r.baseline)}.`, ''];
  lines.push(table(['shock', 'intensity searched', 'verdict', 'probes'], r.shocks.map((s) => [s.label, s.intensity ? `${s.intensity.field} ${num(s.intensity.low)} to ${num(s.intensity.high)}` : 'on/off', stressVerdict(s, r.level), String(s.probes.length)])), '');
  lines.push(provenance(r.runsPerPoint, r.masterSeed, undefined, undefined), r.complete ? '' : 'PARTIAL: cancelled before every search finished.');
  return lines.join('\n') + '\n';
}

export function discoverMarkdown(r: DiscoverResult): string {
  const n = r.data.y.length;
  const cases = Array.from(r.data.y as ArrayLike<number>).filter((v) => v === 1).length;
  const lines = [`### Scenario discovery (PRIM)`, '', `${n} sampled points; ${cases} (${pct(cases / Math.max(1, n))}) have a mean ${outcomeLabel(r.outcome)} of at least ${num(r.threshold)}: the cases of interest.`, ''];
  if (r.prim) {
    lines.push('Peeling and pasting trajectory (a few boxes from the whole data to the last):', '');
    const t = r.prim.trajectory;
    const pick = [...new Set([0, Math.floor(t.length / 4), Math.floor(t.length / 2), Math.floor((3 * t.length) / 4), r.prim.lastPeel, t.length - 1, r.chosen?.index ?? 0])].sort((a, b) => a - b);
    lines.push(table(['box', 'coverage', 'density', 'mass', 'runs'], pick.map((i) => [String(i), pct(t[i].coverage), pct(t[i].density), pct(t[i].mass), String(t[i].runs)])), '');
  }
  if (r.chosen) {
    const b = r.chosen.inspection;
    lines.push(`Chosen box ${r.chosen.index}: coverage ${pct(b.coverage)}, density ${pct(b.density)} (against ${pct(r.prim!.baseDensity)} overall), ${b.runs} points. Its restrictions (a small quasi-p-value: the restriction concentrates the cases beyond chance):`, '');
    lines.push(table(['factor', 'restricted to', 'full range', 'quasi-p'], b.restrictions.map((x) => [x.name, `[${num(x.low)}, ${num(x.high)}]`, `[${num(x.range[0])}, ${num(x.range[1])}]`, x.quasiP < 1e-4 ? x.quasiP.toExponential(1) : num(x.quasiP, 4)])), '');
  } else lines.push(r.prim ? 'No box reaches the density asked for; lower it (minDensity) to choose one.' : 'No case of interest among the points: nothing to explain.', '');
  lines.push(provenance(r.evaluation.header.runsPerPoint, r.evaluation.header.masterSeed, r.evaluation.points.length, r.evaluation.header.pointCount));
  return lines.join('\n') + '\n';
}

function provenance(runs: number, seed: number, done: number | undefined, asked: number | undefined): string {
  const part = done !== undefined && asked !== undefined && done < asked ? ` PARTIAL: ${done} of ${asked} points ran (cancelled).` : '';
  return `_${done !== undefined ? `${done} points x ` : ''}${runs} runs per point on common random numbers (run i of every point uses the seed "${seed}/i").${part}_`;
}
