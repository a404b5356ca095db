import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { REIMPOSE } from '../../../roles.ts';
import { releaseBuffer, releaseByDesign } from './release.ts';

/**
 * Automatic snapback as a coalition choice: whenever an upheld violation puts
 * re-imposition to it (a discretionary trigger), it re-imposes; it releases what the
 * design says is earned. Grim trigger in Axelrod's terms.
 */
export const snapback: PolicyDefinition<'coalition'> = {
  name: 'snapback',
  meta: { role: 'coalition', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 're-imposes on every upheld violation, whatever its belief; releases what the design says is earned' },
  create(params) {
    onlyParams('snapback', params, []);
    const release = releaseBuffer();
    return { name: 'snapback', meta: snapback.meta, decide: (o) => (o.point === 'reimposition' ? REIMPOSE : releaseByDesign(o, release)) };
  },
};
