import type { Path } from '../store/document.ts';

/**
 * The design levers, grouped as MODEL.md groups them. Each part is an object of
 * fields, a list of items, or chosen fields of an object; the fields themselves
 * come from the schema, so a lever added to the schema appears here by itself.
 */
export type SectionPart =
  | { type: 'object'; path: Path }
  | { type: 'fields'; path: Path; keys: string[] }
  | { type: 'list'; path: Path; title: string; item: string };

export interface Section {
  id: string;
  title: string;
  help: string;
  parts: SectionPart[];
}

/**
 * The few levers that move the outcomes most in MODEL.md's analysis, first and open,
 * so a new user need not search 300-odd controls. Each lives only here (its section
 * says where it went), so a path has one field on the page.
 */
export const KEY_LEVERS: Path[] = [
  ['design', 'verification', 'detectionProbability'],
  ['design', 'verification', 'falseAlarmProbability'],
  ['design', 'verification', 'access'],
  ['design', 'consequences', 'trigger'],
  ['design', 'consequences', 'thresholdViolations'],
  ['design', 'humanitarian', 'carveOutAidPerPeriod'],
  ['design', 'humanitarian', 'exemptionClarity'],
  ['horizonPeriods'],
];

export const SECTIONS: Section[] = [
  {
    id: 'sequencing',
    title: 'Sequencing and tranches',
    help: 'Relief comes in tranches, in order; each lifts shares of sanctions categories once named benchmarks are verified at a level for a sustained number of periods.',
    parts: [
      { type: 'fields', path: ['design'], keys: ['preset'] },
      { type: 'list', path: ['design', 'tranches'], title: 'Tranches', item: 'tranche' },
      { type: 'list', path: ['design', 'categories'], title: 'Sanctions categories', item: 'category' },
    ],
  },
  {
    id: 'benchmarks',
    title: 'Benchmarks',
    help: 'Specific, measurable, time-bound steps the target must take; verifiability scales the chance a violation is detected.',
    parts: [{ type: 'list', path: ['design', 'benchmarks'], title: 'Benchmarks', item: 'benchmark' }],
  },
  { id: 'verification', title: 'Verification', help: 'How the independent verifier inspects, detects and reports.', parts: [{ type: 'object', path: ['design', 'verification'] }] },
  { id: 'consequences', title: 'Consequences for backsliding', help: 'What a threshold of flagged reports triggers, who decides, and how re-imposition capacity erodes.', parts: [{ type: 'object', path: ['design', 'consequences'] }] },
  { id: 'humanitarian', title: 'Humanitarian safeguards', help: 'Carve-outs and relief-linked aid, leakage and the safeguards against it, and the chilling effect of unclear exemptions.', parts: [{ type: 'object', path: ['design', 'humanitarian'] }] },
  { id: 'incentives', title: 'Incentives', help: 'Technical assistance and investment assurances that raise the value of sustained compliance.', parts: [{ type: 'object', path: ['design', 'incentives'] }] },
  { id: 'reviews', title: 'Reviews and reporting', help: 'Scheduled joint reviews and public reporting of violations.', parts: [{ type: 'object', path: ['design', 'reviews'] }] },
  { id: 'shocks', title: 'Shocks (stress tests)', help: 'External events scripted at a period or drawn by a hazard rate per period.', parts: [{ type: 'list', path: ['shocks'], title: 'Shocks', item: 'shock' }] },
  { id: 'horizon', title: 'Horizon', help: 'How long each run lasts.', parts: [{ type: 'fields', path: [], keys: ['horizonPeriods'] }] },
  {
    id: 'target',
    title: 'Target government',
    help: 'Who the target may be (three types and the prior over them), how it decides, and its domestic politics. The coalition does not know the type; it learns from verification reports.',
    parts: [
      { type: 'fields', path: ['target'], keys: ['typePrior', 'decisionMode', 'rationality', 'discountFactor', 'types', 'domesticPolitics'] },
      { type: 'list', path: ['target', 'script'], title: 'Script (scripted mode only)', item: 'segment' },
    ],
  },
  {
    id: 'coalition',
    title: 'Sanctioning coalition',
    help: 'The members, their weight in the pressure, resolve and votes on re-imposition, and the likelihood model behind their belief about the target.',
    parts: [
      { type: 'list', path: ['coalition', 'members'], title: 'Members', item: 'member' },
      { type: 'fields', path: ['coalition'], keys: ['assumedViolationRate', 'collapseCohesion'] },
    ],
  },
  { id: 'third-party', title: 'Third party (evasion)', help: 'A sanctions-busting neighbour that erodes pressure while active.', parts: [{ type: 'object', path: ['thirdParty'] }] },
];

/** A new list item: a copy of the last one with a fresh id, or a minimal valid item. */
export function newItem(item: string, existing: Record<string, unknown>[]): Record<string, unknown> {
  const ids = new Set(existing.map((x) => x.id));
  let n = existing.length + 1;
  while (ids.has(`${item}${n}`)) n++;
  const id = `${item}${n}`;
  const last = existing[existing.length - 1];
  switch (item) {
    case 'shock':
      return last ? structuredClone(last) : { kind: 'commodityPrice', hazardPerPeriod: 0.01, magnitude: 0.3 };
    case 'tranche':
      // Same rules as the last tranche, but lifting nothing yet: copying its lifts would over-lift at once.
      return { ...(last ? structuredClone(last) : { benchmarks: [] }), id, name: '', lifts: {} };
    case 'category':
      return { id, name: '', painWeight: 0 };
    case 'segment':
      // Script segments have no id or name: a copy of the last, or cheating from period 0.
      return last ? structuredClone(last) : { fromPeriod: 0, action: 'cheat', probability: 1 };
    case 'member':
      // A new member brings no weight until given some: copying the last one's would push the weights past 1.
      return { ...(last ? structuredClone(last) : { resolve: 10 }), id, name: '', weight: 0 };
    default:
      return { ...(last ? structuredClone(last) : {}), id, name: '' };
  }
}
