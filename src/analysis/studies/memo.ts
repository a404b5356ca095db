import { fanChartSpec } from '../../charts/fan.ts';
import { breakPointsSpec, tornadoSpec } from '../../charts/analysis.ts';
import { titleParams, type ChartSpec } from '../../charts/spec.ts';
import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import { formatDifference, formatValue } from '../../format/index.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { memoAuditFinding, memoAuditSection, type MemoAuditSection, type MemoTable } from './memo-audit.ts';
import type { MemoStudies } from './memo-study.ts';
import type { ShockBreakPoint } from './stress-study.ts';
import { stressVerdict } from './text.ts';

/**
 * The memo a policy staffer circulates: one self-contained HTML page (charts as
 * inline SVG, no script, no network) that prints to two A4 pages, or the same in
 * Markdown. Pure: the studies come in (memo-study.ts), the charts' SVG too (the
 * adapter renders them with chart-svg.ts), and the page comes out.
 */

/** Who made the memo and how to make it again. */
export interface MemoMeta {
  scenario: Scenario;
  /** The scenario's fingerprint (scenarioFingerprint), printed so a reader can check the file. */
  scenarioHash: string;
  /** Where the design came from (a file name), and whether it was edited since. */
  source: string;
  edited: boolean;
  version: string;
  masterSeed: number;
  runsPerPoint: number;
  /** The command that reproduces the numbers, e.g. `relief-lab report scenarios/escrow.yaml --seed 1`. */
  reproduce: string;
  /** The date printed (the adapter's clock; the core reads none). */
  date?: string;
}

/** The memo's charts by name; every chart's subtitle names the scenario and says if the design was edited. */
export function memoCharts(studies: MemoStudies, meta: MemoMeta): Record<string, ChartSpec> {
  const line = scenarioLine(meta);
  const charts: Record<string, ChartSpec> = {
    compliance: relabel(yTitle(fanChartSpec(studies.batch, 'trueCompliance', { width: 250, height: 105 }), 'true compliance, %'), line),
    leverage: relabel(yTitle(fanChartSpec(studies.batch, 'leverage', { width: 250, height: 105 }), 'leverage, % of full'), line),
  };
  const shocks = studies.stress.shocks.filter((x) => x.result && x.intensity?.field === 'magnitude');
  const periods = new Set(shocks.map((x) => x.shock.atPeriod));
  // Short labels (the period goes to the subtitle when all share it): SVG rendered without a browser truncates long axis labels.
  const short = (x: (typeof shocks)[number]) => (periods.size === 1 ? `${x.shock.kind}${x.shock.member ? ` (${x.shock.member})` : ''}` : x.label);
  const graded = shocks.map((x) => ({ shock: short(x), result: x.result! }));
  const at = periods.size === 1 ? `shocks at period ${[...periods][0]}; ` : '';
  if (graded.length) charts.breakPoints = relabel(wideLabels(breakPointsSpec(graded, { outcome: 'collapse probability', intensity: 'magnitude', context: `${at}${studies.stress.runsPerPoint} runs per probe, seed ${studies.stress.masterSeed}` }, { width: 470, height: 16 * graded.length })), line);
  // The five levers that move the outcome most: the memo's "top sensitivities".
  const sweep = studies.sweep?.sweep;
  if (sweep) {
    const top = sweep.tornado.slice(0, 5).map((b) => ({ ...b, factor: b.factor.replace(/^design\./, '') }));
    const h = studies.sweep!.evaluation.header;
    charts.tornado = relabel(wideLabels(tornadoSpec({ ...sweep, tornado: top }, { outcome: 'collapse probability', context: `${h.runsPerPoint} runs per point, seed ${h.masterSeed}` }, { width: 450, height: 16 * top.length })), line);
  }
  return charts;
}

/**
 * A shorter y-axis title, so the rotated title fits a chart only ~130 px high
 * instead of stretching the SVG (the subtitle keeps the full meaning).
 */
