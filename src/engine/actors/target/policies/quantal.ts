import { quantalComplyProbability } from '../../../deterrence/margin.ts';
import type { PolicyDefinition } from '../../../policy.ts';
import { numberParam, onlyParams } from '../../../policy.ts';
import { actBuffer, decideByGap } from './best-response.ts';
import type { TargetObservation } from '../../../roles.ts';

/** beta x gap above which 1 / (1 + e^(-beta gap)) is exactly 1 in double precision (e^-37 < 2^-53). */
const SURE_COMPLY_UTILITY = 37;

/** Logit response on each benchmark: P(comply) = 1 / (1 + exp(-beta (V_comply - V_cheat))) (MODEL.md result 4). */
export const quantal: PolicyDefinition<'target'> = {
  name: 'quantal',
  meta: { role: 'target', stochastic: true, memoryDepth: 0, observes: ['valueGap'], external: false, description: 'logit response: P(comply) = 1 / (1 + exp(-beta gap))' },
  create(params, c) {
    onlyParams('quantal', params, ['rationality']);
    const beta = numberParam('quantal', params, 'rationality', 0, 1000, c.rationality);
    const action = actBuffer(c.nBenchmarks);
    // Past a gap of SURE_COMPLY_UTILITY / beta the logit is exactly 1 in floating point, so the
    // draw always complies: the same result without computing e^x.
    const complies = (o: TargetObservation, gap: number, b: number) => o.chance(2 * b) < (beta * gap > SURE_COMPLY_UTILITY ? 1 : quantalComplyProbability(beta, gap));
    return { name: 'quantal', meta: quantal.meta, decide: (o) => decideByGap(o, action, complies) };
  },
};
