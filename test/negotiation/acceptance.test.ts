import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptance,
  acceptanceByDesign,
  analyseFamily,
  designGrid,
  problemForType,
  signingThresholds,
  valueOfOffering,
  zoneOfAgreement,
  type UtilityTable,
} from '../../src/negotiation/index.ts';

const exact = (mean: number) => ({ mean, se: 0 });

/**
 * A one-parameter family (leniency x in [0, 1]) with utilities linear in x: a sincere type
 * gains 2x - 0.4 over sanctions (outside option 0.2), an opportunist 3x + 0.1 (outside
 * option 0.4); the coalition loses with leniency, more when the signer is an opportunist.
 * The sincere type signs iff 2x - 0.4 >= 0.2, i.e. x >= 0.3; the opportunist iff x >= 0.1.
 */
function leniencyTable(xs: number[]): UtilityTable {
  const design = (x: number) => ({
    design: { id: `x=${x}`, parameters: { leniency: x } },
    utility: {
      coalition: { sincere: exact(1 - 0.5 * x), opportunist: exact(0.6 - 0.8 * x) },
      target: { sincere: exact(2 * x - 0.4), opportunist: exact(3 * x + 0.1) },
    },
  });
  return {
    parties: ['coalition', 'target'],
    targetParty: 'target',
    targetTypes: [{ name: 'sincere', prior: 0.7 }, { name: 'opportunist', prior: 0.3 }],
    designs: xs.map(design),
    outsideOption: { coalition: { sincere: exact(0.3), opportunist: exact(0.3) }, target: { sincere: exact(0.2), opportunist: exact(0.4) } },
  };
}

describe('acceptance and adverse selection', () => {
  it('which types sign, P(signed) and the type mix among signers (Bayes)', () => {
    const a = acceptance([
      { type: 'sincere', prior: 0.5, utility: exact(2), outsideOption: exact(1) },
      { type: 'opportunist', prior: 0.3, utility: exact(1.5), outsideOption: exact(1) },
      { type: 'hardliner', prior: 0.2, utility: exact(0), outsideOption: exact(1) },
    ]);
    expect(a.byType.map((t) => t.signs)).toEqual([true, true, false]);
    expect(a.signingProbability).toBeCloseTo(0.8, 15);
    expect(a.signersMix!.sincere).toBeCloseTo(0.625, 15);
    expect(a.signersMix!.opportunist).toBeCloseTo(0.375, 15);
    expect(a.signersMix!.hardliner).toBe(0);
    expect(a.selection!.opportunist).toBeCloseTo(1.25, 15);
  });

  it('nobody signs: probability 0 and no belief at signing', () => {
    const a = acceptance([{ type: 'only', prior: 1, utility: exact(0), outsideOption: exact(1) }]);
    expect(a.signingProbability).toBe(0);
    expect(a.signersMix).toBeNull();
  });

  it('a lenient design is signed mostly by opportunists (adverse selection)', () => {
    // At x = 0.2 only the opportunist signs; at x = 0.5 both do.
    const rows = acceptanceByDesign(leniencyTable([0.2, 0.5]));
    expect(rows[0].acceptance.signersMix).toEqual({ sincere: 0, opportunist: 1 });
    expect(rows[1].acceptance.signingProbability).toBeCloseTo(1, 15);
    expect(rows[1].acceptance.signersMix!.opportunist).toBeCloseTo(0.3, 15);
  });

  it('flips exactly where utility crosses the outside option', () => {
    // The sincere type's margin 2x - 0.6 crosses 0 at x = 0.3, between grid points 0.2 and 0.4 (or on 0.3 itself).
    const xs = designGrid({ parameters: [{ name: 'leniency', low: 0, high: 1, steps: 11 }] }).map((d) => d.parameters.leniency);
    const rows = acceptanceByDesign(leniencyTable(xs));
    const sincere = rows.map((r, i) => ({ x: xs[i], margin: r.acceptance.byType[0].margin, signs: r.acceptance.byType[0].signs }));
    const [threshold] = signingThresholds(sincere);
    expect(threshold).toBeCloseTo(0.3, 14);
    for (const s of sincere) expect(s.signs).toBe(s.margin >= 0);
    // Just below and just above the crossing, by one part in 1e12.
    const around = acceptanceByDesign(leniencyTable([threshold - 1e-12, threshold + 1e-12]));
    expect(around.map((r) => r.acceptance.byType[0].signs)).toEqual([false, true]);
  });

  it('property: a type signs iff its margin is >= 0, for any utilities', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (u, r) => {
        const a = acceptance([{ type: 't', prior: 1, utility: exact(u), outsideOption: exact(r) }]);
        return a.byType[0].signs === u >= r && a.signingProbability === (u >= r ? 1 : 0);
      }),
      { numRuns: 500, seed: 2 },
    );
  });

  it('Monte Carlo error: the decision is marked unclear, and P(signed) gets a range', () => {
    const a = acceptance([
      { type: 'a', prior: 0.5, utility: { mean: 1.01, se: 0.05 }, outsideOption: { mean: 1, se: 0.05 } },
      { type: 'b', prior: 0.5, utility: { mean: 2, se: 0.05 }, outsideOption: { mean: 1, se: 0.05 } },
    ]);
    expect(a.byType[0].signs).toBe(true);
    expect(a.byType[0].clear).toBe(false);
    expect(a.byType[1].clear).toBe(true);
    expect(a.signingProbability).toBe(1);
    expect(a.signingProbabilityRange).toEqual([0.5, 1]);
  });

  it('the value of offering a design to an unknown type counts who signs', () => {
    const t = leniencyTable([0.2, 0.5]);
    // x = 0.2: only the opportunist (0.3) signs: 0.7 * 0.3 (no deal) + 0.3 * (0.6 - 0.16).
    expect(valueOfOffering(t, 0, 'coalition').mean).toBeCloseTo(0.7 * 0.3 + 0.3 * 0.44, 14);
    // x = 0.5: both sign: 0.7 * 0.75 + 0.3 * 0.2.
    expect(valueOfOffering(t, 1, 'coalition').mean).toBeCloseTo(0.7 * 0.75 + 0.3 * 0.2, 14);
  });

  it('the zone of agreement per type from the table', () => {
    const t = leniencyTable([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // Sincere: target needs x >= 0.3, coalition 1 - 0.5x >= 0.3 holds for x <= 1.4.
    expect(zoneOfAgreement(problemForType(t, 'sincere')).map((m) => m.id)).toEqual(['x=0.4', 'x=0.6', 'x=0.8', 'x=1']);
    // Opportunist: target needs x >= 0.1, coalition 0.6 - 0.8x >= 0.3 needs x <= 0.375.
    expect(zoneOfAgreement(problemForType(t, 'opportunist')).map((m) => m.id)).toEqual(['x=0.2']);
  });
});

