import type { PolicyDefinition } from '../../../policy.ts';
import { onlyParams } from '../../../policy.ts';
import { INSPECT, SKIP } from '../../../roles.ts';

/** The verifier inspects exactly on the design's schedule (every inspectionIntervalPeriods). */
export const onSchedule: PolicyDefinition<'verifier'> = {
  name: 'schedule',
  meta: { role: 'verifier', stochastic: false, memoryDepth: 0, observes: [], external: false, description: 'inspects on the design schedule' },
  create(params) {
    onlyParams('schedule', params, []);
    return { name: 'schedule', meta: onSchedule.meta, decide: (o) => (o.scheduled ? INSPECT : SKIP) };
  },
};
