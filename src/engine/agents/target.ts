import type { Scenario } from '../../scenario/schema.ts';
import { quantalComplyProbability } from '../deterrence.ts';
import type { Rng } from '../rng.ts';

/** What the target does on one benchmark in one period. */
export const ACTION = { comply: 0, cheat: 1, defy: 2 } as const;
export type Action = (typeof ACTION)[keyof typeof ACTION];

/**
 * A target decision rule: a small policy object with a name, metadata and one
 * decision function over what the target observes (its own value gap, the period).
 * A new rule is one new entry; registries filter on `meta`.
 */
export interface TargetPolicy {
  name: Scenario['target']['decisionMode'];
  meta: { stochastic: boolean; usesValues: boolean; description: string };
  /** `gap` is V_comply - V_cheat for this benchmark (see deterrence.ts). */
  decide(gap: number, period: number, rng: Rng): Action;
}

export function bestResponse(): TargetPolicy {
  return {
    name: 'best-response',
    meta: { stochastic: false, usesValues: true, description: 'complies iff complying is worth at least as much as cheating' },
    decide: (gap) => (gap >= 0 ? ACTION.comply : ACTION.cheat),
  };
}

/** beta x gap above which 1 / (1 + e^(-beta gap)) is exactly 1 in double precision (e^-37 < 2^-53). */
const SURE_COMPLY_UTILITY = 37;

export function quantal(rationality: number): TargetPolicy {
  return {
    name: 'quantal',
    meta: { stochastic: true, usesValues: true, description: 'logit response: P(comply) = 1 / (1 + exp(-beta gap))' },
    // Past a gap of SURE_COMPLY_UTILITY / beta the logit is exactly 1 in floating point (1 + e^-37 rounds to 1),
    // so the draw always complies: the same draw and result without computing e^x.
    decide: (gap, _period, rng) => (rng() < (rationality * gap > SURE_COMPLY_UTILITY ? 1 : quantalComplyProbability(rationality, gap)) ? ACTION.comply : ACTION.cheat),
  };
}

export function scripted(script: Scenario['target']['script']): TargetPolicy {
  const segments = [...script].sort((a, b) => a.fromPeriod - b.fromPeriod);
  return {
    name: 'scripted',
    meta: { stochastic: segments.some((s) => s.probability > 0 && s.probability < 1), usesValues: false, description: 'follows a script, for teaching and analytic checks' },
    decide: (_gap, period, rng) => {
      let seg: (typeof segments)[number] | undefined;
      for (const s of segments) if (s.fromPeriod <= period) seg = s;
      if (!seg || seg.action === 'comply') return ACTION.comply;
      if (seg.probability < 1 && !(rng() < seg.probability)) return ACTION.comply;
      return seg.action === 'cheat' ? ACTION.cheat : ACTION.defy;
    },
  };
}

export function targetPolicyFor(target: Scenario['target']): TargetPolicy {
  switch (target.decisionMode) {
    case 'best-response':
      return bestResponse();
    case 'quantal':
      return quantal(target.rationality);
    case 'scripted':
      return scripted(target.script);
  }
}
