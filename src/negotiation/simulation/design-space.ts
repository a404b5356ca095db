import { LeverError, applyLevers, resolveLever, type Lever } from '../../scenario/levers.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { validateScenario } from '../../scenario/validate.ts';
import { designGrid, validateDesignFamily, type DesignFamily, type DesignPoint, type ParameterRange } from '../design-family.ts';
import { NegotiationInputError } from '../errors.ts';

/**
 * How a design family's parameters become scenarios. A parameter is either a lever path
 * of the scenario (`design.verification.detectionProbability`, `design.tranches[step2].sustainedPeriods`:
 * docs/experiments.md), whose allowed range is the schema's, or one of two parameters that
 * rebuild the relief schedule:
 * - `trancheCount`: relief in n tranches (1 to 24);
 * - `frontLoadedShare`: the share of every sanctions category the first tranche lifts
 *   (0 to 1); the rest is split equally among the later tranches.
 * Rebuilt tranches: tranche k of n is tied to benchmark floor(k B / n) of the base's B
 * benchmarks (so the first one to the first benchmark: a front-loaded design pays much for
 * the first step), required level 1, released no earlier than the base's first tranche's
 * earliest period moving evenly to the base's last tranche's, sustained for periods moving
 * from the base's first tranche's to its last's. One tranche lifts everything and is tied
 * to every benchmark. A tranche that would lift nothing is left out.
 */
export const SCHEDULE_PARAMETERS: Record<string, { allowed: [number, number]; integer: boolean; description: string }> = {
  trancheCount: { allowed: [1, 24], integer: true, description: 'number of relief tranches' },
  frontLoadedShare: { allowed: [0, 1], integer: false, description: 'share of each sanctions category lifted by the first tranche' },
};

/** A family checked against a scenario: each parameter's allowed range filled in, and the levers resolved. */
export interface ResolvedFamily {
  family: DesignFamily;
  /** Per parameter: the lever it sets, or null for a schedule parameter. */
  levers: (Lever | null)[];
}

/**
 * Checks a design family against the base scenario: every parameter a numeric lever of the
 * scenario or a schedule parameter, its range inside the allowed values (the lever's
 * schema range unless narrower `allowed` is given), whole numbers for whole-number fields.
 * @throws NegotiationInputError naming the field: `family.parameters` (empty),
 *   `family.parameters[i].name` (unknown lever), `family.parameters[i].high` (outside the allowed values).
 * @example resolveFamily(base, { parameters: [{ name: 'design.verification.detectionProbability', low: 0.3, high: 0.9 }] })
 */
export function resolveFamily(base: Scenario, family: unknown): ResolvedFamily {
  const f = validateDesignFamily(family);
  const levers: (Lever | null)[] = [];
  const parameters = f.parameters.map((p, i): ParameterRange => {
    const schedule = SCHEDULE_PARAMETERS[p.name];
    if (schedule) {
      levers.push(null);
      return { ...p, allowed: p.allowed ?? schedule.allowed, integer: schedule.integer };
    }
    let lever: Lever;
    try {
      lever = resolveLever(base, p.name);
    } catch (e) {
      if (e instanceof LeverError) throw new NegotiationInputError(`family.parameters[${i}].name`, `${e.message} (or a schedule parameter: ${Object.keys(SCHEDULE_PARAMETERS).join(', ')})`);
      throw e;
    }
    if (lever.kind !== 'number' && lever.kind !== 'integer') throw new NegotiationInputError(`family.parameters[${i}].name`, `${p.name} is a ${lever.kind} field; a design family varies numbers`);
    levers.push(lever);
    const allowed: [number, number] = [lever.min ?? -Infinity, lever.max ?? Infinity];
    if (p.allowed && (p.allowed[0] < allowed[0] || p.allowed[1] > allowed[1])) {
      throw new NegotiationInputError(`family.parameters[${i}].allowed`, `[${p.allowed.join(', ')}] is wider than the values ${p.name} takes, [${allowed.join(', ')}]`);
    }
    return { ...p, allowed: p.allowed ?? allowed, integer: lever.kind === 'integer' };
  });
  // Checked again with the allowed ranges filled in, so a range outside them is named with its field.
  return { family: validateDesignFamily({ parameters }), levers };
}

/** The grid of a resolved family (see designGrid). */
export function familyDesigns(resolved: ResolvedFamily): DesignPoint[] {
  return designGrid(resolved.family);
}

/**
 * The scenario of one design: the base with the design's levers set and, when the design
 * sets `trancheCount` or `frontLoadedShare`, its relief schedule rebuilt.
 * @throws NegotiationInputError naming the design when the values make the scenario invalid.
 */
