import type { Scenario, Shock } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';

/**
 * The inject library: the model's shock kinds with a headline and a default size each,
 * so a facilitator can throw one in at any round. An injected shock becomes a scripted
 * shock of the exercise's scenario (appended, firing at the start of the next period), so
 * the engine plays it as it plays any scenario's shocks and the debrief's simulated runs
 * see it too.
 *
 * Appending keeps the past: each shock draws only from its own substream (keyed by its
 * index), and one that fires next period changes nothing before it, so replaying the
 * game's log on the new scenario (`restoreGame`) reaches the same state (tested).
 */
export const SHOCK_LIBRARY = {
  regimeChange: { headline: 'A new government takes office in the target state', magnitude: 0.2, member: false },
  election: { headline: 'An election changes a coalition government', magnitude: 0.3, member: true },
  commodityPrice: { headline: 'Oil prices jump: sanctions cost members more', magnitude: 0.5, member: false },
  humanitarianCrisis: { headline: 'A drought deepens humanitarian need', magnitude: 0.6, member: false },
  thirdPartyEntry: { headline: 'A neighbour starts buying what the sanctions block', magnitude: 0.5, member: false },
  accessDenial: { headline: 'Inspectors are turned away at the border', magnitude: 0.7, member: false },
  memberExit: { headline: 'A coalition member breaks ranks', magnitude: 0.5, member: true },
  snapback: { headline: 'A member invokes snapback', magnitude: 0.5, member: true },
} as const;

export type ShockLibraryKind = keyof typeof SHOCK_LIBRARY;
export const SHOCK_LIBRARY_KINDS = Object.keys(SHOCK_LIBRARY) as [ShockLibraryKind, ...ShockLibraryKind[]];

export interface ShockInject {
  kind: ShockLibraryKind;
  magnitude?: number;
  durationPeriods?: number;
  member?: string;
}

/**
 * The scenario with `inject` appended as a shock at `atPeriod`.
 * @throws Error naming the field for a shock the scenario refuses (a member it lacks, a
 *   period past the horizon), listing the problems; `scenario` is not modified.
 * @example withInjectedShock(s, { kind: 'accessDenial' }, 4).shocks.at(-1) // { kind: 'accessDenial', atPeriod: 4, magnitude: 0.7, ... }
 */
export function withInjectedShock(scenario: Scenario, inject: ShockInject, atPeriod: number): Scenario {
  const lib = SHOCK_LIBRARY[inject.kind];
  const members = scenario.coalition.members.map((m) => m.id);
  const member = inject.member ?? (lib.member ? members[0] : undefined);
  if (lib.member && member !== undefined && !members.includes(member)) throw new Error(`shock.member: "${member}" is not a coalition member (${members.join(', ')})`);
  const shock: Record<string, unknown> = { kind: inject.kind, atPeriod, magnitude: inject.magnitude ?? lib.magnitude };
  if (inject.durationPeriods !== undefined) shock.durationPeriods = inject.durationPeriods;
  if (lib.member) shock.member = member;
  const { $schema: _s, extends: _e, ...rest } = structuredClone(scenario) as Scenario & { $schema?: string; extends?: string };
  const next = { ...rest, shocks: [...scenario.shocks.map((k) => ({ ...k })), shock as Shock] };
  const v = validateScenario(next);
  if (!v.ok) throw new Error(`shock: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return v.scenario;
}
