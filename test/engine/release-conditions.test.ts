import { describe, expect, it } from 'vitest';
import { createRunner, simulate } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { complyingScenario, meanSe, Z } from '../helpers/analytic.ts';

/**
 * Conditions the cases needed beyond benchmarks and belief: a clearance outside the
 * deal that comes with a hazard rate (Libya's and Sudan's terrorism-list step), a
 * sustained-period clock that starts at the offer (Iraq's resolution 1284), and
 * resolve that wears down (sanctions fatigue). Each against its closed form, with a
 * complying target and the benchmark met from the start, so nothing else moves.
 */
const tranche = (extra: Record<string, unknown>) => ({ design: { tranches: [{ id: 'all', lifts: { all: 1 }, ...extra }] } });

describe('tranche clearance outside the benchmarks (clearanceHazardPerPeriod)', () => {
  it('h = 0.2: release at earliest + a geometric wait, mean (1 - h) / h = 4, and P(no wait) = h, within 3.89 MC SE', () => {
    const h = 0.2;
    const runner = createRunner(complyingScenario({ horizonPeriods: 400, ...tranche({ earliestPeriod: 5, clearanceHazardPerPeriod: h }) }));
    const waits: number[] = [];
    for (let i = 0; i < 4000; i++) waits.push(runner.run(runSeed(17, i)).trancheReleasePeriods[0] - 5);
    expect(Math.min(...waits)).toBe(0);
    const { mean, se } = meanSe(waits);
    expect(Math.abs(mean - (1 - h) / h)).toBeLessThan(Z * se);
    const none = waits.filter((w) => w === 0).length / waits.length;
    expect(Math.abs(none - h)).toBeLessThan(Z * Math.sqrt((h * (1 - h)) / waits.length));
  });

  it('h = 1 is no condition (release at the earliest period, same run as without the field); h = 0 never clears', () => {
    const plain = simulate(complyingScenario(tranche({ earliestPeriod: 5 })), 3);
    const one = simulate(complyingScenario(tranche({ earliestPeriod: 5, clearanceHazardPerPeriod: 1 })), 3);
    expect(one.trancheReleasePeriods).toEqual([5]);
    expect(one.series.sanctionsInForce).toEqual(plain.series.sanctionsInForce);
    expect(simulate(complyingScenario(tranche({ earliestPeriod: 5, clearanceHazardPerPeriod: 0 })), 3).trancheReleasePeriods).toEqual([-1]);
  });
});

describe('sustained periods counted from the earliest period (sustainedFromEarliest)', () => {
  it('a benchmark met from period 0, earliest 10, sustained 4: released at 13 with the clock at the offer, at 10 without', () => {
    const at = (sustainedFromEarliest: boolean) =>
      simulate(complyingScenario(tranche({ earliestPeriod: 10, sustainedPeriods: 4, sustainedFromEarliest })), 1).trancheReleasePeriods[0];
    expect(at(false)).toBe(10);
    expect(at(true)).toBe(13);
  });
});

describe('resolve erosion (resolveErosionPerPeriod)', () => {
  it('a member with resolve r eroding by e per period eases at the first t with cost > r (1 - e)^(t + 1)', () => {
    const members = (erosion: number) => ({
      coalition: {
        members: [
          { id: 'a', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 },
          { id: 'b', weight: 0.4, resolve: 10, costPerPeriod: 2, hawkishness: 1, resolveErosionPerPeriod: erosion },
        ],
      },
    });
    // No relief ever comes (a clearance that is never given), so sanctions stay fully in force and the cost is 2 every period.
    const eased = (erosion: number) =>
      simulate(complyingScenario({ ...members(erosion), ...tranche({ clearanceHazardPerPeriod: 0 }) }), 1, { recordEvents: true }).events.filter((e) => e.kind === 'defection');
    for (const e of [0.1, 0.05, 0.3]) {
      const expected = Math.ceil(Math.log(2 / 10) / Math.log(1 - e)) - 1;
      expect(eased(e), `erosion ${e}`).toEqual([{ period: expected, kind: 'defection', subject: 'b' }]);
    }
    expect(eased(0)).toEqual([]);
  });
});
