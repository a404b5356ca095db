import type { Scenario, Tranche } from '../scenario/schema.ts';
import { compileScenario } from '../engine/compile.ts';
import { groupThousands, percentTrimmed } from '../format/index.ts';

/**
 * A case's design in words, one short text per column of the cases table: what the
 * phases lift, what releases them, who verifies, what follows a breach, and how aid
 * reaches people. Derived from the scenario alone, so the table cannot drift from the
 * files. Numbers keep the scenario's units (periods; kUSD per period; shares).
 */
export interface CaseDesignRow {
  name: string;
  /** "124 periods of 1 month". */
  horizon: string;
  /** One entry per tranche, in release order. */
  phases: string[];
  /** One entry per tranche: the condition that releases it. */
  releaseTriggers: string[];
  verifier: string;
  consequenceRule: string;
  humanitarianChannel: string;
}

export function caseDesignRow(scenario: Scenario): CaseDesignRow {
  const d = scenario.design;
  return {
    name: scenario.metadata.name,
    horizon: `${scenario.horizonPeriods} periods of ${plural(scenario.metadata.periodLengthMonths, 'month')}`,
    phases: d.tranches.map((t) => `${t.name || t.id}: ${describeLifts(t)}${describeDelivery(t)}${describeTargetEscrow(t, scenario)}`),
    releaseTriggers: d.tranches.map((t) => `${t.name || t.id}: ${describeRelease(t, scenario)}`),
    verifier: describeVerifier(scenario),
    consequenceRule: describeConsequences(scenario),
    humanitarianChannel: describeHumanitarian(scenario),
  };
}

function describeLifts(t: Tranche): string {
  const parts = Object.entries(t.lifts).map(([category, share]) => `${category} ${percent(share)}`);
  const whose = t.members !== undefined ? ` of ${t.members.join(', ')}'s measures` : '';
  return parts.length > 0 ? `lifts ${parts.join(', ')}${whose}` : 'lifts nothing';
}

