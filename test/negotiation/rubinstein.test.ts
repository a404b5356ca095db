import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../src/engine/rng.ts';
import { playSession, rubinsteinShare, runSessions, Session, SUBGAME_PERFECT, subgamePerfectPlan, compileUtility, efficientHull, rubinsteinOnFrontier, utilityAt, type UtilityPair } from '../../src/negotiation/index.ts';
import { surplusSplit } from './fixtures.ts';
import { finiteHorizonShareBound, RUBINSTEIN_CASES } from '../../src/validation/index.ts';

const play = (protocol: unknown, seed = 's') => {
  const s = new Session(protocol);
  const status = playSession(s, { coalition: SUBGAME_PERFECT.create(createRng(seed)), target: SUBGAME_PERFECT.create(createRng(seed)) }, createRng(seed));
  if (status.kind !== 'over') throw new Error('session did not end');
  return { outcome: status.outcome, log: s.log };
};

// MODEL.md result 7: over a surplus of 1, the first proposer's share is (1 - d2) / (1 - d1 d2), agreed in round one.
describe('Rubinstein alternating offers', () => {
  it('closed form for known pairs', () => {
    expect(rubinsteinShare(0.9, 0.9)).toBeCloseTo(1 / 1.9, 15);
    expect(rubinsteinShare(0.5, 0.5)).toBeCloseTo(2 / 3, 15);
    expect(rubinsteinShare(0.5, 0.8)).toBeCloseTo(0.2 / 0.6, 15);
    // Breakdown risk q folds into the discount: e = d (1 - q).
    expect(rubinsteinShare(0.9, 0.9, 0.5)).toBeCloseTo((1 - 0.45) / (1 - 0.45 * 0.45), 15);
  });

  for (const [d1, d2] of RUBINSTEIN_CASES) {
    it(`subgame-perfect agents agree in round 1 at the closed-form share, d1 = ${d1}, d2 = ${d2}`, () => {
      // With T rounds the error of the round-one share contracts by d1 d2 every two rounds from at most 1:
      // |x_T - x*| <= (d1 d2)^floor((T - 1) / 2), below 2e-9 here for every pair.
      const T = 2000;
      const bound = finiteHorizonShareBound(d1, d2, T);
      expect(bound).toBeLessThan(2e-9);
      const { outcome, log } = play(surplusSplit(d1, d2, { deadlineRounds: T }));
      expect(outcome.ending).toBe('agreement');
      expect(outcome.roundsToAgree).toBe(1);
      expect(log.filter((e) => e.kind === 'offer')).toHaveLength(1);
      expect(Math.abs(outcome.terms!.share - rubinsteinShare(d1, d2))).toBeLessThanOrEqual(bound + 1e-14);
      expect(outcome.payoff.coalition + outcome.payoff.target).toBeCloseTo(1, 14);
    });
  }

  it('the target proposing first gets (1 - d1) / (1 - d1 d2)', () => {
    const { outcome } = play(surplusSplit(0.7, 0.9, { firstProposer: 'target' }));
    expect(outcome.roundsToAgree).toBe(1);
    expect(1 - outcome.terms!.share).toBeCloseTo(rubinsteinShare(0.9, 0.7), 12);
  });

  it('breakdown risk is folded into the effective discount', () => {
    for (const q of [0.05, 0.2, 0.6]) {
      const { outcome } = play(surplusSplit(0.9, 0.85, { breakdownProbability: q }));
      expect(outcome.roundsToAgree).toBe(1);
      expect(outcome.terms!.share).toBeCloseTo(rubinsteinShare(0.9, 0.85, q), 12);
    }
  });

  it('the finite-horizon plan converges to the closed form as the deadline grows', () => {
    const u = surplusSplit(0.9, 0.8);
    const utility = {
      coalition: compileUtility(u.coalition.utility, u.issues),
      target: compileUtility(u.target.types[0].utility, u.issues),
    };
    const share = (T: number) => subgamePerfectPlan({ deadlineRounds: T, breakdownProbability: 0, firstProposer: 'coalition', discount: { coalition: 0.9, target: 0.8 }, utility })[0].positions[0];
    // One round: the proposer takes everything (the responder's alternative is its reservation 0).
    expect(share(1)).toBe(1);
    // Two rounds: the responder gets d2 * 1 = 0.8 from proposing next.
    expect(share(2)).toBeCloseTo(0.2, 15);
    const errors = [4, 8, 16, 32, 64].map((T) => Math.abs(share(T) - rubinsteinShare(0.9, 0.8)));
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1]);
    [4, 8, 16, 32, 64].forEach((T, i) => expect(errors[i]).toBeLessThanOrEqual(0.72 ** Math.floor((T - 1) / 2) + 1e-15));
    expect(errors[4]).toBeLessThan(1e-4);
  });

  it('property: for any discounts and breakdown risk, agreement in round 1 at the closed form', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (d1, d2, q) => {
        const { outcome } = play(surplusSplit(d1, d2, { breakdownProbability: q }));
        const e = d1 * d2 * (1 - q) ** 2;
        return outcome.roundsToAgree === 1 && Math.abs(outcome.terms!.share - rubinsteinShare(d1, d2, q)) <= e ** Math.floor((400 - 1) / 2) + 1e-12;
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('one target type and complete information: no breakdown in any session, even with breakdown risk', () => {
    const r = runSessions({ protocol: surplusSplit(0.9, 0.7, { breakdownProbability: 0.3, deadlineRounds: 60 }), coalition: SUBGAME_PERFECT, target: SUBGAME_PERFECT, sessions: 300, seed: 3 });
    expect(r.summary.endings).toEqual({ agreement: 300, breakdown: 0, deadline: 0, 'walked-away': 0 });
    expect(r.summary.roundsToAgree.mean).toBe(1);
  });
});

