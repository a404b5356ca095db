import { TARGET_TYPES } from '../scenario/schema.ts';
import type { BatchView, ReportPeriodMetric } from './batch-view.ts';
import { checkpoints, type Checkpoint } from './checkpoints.ts';
import { durationWords, fixed, money, monthLabel, percent } from './format.ts';

/**
 * The batch in words and numbers: what a policy reader needs before any table.
 * Each sentence states a mean over runs and, where the spread matters, the range
 * holding 90% of runs (5% to 95% quantiles) or the 95% confidence interval of a
 * probability.
 */
export function describeBatch(b: BatchView): string {
  const lines = [...header(b), '', b.runs === 1 ? 'How it evolved (one run):' : 'How it evolved (mean over runs):'];
  const cps = checkpoints(b.horizonPeriods, b.periodLengthMonths);
  for (const [metric, subject] of TRAJECTORY_SUBJECTS) lines.push(`- ${trajectorySentence(subject, b, metric, cps)}`);
  lines.push('', 'Outcomes:');
  for (const s of [fullRelief(b), collapse(b), reimpositions(b), leverageKept(b), humanitarian(b), undetected(b)]) lines.push(`- ${s}`);
  return lines.join('\n');
}

const TRAJECTORY_SUBJECTS: [ReportPeriodMetric, string][] = [
  ['trueCompliance', 'True compliance (weighted over benchmarks)'],
  ['verifiedCompliance', 'Verified compliance (what the coalition has certified)'],
  ['reliefInForce', 'Relief in force (share of the sanctions package lifted)'],
  ['leverage', 'Leverage (1 = full package, united coalition)'],
  ['needMet', 'Humanitarian need met'],
];

function header(b: BatchView): string[] {
  const months = b.horizonPeriods * b.periodLengthMonths;
  const period = b.periodLengthMonths === 1 ? '1 month' : durationWords(b.periodLengthMonths);
  const types = TARGET_TYPES.map((t) => `${t} ${percent(b.targetTypes[t] / b.runs)}`).join(', ');
  return [
    b.scenarioName,
    `${b.runs} run${b.runs === 1 ? '' : 's'} (master seed ${b.masterSeed}), ${b.horizonPeriods} periods of ${period} = ${durationWords(months)}.`,
    `The target's hidden type, drawn per run: ${types} of runs.`,
  ];
}

/** "X started at 10% in month 1, rose to 85% by month 12 and fell to 78% by month 60; at the end 90% of runs lay between 0% and 100%." */
export function trajectorySentence(subject: string, b: BatchView, metric: ReportPeriodMetric, cps: Checkpoint[]): string {
  const s = b.periods[metric];
  const at = (c: Checkpoint) => percent(s.mean[c.period]);
  const [first, ...rest] = cps;
  let text = `${subject} ${rest.length > 0 ? 'started at' : 'was'} ${at(first)} in ${first.label}`;
  let prev = first;
  let prevVerb = '';
  rest.forEach((c, i) => {
    const verb = at(c) === at(prev) ? 'stayed at' : s.mean[c.period] > s.mean[prev.period] ? 'rose to' : 'fell to';
    const joint = i === rest.length - 1 && rest.length > 1 ? ' and' : ',';
    // "rose to 97% by month 12 and to 99% by month 60": a repeated verb is left out.
    const said = verb === prevVerb && verb !== 'stayed at' ? 'to' : verb;
    text += `${joint} ${said} ${at(c)} ${verb === 'stayed at' ? 'through' : 'by'} ${c.label}`;
    prev = c;
    prevVerb = verb;
  });
  // One run has no spread to report.
  if (b.runs === 1) return `${text}.`;
  const end = cps[cps.length - 1].period;
  return `${text}; at the end 90% of runs lay between ${percent(s.q05[end])} and ${percent(s.q95[end])}.`;
}

function share(n: number, runs: number): string {
  return `${percent(n / runs, 1)} of runs`;
}

function ci(c: [number, number]): string {
  return `95% CI ${percent(c[0], 1)} to ${percent(c[1], 1)}`;
}

function fullRelief(b: BatchView): string {
  const o = b.outcomes.fullRelief;
  const t = b.outcomes.timeToFullReliefPeriods;
  const L = b.periodLengthMonths;
  if (t.n === 0) return `Full relief never came in the ${b.runs} runs (${ci(o.ci95)}).`;
  const spread =
    t.q05 === t.q95 ? `at least 90% of those runs reached it in ${monthLabel(t.q50, L)}` : `90% of those runs reached it between ${monthLabel(t.q05, L)} and ${monthLabel(t.q95, L)}`;
  return `Full relief came in ${percent(o.mean, 1)} of runs (${ci(o.ci95)}), at a median of ${monthLabel(t.q50, L)}; ${spread}.`;
}

function collapse(b: BatchView): string {
  const o = b.outcomes.collapsed;
  const t = b.outcomes.collapsePeriod;
  const L = b.periodLengthMonths;
  if (t.n === 0) return `The arrangement never collapsed in the ${b.runs} runs (${ci(o.ci95)}).`;
  return `The arrangement collapsed in ${percent(o.mean, 1)} of runs (${ci(o.ci95)}), at a median of ${monthLabel(t.q50, L)}.`;
}

function reimpositions(b: BatchView): string {
  const r = b.events.reimposition;
  const f = b.events.falseReimposition;
  if (r.runsWithEvent === 0) return `Sanctions were never re-imposed in the ${b.runs} runs.`;
  const main = `Sanctions were re-imposed at least once in ${share(r.runsWithEvent, b.runs)} (mean ${fixed(r.meanPerRun)} re-impositions per run)`;
  const wrong =
    f.runsWithEvent === 0
      ? 'none punished a target that was complying'
      : `${share(f.runsWithEvent, b.runs)} saw a false re-imposition that punished a complying target (mean ${fixed(f.meanPerRun)} per run)`;
  return `${main}; ${wrong}.`;
}

function leverageKept(b: BatchView): string {
  const k = b.outcomes.finalLeverage;
  const spent = b.outcomes.leverageSpentPerCompliance;
  const kept = `Leverage kept at the end: mean ${percent(k.mean)} of the full package (90% of runs between ${percent(k.q05)} and ${percent(k.q95)})`;
  if (spent.n === 0) return `${kept}; compliance did not rise in any run.`;
  return `${kept}; each unit of compliance gained cost a median ${fixed(spent.q50)} of leverage (in the ${spent.n} runs where compliance rose).`;
}

function humanitarian(b: BatchView): string {
  const u = b.outcomes.cumulativeUnmetNeed;
  const d = b.outcomes.totalDiverted;
  const m = b.outcomes.meanNeedMet;
  return (
    `Over the horizon ${percent(m.mean)} of humanitarian need was met on average; unmet need came to ${money(u.mean)} per run ` +
    `(90% of runs: ${money(u.q05)} to ${money(u.q95)}) and ${money(d.mean)} of aid was diverted (90% of runs: ${money(d.q05)} to ${money(d.q95)}).`
  );
}

function undetected(b: BatchView): string {
  const u = b.outcomes.undetectedViolationPeriods;
  return `Violations went unseen for a mean of ${fixed(u.mean, 1)} benchmark-periods per run (90% of runs: ${fixed(u.q05, 0)} to ${fixed(u.q95, 0)}).`;
}
