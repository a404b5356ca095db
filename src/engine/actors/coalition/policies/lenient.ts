import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { HOLD } from '../../../roles.ts';
import { releaseBuffer, releaseByDesign } from './release.ts';

/**
 * Never re-imposes (Axelrod's unconditional cooperator): the benchmark a sanctioner
 * policy must beat on compliance, and the one that never punishes a false alarm.
 */
export const lenient: PolicyDefinition<'coalition'> = {
  name: 'lenient',
  meta: { role: 'coalition', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 'never re-imposes; releases what the design says is earned' },
  create(params) {
    onlyParams('lenient', params, []);
    const release = releaseBuffer();
    return { name: 'lenient', meta: lenient.meta, decide: (o) => (o.point === 'reimposition' ? HOLD : releaseByDesign(o, release)) };
  },
};