describe('subgame-perfect bargaining over several issues', () => {
  it('property: agents agree in round 1 on the point Rubinstein-on-the-frontier predicts (two independent computations)', () => {
    const weights = (n: number) => fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n, maxLength: n }).filter((w) => w.some((x) => x > 0)).map((w) => w.map((x) => x / w.reduce((a, b) => a + b, 0)));
    const arb = fc.integer({ min: 1, max: 3 }).chain((n) =>
      fc.record({ n: fc.constant(n), wc: weights(n), wt: weights(n), pc: fc.array(fc.boolean(), { minLength: n, maxLength: n }), pt: fc.array(fc.boolean(), { minLength: n, maxLength: n }), d1: fc.double({ min: 0.3, max: 0.9, noNaN: true }), d2: fc.double({ min: 0.3, max: 0.9, noNaN: true }) }),
    );
    fc.assert(
      fc.property(arb, ({ n, wc, wt, pc, pt, d1, d2 }) => {
        const issues = Array.from({ length: n }, (_, k) => ({ name: `i${k}`, low: 0, high: 1 }));
        const util = (w: number[], p: boolean[]) => ({ issues: Object.fromEntries(issues.map((iss, k) => [iss.name, { weight: w[k], prefers: p[k] ? ('high' as const) : ('low' as const) }])), reservation: 0 });
        const protocol = { issues, coalition: { discount: d1, utility: util(wc, pc) }, target: { discount: d2, types: [{ name: 'only', prior: 1, utility: util(wt, pt) }] }, deadlineRounds: 400, information: 'complete' as const };
        const { outcome } = play(protocol);
        // The utility set is the hull of the box's corners (utilities are linear in the issues).
        const compiled = { c: compileUtility(protocol.coalition.utility, issues), t: compileUtility(protocol.target.types[0].utility, issues) };
        const corners: UtilityPair[] = Array.from({ length: 2 ** n }, (_, m) => {
          const p = issues.map((_, k) => (m >> k) & 1);
          return [utilityAt(compiled.c, p), utilityAt(compiled.t, p)];
        });
        const predicted = rubinsteinOnFrontier(efficientHull(corners), [0, 0], d1, d2)!.partyZeroProposes.utility;
        return outcome.roundsToAgree === 1 && Math.abs(outcome.payoff.coalition - predicted[0]) < 1e-9 && Math.abs(outcome.payoff.target - predicted[1]) < 1e-9;
      }),
      { numRuns: 80, seed: 13 },
    );
  });
});