function yTitle(spec: ChartSpec, title: string): ChartSpec {
  const walk = (node: any): any => {
    if (!node || typeof node !== 'object') return node;
    const out = { ...node };
    if (out.encoding?.y && 'title' in out.encoding.y) out.encoding = { ...out.encoding, y: { ...out.encoding.y, title } };
    // Legend labels whole: the SVG is drawn without a browser, whose text estimate would truncate them.
    if (out.encoding?.color?.legend) out.encoding = { ...out.encoding, color: { ...out.encoding.color, legend: { ...out.encoding.color.legend, labelLimit: 0 } } };
    if (Array.isArray(out.layer)) out.layer = out.layer.map(walk);
    return out;
  };
  return walk(spec) as ChartSpec;
}

/** Room for long category labels: Vega without a browser estimates 0.8 em per character and truncates at the limit. */
function wideLabels(spec: ChartSpec, limit = 320): ChartSpec {
  const enc = (spec as { encoding?: { y?: { axis?: object } } }).encoding;
  if (!enc?.y) return spec;
  return { ...spec, encoding: { ...enc, y: { ...enc.y, axis: { ...(enc.y.axis ?? {}), labelLimit: limit } } } } as ChartSpec;
}

function scenarioLine(meta: MemoMeta): string {
  return `Scenario: ${meta.scenario.metadata.name}${meta.edited ? ` (edited from ${meta.source})` : ''}`;
}

/** The spec with the scenario's line put first in its subtitle. */
function relabel(spec: ChartSpec, line: string): ChartSpec {
  const params = (spec as { params?: { name: string; value: string[] }[] }).params ?? [];
  const headline = params.find((p) => p.name === 'headline')?.value.join(' ') ?? '';
  const subline = params.find((p) => p.name === 'subline')?.value.join(' ') ?? '';
  const w = (spec as { width?: unknown }).width;
  const width = typeof w === 'number' ? w : 400;
  return { ...spec, params: [...params.filter((p) => p.name !== 'headline' && p.name !== 'subline'), ...titleParams(headline, `${line}. ${subline}`, width)] } as ChartSpec;
}

const HEADLINE: SummaryMetric[] = ['collapsed', 'fullRelief', 'finalCompliance', 'finalLeverage', 'meanNeedMet', 'cumulativeUnmetNeed'];

type Table = MemoTable;

const num = (x: number, d = 3) => (Number.isFinite(x) ? String(+x.toFixed(d)) : 'n/a');
const pct = (x: number) => `${num(100 * x, 1)}%`;

function designTable(s: Scenario): Table {
  const d = s.design;
  return {
    head: ['tranche', 'lifts', 'released when', 'earliest'],
    rows: d.tranches.map((t) => [
      `${t.name} (${t.id})`,
      Object.entries(t.lifts)
        .map(([c, x]) => `${pct(x as number)} of ${c}`)
        .join(', '),
      `${t.benchmarks.join(', ')} at ${pct(t.requiredLevel)} for ${t.sustainedPeriods} periods`,
      `period ${t.earliestPeriod}`,
    ]),
  };
}

function designFacts(s: Scenario): string[] {
  const v = s.design.verification;
  const c = s.design.consequences;
  return [
    `Verification: detection ${pct(v.detectionProbability)} per inspection, false alarms ${pct(v.falseAlarmProbability)}, access ${pct(v.access)}, an inspection every ${v.inspectionIntervalPeriods} period(s).`,
    `Consequences: ${c.trigger} trigger, ${c.response} response after ${c.thresholdViolations} violation(s), dispute window ${c.disputeWindowPeriods} periods.`,
    `Horizon ${s.horizonPeriods} periods; coalition of ${s.coalition.members.length}: ${s.coalition.members.map((m) => m.name).join(', ')}.`,
  ];
}