describe('analyseFamily', () => {
  it('puts acceptance, the value of offering and the per-type solutions together', () => {
    const t = leniencyTable([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const a = analyseFamily(t);
    expect(a.designs.map((d) => d.acceptance.signingProbability)).toEqual([0, 0.3, 1, 1, 1, 1]);
    // Not knowing the type, the coalition does best offering x = 0.4 (value 0.7 * 0.8 + 0.3 * 0.28 = 0.644).
    expect(a.bestOffer.coalition.id).toBe('x=0.4');
    expect(a.bestOffer.coalition.value.mean).toBeCloseTo(0.644, 14);
    const sincere = a.byType.find((b) => b.type === 'sincere')!;
    expect(sincere.zone.map((m) => m.id)).toEqual(['x=0.4', 'x=0.6', 'x=0.8', 'x=1']);
    // Gains (0.7 - 0.5x, 2x - 0.6): the product peaks at x = 0.85; on the grid x = 0.8 is best (0.3 against 0.28 at x = 1).
    expect(sincere.nash!.id).toBe('x=0.8');
    expect(sincere.nash!.value).toBeCloseTo(0.3, 14);
    // The designs' utilities lie on one line, so the hull is that line: the exact point is x = 0.85, between 0.8 and 1.
    expect(sincere.nashOnHull!.method).toBe('frontier-interpolation');
    // The frontier runs in the coalition's utility, upward: from x = 1 (design 5) to x = 0.8 (design 4), weight 0.75 toward 4.
    expect(sincere.nashOnHull!.between).toEqual([5, 4]);
    expect(sincere.nashOnHull!.utility[0]).toBeCloseTo(1 - 0.5 * 0.85, 12);
    expect(sincere.nashOnHull!.weight).toBeCloseTo(0.75, 12);
    const opp = a.byType.find((b) => b.type === 'opportunist')!;
    expect(opp.nash!.id).toBe('x=0.2');
    expect(opp.kalaiSmorodinsky!.id).toBe('x=0.2');
  });
});
