import type { AuditReport, StageRow } from '../../audit/audit.ts';
import { periodRanges } from '../../audit/report-text.ts';
import { fixed, formatNumber } from '../../format/number.ts';
import { TARGET_TYPES } from '../../scenario/schema.ts';
import type { MemoAudit } from './memo-study.ts';

/**
 * The memo's design audit (src/audit), in the few lines a printed page has room
 * for: where cheating pays each target type, the weak tranche and why, and the
 * smallest fixes with their re-check by simulation. Renderer-neutral: memo.ts
 * prints it as HTML or Markdown.
 */

export interface MemoTable {
  head: string[];
  rows: string[][];
}

export interface MemoAuditSection {
  /** One row per target type: its weakest stage and when cheating pays it. */
  table: MemoTable | null;
  /** How to read the margin, with the runs behind it. */
  reading: string;
  /** The weak link in a sentence, and why (the numbers of the period game there). */
  weakLink: string;
  why: string | null;
  /** One sentence per fix, with its re-check by simulation. */
  fixes: string[];
  /** The levers that cannot close it alone, in one sentence (null when none was tried or all can). */
  noFixes: string | null;
}

const stageOf = (r: StageRow) => (r.tranche === null ? 'the start, before any release' : `tranche ${r.tranche}, from period ${r.fromPeriod}`);

/** The audit's lines for the memo; a design the audit cannot read gets the reason in `weakLink`. */
export function memoAuditSection(audit: MemoAudit): MemoAuditSection {
  if ('unavailable' in audit) return { table: null, reading: '', weakLink: `No audit: ${audit.unavailable}.`, why: null, fixes: [], noFixes: null };
  const a = audit.report;
  const rows = TARGET_TYPES.flatMap((type) => {
    const i = a.weakLinkByType[type];
    if (i === undefined) return [];
    const r = a.rows[i];
    const pays = [...new Set(a.rows.filter((x) => x.type === type).flatMap((x) => x.paysInPeriods))].sort((p, q) => p - q);
    return [[`${type}${i === a.weakLink ? ' (weak link)' : ''}`, stageOf(r), formatNumber(r.margin, true), `period ${r.period}, ${r.weakestBenchmark}`, pays.length > 0 ? `periods ${periodRanges(pays)}` : 'never']];
  });
  const w = a.rows[a.weakLink];
  const weakLink = w.cheatingPays
    ? `Weak link: the ${w.type} at ${stageOf(w)}: margin ${formatNumber(w.margin, true)} at period ${w.period} on ${w.weakestBenchmark}; cheating pays there in ${Math.round(100 * w.paysInShareOfRuns)}% of its runs.`
    : `Complying pays every type at every stage: the smallest margin is ${formatNumber(w.margin, true)} (the ${w.type} at ${stageOf(w)}), so no fix is needed.`;
  const g = w.game.inputs;
  const why = w.cheatingPays
    ? `Why: cheating on ${g.benchmark} gains ${formatNumber(g.cheatGain)} per period; it is detected with probability ${fixed(g.detectionPerPeriod, 3)} per period, and a detection costs ${formatNumber(g.reputationalCost)} at once and, ${g.punishmentDelayPeriods} period(s) later, the relief at stake, ${formatNumber(g.stakePerPeriod)} per period.`
    : null;
  const fixes = a.fixes.map((f) => {
    const v = f.check.violationsInStage;
    const ci = `${formatNumber(v.difference.ci95[0], true)} to ${formatNumber(v.difference.ci95[1], true)}`;
    return `${f.kind}: ${f.description}; margin after ${formatNumber(f.marginAfter, true)}; ${f.check.confirmed ? 'confirmed' : 'NOT confirmed'} by simulation (${f.check.runs} ${f.check.type} runs on the same seeds: violations in the stage ${formatNumber(v.original)} -> ${formatNumber(v.fixed)}, change 95% CI ${ci}).`;
  });
  const noFixes = a.unavailable.length > 0 ? `Not enough alone: ${a.unavailable.map((u) => `${u.kind} (${u.reason.replace(/\.$/, '')})`).join('; ')}.` : null;
  return {
    table: rows.length > 0 ? { head: ['target type', 'weakest stage', 'margin', 'where', 'cheating pays in'], rows } : null,
    reading: `Margin: the target's value of complying minus cheating (utility) on its compliant path, at the stage's worst period; negative: cheating pays. ${a.runs} compliant-path runs, seed ${a.masterSeed}.`,
    weakLink,
    why,
    fixes,
    noFixes,
  };
}

/** The audit's finding for the memo's summary: where cheating pays most and the first fix. */
export function memoAuditFinding(audit: MemoAudit): string {
  if ('unavailable' in audit) return `No design audit: ${audit.unavailable}.`;
  const a = audit.report;
  const w = a.rows[a.weakLink];
  if (!w.cheatingPays) return `Complying pays every target type at every stage of the schedule (smallest margin ${formatNumber(w.margin, true)}).`;
  const fix = a.fixes.find((f) => f.check.confirmed) ?? a.fixes[0];
  return `Cheating pays the ${w.type} at ${stageOf(w)} (margin ${formatNumber(w.margin, true)})${fix ? `; the smallest fix ${fix.check.confirmed ? 'confirmed by simulation' : 'found (not confirmed by simulation)'}: ${fix.description}` : '; no single lever closes it'}.`;
}
