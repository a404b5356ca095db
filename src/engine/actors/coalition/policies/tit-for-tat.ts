import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { REIMPOSE } from '../../../roles.ts';
import { releaseBuffer, releaseByDesign } from './release.ts';

/**
 * Tit-for-tat on reports: mirrors the target's last verified move. It re-imposes when
 * an upheld violation is put to it, and releases earned relief only in a period whose
 * verified levels did not fall since the period before (a report of backsliding holds
 * relief back until a report shows no drop).
 */
export const titForTat: PolicyDefinition<'coalition'> = {
  name: 'tit-for-tat',
  meta: { role: 'coalition', stochastic: false, memoryDepth: 1, observes: [], external: false, description: 're-imposes on an upheld violation; releases only after a report with no drop in verified levels' },
  create(params, c) {
    onlyParams('tit-for-tat', params, []);
    const release = releaseBuffer();
    const previous = new Float64Array(c.nBenchmarks);
    return {
      name: 'tit-for-tat',
      meta: titForTat.meta,
      decide: (o) => {
        if (o.point === 'reimposition') return REIMPOSE;
        let clean = true;
        for (let b = 0; b < previous.length; b++) {
          if (o.verified[b] < previous[b] - 1e-12) clean = false;
          previous[b] = o.verified[b];
        }
        return releaseByDesign(o, release, clean);
      },
    };
  },
};