function outcomesTable(st: MemoStudies): Table {
  const b = st.batch;
  return {
    head: ['outcome', 'mean', '95% interval'],
    rows: HEADLINE.map((m) => {
      const o = b.outcomes[m];
      const u = SUMMARY_METRICS[m].unit;
      return [SUMMARY_METRICS[m].label, formatValue(o.mean, u), `[${formatValue(o.ci95[0], u)}, ${formatValue(o.ci95[1], u)}]`];
    }),
  };
}

/** Whether a graded shock breaks the agreement (collapse at least the level somewhere in its range). */
const breaksIt = (s: ShockBreakPoint, level: number) => (s.single ? s.single.probability >= level : s.result !== null && s.result.status !== 'holds-at-high');

/**
 * The stress test in a page's room: a sentence on how it was run, a table row per
 * shock that breaks the agreement (where, with the interval to cite), and the shocks
 * that hold in one sentence, so the page holds whatever the size of the library.
 */
interface StressSection {
  intro: string;
  table: Table | null;
  holds: string | null;
  notSearched: string | null;
}

function stressSection(st: MemoStudies): StressSection {
  const r = st.stress;
  const level = pct(r.level);
  const periods = new Set(r.shocks.map((s) => s.shock.atPeriod));
  // Short names when every shock is added at the same period (said once, in the intro).
  const name = (s: ShockBreakPoint) => (periods.size === 1 ? `${s.shock.kind}${s.shock.member ? ` (${s.shock.member})` : ''}` : s.label);
  const probe = (p: { probability: number; ci: [number, number]; successes: number; trials: number } | null | undefined) => (p ? `${pct(p.probability)} [${pct(p.ci[0])}, ${pct(p.ci[1])}] (${p.successes}/${p.trials})` : 'n/a');
  const at = periods.size === 1 ? ` at period ${[...periods][0]}` : '';
  const intro = `Each of the library's ${r.shocks.length} kinds of shock added${at}, one at a time; it breaks the agreement where collapse reaches ${level} (bisection on its intensity, ${r.runsPerPoint} runs per probe). Without a shock: collapse ${probe(r.baseline)}.`;
  const rows = r.shocks.flatMap((s): string[][] => {
    if (!breaksIt(s, r.level)) return [];
    if (s.single) return [[name(s), 'on/off', 'on', '-', probe(s.single)]];
    const b = s.result!;
    const f = s.intensity!.field === 'durationPeriods' ? 'duration (periods)' : s.intensity!.field;
    if (b.status === 'breaks-at-low') return [[name(s), f, `${num(b.probes[0].intensity)} or less`, '-', probe(b.probes[0])]];
    const [lo, hi] = b.interval;
    const note = [b.resolved ? '' : 'not resolved', b.cancelled ? 'cancelled' : ''].filter(Boolean).join(', ');
    return [[name(s), f, num(b.breakPoint!), `[${lo === null ? 'n/a' : num(lo)}, ${hi === null ? 'n/a' : num(hi)}]${note ? `, ${note}` : ''}`, probe(b.bracket?.above)]];
  });
  const held = r.shocks.filter((s) => !breaksIt(s, r.level) && (s.single || s.result));
  const top = (s: ShockBreakPoint) => (s.single ? `on: ${pct(s.single.probability)}` : `${s.intensity!.field === 'durationPeriods' ? `${num(s.intensity!.high)} periods` : `${s.intensity!.field} ${num(s.intensity!.high)}`}: ${pct((s.result!.probes[1] ?? s.result!.probes[0]).probability)}`);
  const missing = r.shocks.filter((s) => !s.single && !s.result);
  return {
    intro,
    table: rows.length > 0 ? { head: ['shock that breaks it', 'intensity', `collapse reaches ${level} at`, '95% interval', 'collapse there'], rows } : null,
    holds: held.length > 0 ? `${rows.length === 0 ? 'Every shock holds' : `${held.length} of ${r.shocks.length} hold`} inside the range searched (collapse at its top): ${held.map((s) => `${name(s)} (${top(s)})`).join('; ')}.` : null,
    notSearched: missing.length > 0 ? `Not searched (cancelled): ${missing.map(name).join(', ')}.` : null,
  };
}

