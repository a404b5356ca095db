import type { BargainingProtocol } from '../../src/negotiation/index.ts';

/** Alternating offers over a surplus of 1: the coalition's share `share`; reservations 0; one target type, known. */
export function surplusSplit(d1: number, d2: number, options: { breakdownProbability?: number; deadlineRounds?: number; firstProposer?: 'coalition' | 'target' } = {}) {
  return {
    issues: [{ name: 'share', low: 0, high: 1 }],
    coalition: { discount: d1, utility: { issues: { share: { weight: 1, prefers: 'high' as const } }, reservation: 0 } },
    target: { discount: d2, types: [{ name: 'only', prior: 1, utility: { issues: { share: { weight: 1, prefers: 'low' as const } }, reservation: 0 } }] },
    breakdownProbability: options.breakdownProbability ?? 0,
    deadlineRounds: options.deadlineRounds ?? 400,
    firstProposer: options.firstProposer ?? 'coalition',
    information: 'complete' as const,
  };
}

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
