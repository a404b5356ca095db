import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import type { TargetAction, TargetMove, TargetObservation, TargetReport } from '../../../roles.ts';
import { DEFY } from '../../../roles.ts';

/**
 * The target's exact best response (deterrence/plan.ts): on each benchmark it complies
 * iff complying is worth at least as much as cheating (V_comply - V_cheat >= 0), curing
 * a dispute only when the cure pays; it defies openly iff defying is worth more than
 * staying, once domestic politics allows it. A violation's statistics are gamed with
 * the type's propensity.
 */
export const bestResponse: PolicyDefinition<'target'> = {
  name: 'best-response',
  meta: { role: 'target', stochastic: true, memoryDepth: 0, observes: ['valueGap'], external: false, description: 'exact best response: complies iff complying is worth at least as much as cheating, defies iff defying pays' },
  create(params, c) {
    onlyParams('best-response', params, []);
    const action = actBuffer(c.nBenchmarks);
    return {
      name: 'best-response',
      meta: bestResponse.meta,
      decide: (o) => decideByGap(o, action, compliesIfWorthIt),
    };
  },
};

const compliesIfWorthIt = (_o: TargetObservation, gap: number) => gap >= 0;

/** A reusable 'act' action for B benchmarks. */
export function actBuffer(nBenchmarks: number): TargetAction & { kind: 'act' } {
  return { kind: 'act', moves: new Array<TargetMove>(nBenchmarks).fill('comply'), reports: new Array<TargetReport>(nBenchmarks).fill('honest') };
}

/**
 * The shared shape of value-driven targets: defy when politics allows it (hardliner
 * influence at the type's defiance threshold) and defying pays (defianceGap < 0), else
 * comply where `complies(o, gap, b)` says so; statistics of a violation gamed with the
 * type's propensity (chance 2b + 1 of the target's stream).
 */
export function decideByGap(o: TargetObservation, action: TargetAction & { kind: 'act' }, complies: (o: TargetObservation, gap: number, b: number) => boolean): TargetAction {
  if (o.hardlinerInfluence >= o.defianceThreshold && o.defianceGap < 0) return DEFY;
  for (let b = 0; b < action.moves.length; b++) {
    const comply = complies(o, o.valueGap[b], b);
    action.moves[b] = comply ? 'comply' : 'cheat';
    action.reports[b] = !comply && o.chance(2 * b + 1) < o.gamingPropensity ? 'gamed' : 'honest';
  }
  return action;
}
