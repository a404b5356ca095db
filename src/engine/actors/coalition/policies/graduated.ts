import type { PolicyDefinition } from '../../../policy.ts';
import { numberParam, onlyParams } from '../../../policy.ts';
import { HOLD, REIMPOSE } from '../../../roles.ts';
import { releaseBuffer, releaseByDesign } from './release.ts';

/**
 * Graduated response: the first upheld violation freezes further relief for
 * `pausePeriods` periods (default 6) instead of re-imposing; a violation upheld after
 * that (or during the freeze) re-imposes. It remembers the run: build it per run
 * (a runner does, for a scenario's own policies with memory).
 */
export const graduated: PolicyDefinition<'coalition'> = {
  name: 'graduated',
  meta: { role: 'coalition', stochastic: false, memoryDepth: Infinity, observes: [], external: false, description: 'a first upheld violation freezes relief for pausePeriods (default 6); the next re-imposes' },
  create(params) {
    onlyParams('graduated', params, ['pausePeriods']);
    const pause = numberParam('graduated', params, 'pausePeriods', 0, 600, 6);
    const release = releaseBuffer();
    let warned = false;
    let frozenUntil = -1;
    return {
      name: 'graduated',
      meta: graduated.meta,
      decide: (o) => {
        if (o.point !== 'reimposition') return releaseByDesign(o, release, o.period >= frozenUntil);
        if (warned) return REIMPOSE;
        warned = true;
        frozenUntil = o.period + pause;
        return HOLD;
      },
    };
  },
};
