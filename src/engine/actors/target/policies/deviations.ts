import type { PolicyDefinition } from '../../../policy.ts';
import { numberParam, onlyParams } from '../../../policy.ts';
import type { TargetAction, TargetObservation } from '../../../roles.ts';
import { actBuffer } from './best-response.ts';

/**
 * The target's scripted deviations: simple rules a best-responding target must never
 * lose to (the deviation test, src/engine/deviation/). Each cheats on every benchmark
 * in the periods its rule names and complies otherwise; a violation's statistics are
 * gamed with the type's propensity, as the best response's are. They register like any
 * target policy, so tournaments and classrooms can use them too.
 */
type CheatsNow = (o: TargetObservation, k: number) => boolean;

function deviation(name: string, description: string, cheatsNow: CheatsNow, withK = false): PolicyDefinition<'target'> {
  const meta = { role: 'target' as const, stochastic: true, memoryDepth: 0, observes: [] as string[], external: false, description };
  const def: PolicyDefinition<'target'> = {
    name,
    meta,
    create(params, c) {
      onlyParams(name, params, withK ? ['periods'] : []);
      const k = withK ? numberParam(name, params, 'periods', 0, 600, 1) : 0;
      const action = actBuffer(c.nBenchmarks);
      return {
        name,
        meta,
        decide: (o): TargetAction => {
          const cheat = cheatsNow(o, k);
          for (let b = 0; b < action.moves.length; b++) {
            action.moves[b] = cheat ? 'cheat' : 'comply';
            action.reports[b] = cheat && o.chance(2 * b + 1) < o.gamingPropensity ? 'gamed' : 'honest';
          }
          return action;
        },
      };
    },
  };
  return def;
}

export const alwaysComply = deviation('always-comply', 'complies on every benchmark in every period', () => false);
export const alwaysCheat = deviation('always-cheat', 'cheats on every benchmark in every period', () => true);
export const cheatWhileAccessDenied = deviation('cheat-while-access-denied', 'cheats only while inspectors are denied access, complies otherwise', (o) => o.accessShare < 1);
export const cheatFirstPeriods = deviation('cheat-first-periods', 'cheats in the first k periods (parameter periods, default 1), then complies', (o, k) => o.period < k, true);
export const cheatFromPeriod = deviation('cheat-from-period', 'complies until period k (parameter periods), then cheats', (o, k) => o.period >= k, true);
export const cheatAfterFullRelief = deviation('cheat-after-full-relief', 'complies until every tranche has been released, then cheats', (o) => o.tranches > 0 && o.tranchesReleased >= o.tranches);
export const cheatOnceAt = deviation('cheat-once-at', 'cheats in period k only (parameter periods), complies otherwise', (o, k) => o.period === k, true);

export const TARGET_DEVIATIONS: readonly PolicyDefinition<'target'>[] = [alwaysComply, alwaysCheat, cheatWhileAccessDenied, cheatFirstPeriods, cheatFromPeriod, cheatAfterFullRelief, cheatOnceAt];
