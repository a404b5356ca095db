import type { PolicyDefinition } from '../../../policy.ts';
import { numberParam, onlyParams } from '../../../policy.ts';
import { HOLD, REIMPOSE } from '../../../roles.ts';
import { releaseBuffer, releaseByDesign } from './release.ts';

/**
 * Forgives the first `forgive` upheld violations of a run (default 1), then re-imposes
 * on every later one (tit-for-two-tats in spirit): it loses less to false alarms than
 * snapback and more to a target that cheats once. It remembers the run: build it per
 * run (a runner does, for a scenario's own policies with memory).
 */
export const forgiving: PolicyDefinition<'coalition'> = {
  name: 'forgiving',
  meta: { role: 'coalition', stochastic: false, memoryDepth: Infinity, observes: [], external: false, description: 'forgives the first upheld violations (parameter forgive, default 1), then re-imposes' },
  create(params) {
    onlyParams('forgiving', params, ['forgive']);
    const forgive = numberParam('forgiving', params, 'forgive', 0, 100, 1);
    const release = releaseBuffer();
    let asked = 0;
    return {
      name: 'forgiving',
      meta: forgiving.meta,
      decide: (o) => {
        if (o.point !== 'reimposition') return releaseByDesign(o, release);
        asked++;
        return asked > forgive ? REIMPOSE : HOLD;
      },
    };
  },
};
