import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { KEEP, VOTE_YES } from '../../../roles.ts';

/** A member that never eases and always votes to re-impose, whatever it costs (a hawk in a tournament). */
export const steadfast: PolicyDefinition<'member'> = {
  name: 'steadfast',
  meta: { role: 'member', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 'never eases; always votes to re-impose' },
  create(params) {
    onlyParams('steadfast', params, []);
    return { name: 'steadfast', meta: steadfast.meta, decide: (o) => (o.point === 'sanctioners' ? KEEP : VOTE_YES) };
  },
};
