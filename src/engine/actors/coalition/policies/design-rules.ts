import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { HOLD, REIMPOSE, type CoalitionAction } from '../../../roles.ts';

/**
 * The coalition as the design says it acts: it releases every tranche that has earned
 * release, in order, a discretionary one only while its belief in sincerity reaches the
 * tranche's threshold; under a discretionary trigger it re-imposes when its belief has
 * fallen below the design's threshold.
 */
export const designRules: PolicyDefinition<'coalition'> = {
  name: 'design-rules',
  meta: { role: 'coalition', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 'releases what the design says is earned; re-imposes by the design rule' },
  create(params, c) {
    onlyParams('design-rules', params, []);
    const release: CoalitionAction & { kind: 'release' } = { kind: 'release', tranches: [] };
    return {
      name: 'design-rules',
      meta: designRules.meta,
      decide: (o) => {
        const belief = o.posterior[0];
        if (o.point === 'reimposition') return belief < o.discretionaryBeliefThreshold ? REIMPOSE : HOLD;
        release.tranches.length = 0;
        // In order: a tranche held back holds back every later one.
        for (let i = 0; i < o.eligible.length; i++) {
          if (belief < o.eligibleBeliefThreshold[i]) break;
          release.tranches.push(o.eligible[i]);
        }
        return release;
      },
    };
  },
};
