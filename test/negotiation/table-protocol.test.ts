import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';
import {
  createProtocol,
  efficientHull,
  playSession,
  protocolFromTable,
  rubinsteinOnFrontier,
  rubinsteinShare,
  runSessions,
  Session,
  SUBGAME_PERFECT,
  tabulatedUtility,
  BOULWARE,
  CONCEDER,
  type UtilityPair,
  type UtilityTable,
} from '../../src/negotiation/index.ts';

const exact = (mean: number) => ({ mean, se: 0 });

/** A table over one parameter x on a grid, one target type, outside options 0. */
function oneType(xs: number[], coalition: (x: number) => number, target: (x: number) => number): UtilityTable {
  return {
    parties: ['coalition', 'target'],
    targetParty: 'target',
    targetTypes: [{ name: 'only', prior: 1 }],
    designs: xs.map((x) => ({ design: { id: `x=${x}`, parameters: { x, tranches: 3 } }, utility: { coalition: { only: exact(coalition(x)) }, target: { only: exact(target(x)) } } })),
    outsideOption: { coalition: { only: exact(0) }, target: { only: exact(0) } },
  };
}

const play = (protocol: unknown) => {
  const s = new Session(protocol);
  playSession(s, { coalition: SUBGAME_PERFECT.create(createRng('a')), target: SUBGAME_PERFECT.create(createRng('b')) }, createRng('c'));
  return s.outcome!;
};

describe('bargaining over simulated utilities (a utility table along one parameter)', () => {
  const grid = [0, 0.25, 0.5, 0.75, 1];

  it('linear utilities in the table: the Rubinstein share, agreed in round one', () => {
    const table = oneType([...grid].reverse(), (x) => 1 - x, (x) => x);
    const p = protocolFromTable(table, { parameter: 'x', discount: { coalition: 0.9, target: 0.8 }, deadlineRounds: 400, information: 'complete' });
    expect(p.issues).toEqual([{ name: 'x', low: 0, high: 1 }]);
    const out = play(p);
    expect(out.roundsToAgree).toBe(1);
    expect(out.payoff.coalition).toBeCloseTo(rubinsteinShare(0.9, 0.8), 12);
  });

  it('a curved utility: the session agrees with Rubinstein on the frontier of the table (two computations)', () => {
    const table = oneType(grid, (x) => 1 - x * x, (x) => x);
    const corners: UtilityPair[] = grid.map((x) => [1 - x * x, x]);
    for (const [d0, d1] of [[0.9, 0.8], [0.6, 0.95], [0.5, 0.5]]) {
      const out = play(protocolFromTable(table, { parameter: 'x', discount: { coalition: d0, target: d1 }, deadlineRounds: 400, information: 'complete' }));
      const predicted = rubinsteinOnFrontier(efficientHull(corners), [0, 0], d0, d1)!.partyZeroProposes.utility;
      expect(out.roundsToAgree).toBe(1);
      expect(out.payoff.coalition).toBeCloseTo(predicted[0], 10);
      expect(out.payoff.target).toBeCloseTo(predicted[1], 10);
    }
  });

  it('tabulated utilities: values interpolated between designs, outside options as reservations', () => {
    const u = tabulatedUtility(oneType(grid, (x) => 1 - x, (x) => 2 * x), 'target', 'only', 'x');
    expect(u).toEqual({ tabulated: grid.map((x) => [x, 2 * x]), reservation: 0 });
  });

  it('private types with their own outside options, and the coalition valuing each type: sessions run', () => {
    const table: UtilityTable = {
      parties: ['coalition', 'target'],
      targetParty: 'target',
      targetTypes: [{ name: 'sincere', prior: 0.7 }, { name: 'opportunist', prior: 0.3 }],
      designs: grid.map((x) => ({
        design: { id: `x=${x}`, parameters: { x } },
        utility: { coalition: { sincere: exact(1 - 0.5 * x), opportunist: exact(0.6 - 0.8 * x) }, target: { sincere: exact(2 * x - 0.4), opportunist: exact(3 * x + 0.1) } },
      })),
      outsideOption: { coalition: { sincere: exact(0.3), opportunist: exact(0.3) }, target: { sincere: exact(0.2), opportunist: exact(0.4) } },
    };
    const p = protocolFromTable(table, { parameter: 'x', discount: { coalition: 0.95, target: 0.9 }, deadlineRounds: 30, breakdownProbability: 0.02 });
    expect(p.coalition.utilityByType!.opportunist.reservation).toBe(0.3);
    const r = runSessions({ protocol: p, coalition: BOULWARE, target: CONCEDER, sessions: 200, seed: 1 });
    expect(r.summary.sessions).toBe(200);
    for (const o of r.outcomes.filter((o) => o.ending === 'agreement')) expect(o.terms!.x).toBeGreaterThanOrEqual(0);
  });

  it('bad input: another parameter varying, a repeated value, a tabulated utility that misses the range', () => {
    const t = oneType(grid, (x) => 1 - x, (x) => x);
    t.designs[2].design.parameters.tranches = 4;
    expect(() => protocolFromTable(t, { parameter: 'x', discount: { coalition: 0.9, target: 0.9 }, deadlineRounds: 5 })).toThrow(/table\.designs\[2\]\.design\.parameters\.tranches: is 4, not 3/);
    const r = oneType([0, 0.5, 0.5, 1], (x) => 1 - x, (x) => x);
    expect(() => tabulatedUtility(r, 'target', 'only', 'x')).toThrow(/repeats x = 0\.5/);
    expect(() => tabulatedUtility(oneType(grid, (x) => x, (x) => x), 'target', 'only', 'y')).toThrow(/parameter: "y" is not a parameter/);
    const base = { issues: [{ name: 'x', low: 0, high: 1 }], deadlineRounds: 5, target: { discount: 0.9, types: [{ name: 'a', prior: 1, utility: { tabulated: [[0, 0], [1, 1]] as [number, number][], reservation: 0 } }] } };
    expect(() => createProtocol({ ...base, coalition: { discount: 0.9, utility: { tabulated: [[0, 1], [0.8, 0]], reservation: 0 } } })).toThrow(/protocol\.coalition\.utility\.tabulated: must run from x = 0 to x = 1/);
    expect(() => createProtocol({ ...base, coalition: { discount: 0.9, utility: { tabulated: [[0, 1], [0.6, 0.2], [0.5, 0.3], [1, 0]], reservation: 0 } } })).toThrow(/tabulated\[2\]: x = 0\.5 after 0\.6/);
    expect(() => createProtocol({ ...base, coalition: { discount: 0.9, utility: { reservation: 0 } } })).toThrow(/protocol\.coalition\.utility: give either issues/);
  });
});
