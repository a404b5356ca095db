import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { EASE, KEEP, VOTE_NO, VOTE_YES } from '../../../roles.ts';
import { voteProbability } from '../../coalition/vote.ts';

/**
 * A member that keeps its measures while their cost this period stays within its
 * resolve, and eases unilaterally once it does not. On a re-imposition it votes yes
 * with its vote model's chance: hawks always, others as far as they doubt sincerity,
 * never above its ceiling (the model the target and the leverage measure reckon with).
 */
export const resolveThreshold: PolicyDefinition<'member'> = {
  name: 'resolve-threshold',
  meta: { role: 'member', stochastic: true, memoryDepth: 0, observes: [], external: false, description: 'eases once its cost exceeds its resolve; votes by hawkishness and doubt' },
  create(params) {
    onlyParams('resolve-threshold', params, []);
    return {
      name: 'resolve-threshold',
      meta: resolveThreshold.meta,
      decide: (o) => {
        if (o.point === 'sanctioners') return o.costThisPeriod > o.resolve ? EASE : KEEP;
        return o.chance(0) < voteProbability(o.hawkishness, o.belief, o.voteCeiling) ? VOTE_YES : VOTE_NO;
      },
    };
  },
};
