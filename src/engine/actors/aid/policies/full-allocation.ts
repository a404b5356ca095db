import type { PolicyDefinition } from '../../../policy.ts';
import { numberParam, onlyParams } from '../../../policy.ts';
import type { AidAction } from '../../../roles.ts';

/**
 * The aid agency sends what it may: the carve-out and the relief-linked aid, each at
 * a fixed share (default: all of it; a lower share models a cautious agency).
 */
export const fullAllocation: PolicyDefinition<'aid'> = {
  name: 'full-allocation',
  meta: { role: 'aid', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 'sends a fixed share (default all) of the aid it may send' },
  create(params) {
    onlyParams('full-allocation', params, ['carveOutShare', 'reliefLinkedShare']);
    const action: AidAction = {
      kind: 'allocate',
      carveOutShare: numberParam('full-allocation', params, 'carveOutShare', 0, 1, 1),
      reliefLinkedShare: numberParam('full-allocation', params, 'reliefLinkedShare', 0, 1, 1),
    };
    return { name: 'full-allocation', meta: fullAllocation.meta, decide: () => action };
  },
};