function describeDelivery(t: Tranche): string {
  const notes: string[] = [];
  if (t.delivery === 'escrow') notes.push('value held in escrow until release');
  if (t.delivery === 'licence') {
    notes.push(`licence for ${plural(t.licencePeriods, 'period')}, renewed on clean reports`);
    if (t.permanentAfterRenewals > 0) notes.push(`permanent after ${plural(t.permanentAfterRenewals, 'renewal')}`);
    if (t.renewalProgress > 0) notes.push(`renewed only on verified progress of ${percent(t.renewalProgress)}`);
    if (t.windDownPeriods > 1) notes.push(`winds down over ${plural(t.windDownPeriods, 'period')} after a lapse`);
    if (t.lapseWaitPeriods > 0) notes.push(`not granted again until ${plural(t.lapseWaitPeriods, 'period')} after a lapse`);
    if (t.spoiledBy === 'tiedBenchmarks') notes.push('spoiled only by flags on its own benchmarks');
  }
  if (t.deliveryDelayPeriods > 0) notes.push(`reaches the target ${plural(t.deliveryDelayPeriods, 'period')} after release`);
  if (t.deliveryReliability < 1) notes.push(`${percent(t.deliveryReliability)} delivered`);
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** The share of the target's own escrow (design.targetEscrow) the tranche's first release pays to the claimants. */
function describeTargetEscrow(t: Tranche, s: Scenario): string {
  const r = s.design.targetEscrow?.releases.find((x) => x.tranche === t.id);
  if (!r) return '';
  return `; pays ${percent(r.share)} of the target's escrow to the claimants${r.expiresAtPeriod !== undefined ? ` (back to the target at period ${r.expiresAtPeriod} if not released before)` : ''}`;
}

function describeRelease(t: Tranche, s: Scenario): string {
  const when = t.earliestPeriod > 0 ? `not before period ${t.earliestPeriod}` : '';
  const discretion = t.releaseRule === 'discretionary' ? `; at the coalition's discretion (belief in sincerity at least ${t.releaseBeliefThreshold})` : '';
  const clearance =
    t.clearanceHazardPerPeriod >= 1 ? '' : t.clearanceHazardPerPeriod <= 0 ? '; waits for a political clearance that never comes' : `; waits for a political clearance (chance ${percent(t.clearanceHazardPerPeriod)} a period from period ${t.earliestPeriod})`;
  const conviction = discretion + clearance;
  if (t.benchmarks.length === 0) return (t.earliestPeriod > 0 ? `time-based: period ${t.earliestPeriod}` : 'up front (no condition)') + conviction;
  const held = t.sustainedPeriods > 1 ? ` held for ${plural(t.sustainedPeriods, 'period')}${t.sustainedFromEarliest ? ` counted from period ${t.earliestPeriod}` : ''}` : '';
  const starts = t.benchmarks
    .map((id) => s.design.benchmarks.find((b) => b.id === id))
    .filter((b) => b !== undefined && b.startPeriod > 0)
    .map((b) => `${b!.id} from period ${b!.startPeriod}`);
  const paces = t.benchmarks
    .map((id) => s.design.benchmarks.find((b) => b.id === id))
    .filter((b) => b !== undefined && b.implementationRatePerPeriod !== undefined)
    .map((b) => `${b!.id} ${percent(b!.implementationRatePerPeriod!)} a period`);
  const notes = [starts.length > 0 ? `work starts: ${starts.join(', ')}` : '', paces.length > 0 ? `own pace: ${paces.join(', ')}` : ''].filter(Boolean);
  const cond = `${t.benchmarks.join(', ')} verified at ${percent(t.requiredLevel)}${held}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  return (when ? `${cond}; ${when}` : cond) + conviction;
}

function describeVerifier(s: Scenario): string {
  const v = s.design.verification;
  const parts = [
    `access ${percent(v.access)}`,
    `inspection every ${plural(v.inspectionIntervalPeriods, 'period')}`,
    `detection p ${v.detectionProbability}`,
    `false alarm q ${v.falseAlarmProbability}`,
    `report lag ${plural(v.reportLagPeriods, 'period')}`,
    v.crossChecks ? `cross-checks (${v.crossCheckDetectionProbability})` : 'no cross-checks',
    v.publicReportIntervalPeriods > 0 ? `public report every ${plural(v.publicReportIntervalPeriods, 'period')}` : 'no public reports',
  ];
  const verifiability = s.design.benchmarks.filter((b) => b.verifiability < 1).map((b) => `${b.id} ${b.verifiability}`);
  if (verifiability.length > 0) parts.push(`verifiability ${verifiability.join(', ')}`);
  return parts.join('; ');
}

const TRIGGER_WORDS: Record<Scenario['design']['consequences']['trigger'], string> = {
  automatic: 'automatic',
  unilateral: 'any one member',
  majority: 'weighted majority of members',
  unanimity: 'all members',
  discretionary: 'the lead at its discretion',
  none: 'none (no re-imposition)',
};

function describeConsequences(s: Scenario): string {
  const c = s.design.consequences;
  if (c.trigger === 'none') return `trigger: ${TRIGGER_WORDS.none}`;
  const threshold = c.thresholdWindowReports > 1 ? `${c.thresholdViolations} flagged of the last ${c.thresholdWindowReports} reports` : 'one flagged report';
  const response = `${c.response} re-imposition ${c.reimpositionPeriods === 0 ? 'for good' : `for ${plural(c.reimpositionPeriods, 'period')}`}`;
  const trigger = c.trigger === 'discretionary' ? `${TRIGGER_WORDS.discretionary} (belief below ${c.discretionaryBeliefThreshold})` : TRIGGER_WORDS[c.trigger];
  const members = s.coalition.members;
  const capped = members.filter((m) => m.maxVoteProbability < 1).map((m) => `${m.id} ${percent(m.maxVoteProbability)}`);
  const keep = members.filter((m) => m.votesAfterEasing).map((m) => m.id);
  const votes = [capped.length > 0 ? `vote capped: ${capped.join(', ')}` : '', keep.length > 0 ? `keep their vote after easing: ${keep.join(', ')}` : ''].filter(Boolean);
  const snapbacks = s.shocks.filter((k) => k.kind === 'snapback' && k.disputeWindowPeriods !== undefined).map((k) => `${k.member}'s snapback window ${plural(k.disputeWindowPeriods!, 'period')}`);
  const narrower = members.filter((m) => m.breachReimpositionShare < 1).map((m) => `${m.id} ${percent(m.breachReimpositionShare)}`);
  const scope = narrower.length > 0 ? [`share of its own part each member takes back on a breach: ${narrower.join(', ')}`] : [];
  const cure = c.cureRequires === 'requiredLevel' ? ['a cure needs the level due'] : [];
  const policies = s.shocks.filter((k) => k.kind === 'policyChange').map((k) => `${k.member}'s own policy change (${k.mode === 'ease' ? 'eases' : 'takes back'} ${percent(k.share)}${k.tranches ? ` of ${k.tranches.join(', ')}` : ''})`);
  const shortfalls = s.target.openShortfalls.map(
    (o) =>
      `the target openly holds ${(o.benchmarks ?? s.design.benchmarks.map((b) => b.id)).join(', ')} at ${percent(o.heldLevel)} ${o.atPeriod !== undefined ? `from period ${o.atPeriod}` : `from ${plural(o.followDelayPeriods, 'period')} after shock ${o.followsShock}`}${o.durationPeriods > 0 ? ` for ${plural(o.durationPeriods, 'period')}` : ''}`,
  );
  const extra = [...votes, ...snapbacks, ...scope, ...cure, ...policies, ...shortfalls].map((x) => `; ${x}`).join('');
  return `trigger: ${trigger}; threshold: ${threshold}; ${response}; dispute window ${plural(c.disputeWindowPeriods, 'period')}; capacity erodes ${percent(c.capacityErosionPerPeriod)} a period${extra}`;
}

function describeHumanitarian(s: Scenario): string {
  const h = s.design.humanitarian;
  const c = compileScenario(s);
  const safeguards = [
    h.ringFencedAccounts && 'ring-fenced accounts',
    h.thirdPartyMonitoring && 'third-party monitoring',
    h.civilSocietyVetting && 'civil-society vetting',
    h.needsBasedTargeting && 'needs-based targeting',
  ].filter(Boolean);
  const parts = [
    `carve-out ${groupThousands(h.carveOutAidPerPeriod)} kUSD a period (${h.nonDiscretionary ? 'non-discretionary' : 'discretionary'})`,
    `relief-linked ${groupThousands(h.reliefLinkedAidPerPeriod)} kUSD at full relief`,
    `safeguards: ${safeguards.length > 0 ? safeguards.join(', ') : 'none'}`,
    `leakage ${percent(c.humanitarian.leakage)} after safeguards`,
    `${percent(c.humanitarian.chill)} held up by over-compliance`,
  ];
  if (h.sunsetReviewPeriods > 0) parts.push(`exemptions reviewed every ${plural(h.sunsetReviewPeriods, 'period')} (lapse ${percent(h.lapseProbabilityInStalemate)} in a stalemate)`);
  return parts.join('; ');
}

/** 0.045 -> "4.5%", 1 -> "100%" (src/format). */
export const percent = percentTrimmed;
export { groupThousands };

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