const stressLines = (x: StressSection) => [x.intro, ...(x.holds ? [x.holds] : []), ...(x.notSearched ? [x.notSearched] : [])];

function sweepTable(st: MemoStudies): Table | null {
  const t = st.sweep?.sweep?.tornado;
  if (!t) return null;
  return {
    head: ['lever', 'range', 'collapse at low / high end', 'swing'],
    rows: t.slice(0, 5).map((b) => [b.factor, `${num(b.low.value)} to ${num(b.high.value)}`, `${pct(b.low.estimate)} / ${pct(b.high.estimate)}`, formatDifference(b.swing, 'share')]),
  };
}

function comparisonTable(st: MemoStudies): Table | null {
  const c = st.comparison;
  if (!c || c.evaluation.points.length < 2) return null;
  const [p0, p1] = c.evaluation.points;
  return {
    head: ['outcome', 'this design', c.alternative.metadata.name, 'difference (paired, 95% interval)'],
    rows: HEADLINE.map((m) => {
      const u = SUMMARY_METRICS[m].unit;
      const d = p1.vsReference[m];
      return [SUMMARY_METRICS[m].label, formatValue(p0.outcomes[m].mean, u), formatValue(p1.outcomes[m].mean, u), `${formatDifference(d.estimate, u)} [${formatDifference(d.ci95[0], u)}, ${formatDifference(d.ci95[1], u)}]`];
    }),
  };
}

/** Where a breaking shock breaks the agreement, in a few words: "at magnitude 0.54", "at once". */
function breakWhere(s: ShockBreakPoint): string {
  if (s.single || !s.result) return 'when it happens';
  const f = s.intensity!.field === 'durationPeriods' ? 'a duration of' : s.intensity!.field;
  return s.result.status === 'breaks-at-low' ? `already at ${f} ${num(s.result.probes[0].intensity)}` : `at ${f} ${num(s.result.breakPoint!)}`;
}

/** The memo's findings in a few sentences: where it ends up, where cheating pays, what breaks it, what it depends on most. */
export function memoFindings(st: MemoStudies): string[] {
  const out: string[] = [];
  const c = st.batch.outcomes.collapsed;
  out.push(`Without added shocks the agreement collapses in ${pct(c.mean)} of ${st.batch.runs.toLocaleString('en-US')} runs [${pct(c.ci95[0])}, ${pct(c.ci95[1])}].`);
  if (st.audit) out.push(memoAuditFinding(st.audit));
  const breaks = st.stress.shocks.filter((s) => breaksIt(s, st.stress.level));
  // At most three named here (the page-2 table has them all), so the summary stays two lines.
  const named = breaks.slice(0, 3).map((s) => `${s.shock.kind}${s.shock.member ? ` (${s.shock.member})` : ''} ${breakWhere(s)}`);
  out.push(
    breaks.length
      ? `${breaks.length} of ${st.stress.shocks.length} shocks added at period ${st.stress.shocks[0].shock.atPeriod} break it (collapse at least ${pct(st.stress.level)}): ${named.join('; ')}${breaks.length > 3 ? `; and ${breaks.length - 3} more (page 2)` : ''}.`
      : `No shock of the library breaks it inside the intensities searched (collapse stays below ${pct(st.stress.level)}).`,
  );
  const top = st.sweep?.sweep?.tornado[0];
  if (top && top.swing > 0) out.push(`The collapse probability depends most on ${top.factor}: ${pct(top.low.estimate)} at ${num(top.low.value)}, ${pct(top.high.estimate)} at ${num(top.high.value)}.`);
  return out;
}

const MD_ESC = (s: string) => escapeControlCharacters(s).replace(/\|/g, '\\|');
const mdTable = (t: Table) => [`| ${t.head.map(MD_ESC).join(' | ')} |`, `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map(MD_ESC).join(' | ')} |`)].join('\n');

