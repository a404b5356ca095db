import type { AuditReport } from '../audit/index.ts';
import { periodRanges } from '../audit/report-text.ts';
import { scenarioFingerprint } from '../montecarlo/seeds.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * The design audit (src/audit, `auditDesign`) of an offer, cut to what a side reads
 * beside it in the talks: per target type, where in the schedule cheating pays (the weak
 * tranche), by how much, and what the target's best response does there. The audit is
 * run on the design alone, so it is the same for every room that offers that design:
 * the server computes it off its main thread and keeps it by `offerAuditKey`.
 */

/** Compliant-path runs behind an offer's audit (a few seconds in a worker). */
export const OFFER_AUDIT_RUNS = 40;
export const OFFER_AUDIT_SEED = 1;

export interface OfferAuditType {
  type: string;
  /** The stage of the type's weak link: the tranche whose release opens it, or null for the start, before any release. */
  weakTranche: string | null;
  fromPeriod: number;
  untilPeriod: number;
  /** V_comply - V_cheat at the weak link (utility units); negative: cheating pays. */
  margin: number;
  cheatingPays: boolean;
  weakestBenchmark: string;
  /** Periods of the weak stage where cheating pays, as ranges ("0-11"), or '-' . */
  paysInPeriods: string;
  /** The target's best response there: the share of its runs that cheat, and the period game's solved choice. */
  bestResponseCheatShare: number;
  stageGameChoice: string;
  /** Every stage where cheating pays this type, by tranche (null: the start). */
  stagesWherePays: (string | null)[];
}

export interface OfferAudit {
  runs: number;
  /** The weak link over all types. */
  weakLink: { type: string; tranche: string | null; margin: number; cheatingPays: boolean };
  types: OfferAuditType[];
}

/** The cache key of a design's audit: its fingerprint (the audit's runs and seed are fixed). */
export function offerAuditKey(design: Scenario): string {
  return scenarioFingerprint({ design, runs: OFFER_AUDIT_RUNS, seed: OFFER_AUDIT_SEED });
}

/** The summary of an audit report (see OfferAudit). */
export function summariseAudit(a: AuditReport): OfferAudit {
  const weak = a.rows[a.weakLink];
  const types: OfferAuditType[] = [];
  for (const [type, i] of Object.entries(a.weakLinkByType)) {
    if (i === undefined) continue;
    const r = a.rows[i];
    types.push({
      type,
      weakTranche: r.tranche,
      fromPeriod: r.fromPeriod,
      untilPeriod: r.untilPeriod,
      margin: r.margin,
      cheatingPays: r.cheatingPays,
      weakestBenchmark: r.weakestBenchmark,
      paysInPeriods: periodRanges(r.paysInPeriods),
      bestResponseCheatShare: r.game.simulatedCheatShare,
      stageGameChoice: r.game.targetChoice,
      stagesWherePays: a.rows.filter((x) => x.type === type && x.cheatingPays).map((x) => x.tranche),
    });
  }
  return { runs: a.runs, weakLink: { type: weak.type, tranche: weak.tranche, margin: weak.margin, cheatingPays: weak.cheatingPays }, types };
}
