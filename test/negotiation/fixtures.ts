import type { BargainingProtocol } from '../../src/negotiation/index.ts';

/** Alternating offers over a surplus of 1 (MODEL.md result 7): shared with notebooks/validation.ipynb. */
export { surplusSplit } from '../../src/validation/index.ts';

/**
 * Two issues (relief released up front, detection probability) and two private target
 * types: a weak one with a low outside option and a tough one with a high one.
 */
export function twoTypeProblem(): Omit<BargainingProtocol, 'targetType'> {
  return {
    issues: [
      { name: 'frontLoadedShare', low: 0, high: 1, allowed: [0, 1] },
      { name: 'detectionProbability', low: 0.3, high: 0.9, allowed: [0, 1] },
    ],
    coalition: {
      discount: 0.95,
      utility: { issues: { frontLoadedShare: { weight: 0.6, prefers: 'low' }, detectionProbability: { weight: 0.4, prefers: 'high' } }, reservation: 0.2 },
    },
    target: {
      discount: 0.9,
      types: [
        { name: 'weak', prior: 0.6, utility: { issues: { frontLoadedShare: { weight: 0.7, prefers: 'high' }, detectionProbability: { weight: 0.3, prefers: 'low' } }, reservation: 0.1 } },
        { name: 'tough', prior: 0.4, utility: { issues: { frontLoadedShare: { weight: 0.3, prefers: 'high' }, detectionProbability: { weight: 0.7, prefers: 'low' } }, reservation: 0.45 } },
      ],
    },
    breakdownProbability: 0.02,
    deadlineRounds: 40,
    firstProposer: 'coalition',
    information: 'private',
  };
}