function provenanceLines(meta: MemoMeta, st: MemoStudies): string[] {
  return [
    `Scenario ${meta.scenario.metadata.name}${meta.edited ? ` (edited from ${meta.source})` : ` (${meta.source})`}, fingerprint ${meta.scenarioHash}; relief-lab ${meta.version}; master seed ${meta.masterSeed} (run i of every point uses the seed "${meta.masterSeed}/i": common random numbers); ${st.batch.runs.toLocaleString('en-US')} runs for the outcomes, ${meta.runsPerPoint} per point for the studies.${meta.date ? ` ${meta.date}.` : ''}`,
    `Reproduce: ${meta.reproduce}`,
    ...(st.audit === null && st.complete ? ['The design audit (where cheating pays) was left out of this memo.'] : []),
    ...(st.complete ? [] : ['PARTIAL: the studies were stopped before they finished; figures cover what ran.']),
  ];
}

/** The memo in Markdown; charts are linked as `<chartDir>/<name>.svg`. */
export function memoMarkdown(st: MemoStudies, meta: MemoMeta, chartDir: string, charts: readonly string[]): string {
  const fig = (name: string) => (charts.includes(name) ? [`![${name}](${chartDir}/${name}.svg)`, ''] : []);
  const sweep = sweepTable(st);
  const cmp = comparisonTable(st);
  const stress = stressSection(st);
  const audit = st.audit ? memoAuditSection(st.audit) : null;
  return [
    `# Relief design memo: ${MD_ESC(meta.scenario.metadata.name)}${meta.edited ? ' (edited)' : ''}`,
    '',
    ...memoFindings(st).map((f) => `- ${MD_ESC(f)}`),
    '',
    '## The design',
    '',
    mdTable(designTable(meta.scenario)),
    '',
    ...designFacts(meta.scenario).map(MD_ESC),
    '',
    '## Expected outcomes',
    '',
    mdTable(outcomesTable(st)),
    '',
    ...fig('compliance'),
    ...fig('leverage'),
    ...(audit ? ['## Where cheating pays: the design audit', '', ...auditMarkdown(audit)] : []),
    '## Which shocks break it',
    '',
    ...stressLines(stress).flatMap((l) => [MD_ESC(l), '']),
    ...(stress.table ? [mdTable(stress.table), ''] : []),
    ...fig('breakPoints'),
    '## What the outcome depends on most',
    '',
    ...(sweep ? [mdTable(sweep), ''] : ['No sweep.', '']),
    ...fig('tornado'),
    ...(cmp ? [`## Against ${MD_ESC(st.comparison!.alternative.metadata.name)}`, '', mdTable(cmp), ''] : []),
    '---',
    '',
    ...provenanceLines(meta, st).map((l) => `_${MD_ESC(l)}_`),
    '',
  ].join('\n');
}

function auditMarkdown(a: MemoAuditSection): string[] {
  return [
    ...(a.table ? [mdTable(a.table), '', MD_ESC(a.reading), ''] : []),
    MD_ESC(a.weakLink),
    ...(a.why ? ['', MD_ESC(a.why)] : []),
    '',
    ...(a.fixes.length > 0 ? ['What fixes it (the smallest change of one lever, re-checked by simulation):', '', ...a.fixes.map((f) => `- ${MD_ESC(f)}`), ''] : []),
    ...(a.noFixes ? [MD_ESC(a.noFixes), ''] : []),
  ];
}