export function designScenario(base: Scenario, resolved: ResolvedFamily, design: DesignPoint): Scenario {
  const params = resolved.family.parameters;
  const levers: Lever[] = [];
  const values: number[] = [];
  params.forEach((p, i) => {
    const lever = resolved.levers[i];
    if (lever && design.parameters[p.name] !== undefined) {
      levers.push(lever);
      values.push(design.parameters[p.name]);
    }
  });
  let s = base;
  try {
    if (levers.length > 0) s = applyLevers(base, levers, values);
  } catch (e) {
    if (e instanceof LeverError) throw new NegotiationInputError(`design ${design.id}`, e.message);
    throw e;
  }
  const count = design.parameters.trancheCount;
  const share = design.parameters.frontLoadedShare;
  if (count === undefined && share === undefined) return s;
  return withSchedule(s, count ?? Math.max(1, base.design.tranches.length), share, design.id);
}

/** The scenario with its tranches rebuilt: `count` tranches, the first lifting `frontLoadedShare` (default: an equal split). */
export function withSchedule(s: Scenario, count: number, frontLoadedShare: number | undefined, id = 'schedule'): Scenario {
  const n = Math.round(count);
  const first = frontLoadedShare ?? 1 / n;
  const shares = n === 1 ? [1] : [first, ...Array.from({ length: n - 1 }, () => (1 - first) / (n - 1))];
  const bench = s.design.benchmarks.map((b) => b.id);
  const old = s.design.tranches;
  const e0 = old[0]?.earliestPeriod ?? 0;
  const e1 = old[old.length - 1]?.earliestPeriod ?? Math.floor(s.horizonPeriods / 2);
  const h0 = old[0]?.sustainedPeriods ?? 0;
  const h1 = old[old.length - 1]?.sustainedPeriods ?? 0;
  const at = (k: number, a: number, b: number) => Math.round(n === 1 ? b : a + ((b - a) * k) / (n - 1));
  const tranches = shares.flatMap((x, k) => {
    if (x <= 0) return [];
    return [
      {
        id: `t${k + 1}`,
        name: `Tranche ${k + 1} of ${n}`,
        lifts: Object.fromEntries(s.design.categories.map((c) => [c.id, x])),
        benchmarks: n === 1 ? bench : [bench[Math.floor((k * bench.length) / n)]],
        requiredLevel: 1,
        sustainedPeriods: at(k, h0, h1),
        earliestPeriod: at(k, e0, e1),
      },
    ];
  });
  // History's release periods name the real tranches, which a rebuilt schedule replaces.
  const { historicalOutcome: _history, ...metadata } = s.metadata;
  const v = validateScenario({ ...s, metadata, design: { ...s.design, tranches } });
  if (!v.ok) throw new NegotiationInputError(`design ${id}`, `the rebuilt schedule is not a valid scenario: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return v.scenario;
}

/**
 * The outside option as a scenario: no deal, so no tranche is ever released and no
 * incentive paid; sanctions stay while evasion grows as the scenario's third parties make
 * it grow (`thirdParty.evasionGrowthPerPeriod`), unless `levers` set the no-deal world
 * differently (e.g. faster evasion growth, `{ 'thirdParty.evasionGrowthPerPeriod': 0.006 }`).
 * @throws NegotiationInputError naming `noDeal.levers.<path>` for a bad path or value.
 */
export function noDealScenario(base: Scenario, levers: Record<string, number | boolean | string> = {}): Scenario {
  // History's record (its release periods name tranches) belongs to the deal, not to its absence.
  const { historicalOutcome: _history, ...metadata } = base.metadata;
  const v = validateScenario({ ...base, metadata, design: { ...base.design, tranches: [], incentives: { ...base.design.incentives, technicalAssistancePerPeriod: 0, investmentAssurancePerPeriod: 0 } } });
  if (!v.ok) throw new NegotiationInputError('noDeal', `the no-deal scenario is not valid: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const paths = Object.keys(levers);
  if (paths.length === 0) return v.scenario;
  const resolved: Lever[] = [];
  for (const p of paths) {
    try {
      resolved.push(resolveLever(v.scenario, p));
    } catch (e) {
      if (e instanceof LeverError) throw new NegotiationInputError(`noDeal.levers.${p}`, e.message);
      throw e;
    }
  }
  try {
    return applyLevers(v.scenario, resolved, paths.map((p) => levers[p]));
  } catch (e) {
    if (e instanceof LeverError) throw new NegotiationInputError(`noDeal.levers.${e.path}`, e.message);
    throw e;
  }
}