const esc = (s: string) => escapeControlCharacters(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const htmlTable = (t: Table, cls = '') => `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

function auditHtml(a: MemoAuditSection): string {
  return [
    a.table ? htmlTable(a.table) : '',
    a.table ? `<p class="note">${esc(a.reading)}</p>` : '',
    `<p class="facts">${esc(a.weakLink)}${a.why ? ` ${esc(a.why)}` : ''}</p>`,
    a.fixes.length > 0 ? `<p class="facts">What fixes it (the smallest change of one lever, re-checked by simulation):</p><ul class="fixes">${a.fixes.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : '',
    a.noFixes ? `<p class="note">${esc(a.noFixes)}</p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** SVG from Vega made safe to inline: no script, no event handlers, no external references. */
function inlineSvg(svg: string): string {
  return svg
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/\son[a-z]+="[^"]*"/gi, '')
    .replace(/(href|xlink:href)="(?!#)[^"]*"/gi, '');
}

const CSS = `
@page { size: A4; margin: 13mm 14mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 0; }
main { max-width: 182mm; margin: 0 auto; padding: 6mm 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; border-bottom: 1px solid #ccc; }
ul.findings { margin: 1mm 0 2mm; padding-left: 5mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; font-size: 8pt; line-height: 1.25; break-inside: avoid; }
th, td { text-align: left; padding: 0.3mm 1.5mm; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
th { background: #f3f3f3; }
p.facts { margin: 1mm 0; font-size: 8.5pt; }
p.note { margin: 0.5mm 0; font-size: 7.5pt; color: #444; }
ul.fixes { margin: 0.5mm 0 1mm; padding-left: 5mm; font-size: 8.5pt; }
.figs { display: flex; gap: 3mm; align-items: flex-start; }
.figs figure { flex: 1 1 0; min-width: 0; }
figure { margin: 1mm 0; break-inside: avoid; page-break-inside: avoid; max-width: 100%; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.page2 { break-before: page; page-break-before: always; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #444; }
footer p { margin: 0.5mm 0; }
@media screen { main { padding: 10mm 4mm; } }
`;

/**
 * The memo as one HTML page: tables, inline SVG charts, the seed, version and
 * fingerprint; the second part (shocks, sensitivities, the alternative) starts
 * on a new printed page.
 *
 * @param svgs the SVG of each chart of memoCharts, by name (missing ones are left out)
 */
export function memoHtml(st: MemoStudies, meta: MemoMeta, svgs: Record<string, string>): string {
  const fig = (name: string, label: string) => (svgs[name] ? `<figure data-chart="${name}" aria-label="${esc(label)}">${inlineSvg(svgs[name])}</figure>` : '');
  const sweep = sweepTable(st);
  const cmp = comparisonTable(st);
  const stress = stressSection(st);
  const audit = st.audit ? memoAuditSection(st.audit) : null;
  const title = `Relief design memo: ${meta.scenario.metadata.name}${meta.edited ? ' (edited)' : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="relief-lab ${esc(meta.version)}"><meta name="scenario-fingerprint" content="${esc(meta.scenarioHash)}">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<ul class="findings">${memoFindings(st).map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
<h2>The design</h2>
${htmlTable(designTable(meta.scenario))}
<p class="facts">${designFacts(meta.scenario).map(esc).join(' ')}</p>
<h2>Expected outcomes</h2>
${htmlTable(outcomesTable(st))}
<div class="figs">${fig('compliance', 'fan chart of true compliance')}${fig('leverage', 'fan chart of leverage')}</div>
${audit ? `<h2>Where cheating pays: the design audit</h2>\n${auditHtml(audit)}` : ''}
<section class="page2">
<h2>Which shocks break it</h2>
<p class="facts">${esc(stress.intro)}</p>
${fig('breakPoints', 'stress break points')}
${stress.table ? htmlTable(stress.table) : ''}
${[stress.holds, stress.notSearched].filter((x): x is string => x !== null).map((x) => `<p class="facts">${esc(x)}</p>`).join('\n')}
<h2>What the outcome depends on most</h2>
${svgs.tornado ? fig('tornado', 'tornado chart of the collapse probability') : sweep ? htmlTable(sweep) : '<p>No sweep.</p>'}
${cmp ? `<h2>Against ${esc(st.comparison!.alternative.metadata.name)}</h2>\n${htmlTable(cmp)}` : ''}
</section>
<footer>${provenanceLines(meta, st).map((l) => `<p>${esc(l)}</p>`).join('')}</footer>
</main></body></html>
`;
}
