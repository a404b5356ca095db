import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRunner, simulate, type RunResult } from '../../src/engine/simulate.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { compileScenario } from '../../src/engine/compile.ts';
import { TargetPlan, type PlanQ } from '../../src/engine/deterrence/plan.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { analyticScenario, complyingScenario, meanSe, Z } from '../helpers/analytic.ts';
import { scenarioArb } from '../helpers/arbitrary-scenario.ts';

// The analytic setting (test/helpers/analytic.ts): pi_R = 2, g = 1, delta = 0.9, gamed
// statistics caught with p per inspection, automatic permanent full re-imposition.
const DELTA = 0.9;
const PI_R = 2;
const G = 1;
const V_FULL = PI_R / (1 - DELTA);

const scripted = (action: 'comply' | 'cheat', overrides: Record<string, unknown>): Scenario =>
  analyticScenario(mergeDeep({ target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action }] } }, overrides));

/** Discounted relief of a run, per unit of the full package lifted for ever (the engine's own relief in force). */
const reliefShare = (r: RunResult): number => {
  let v = 0;
  for (let t = 0; t < r.horizonPeriods; t++) v += DELTA ** t * r.series.reliefInForce[t];
  return v * (1 - DELTA);
};

/**
 * The engine's own sustained breach against the compliant path: per run, on common random
 * numbers, the discounted relief of always complying less that of always cheating, as a
 * share of the full package. Its mean is what leverage at period 0 should be.
 */
function simulatedStake(overrides: Record<string, unknown>, runs: number): { mean: number; se: number; leverage0: number } {
  const comply = createRunner(scripted('comply', overrides));
  const cheat = createRunner(scripted('cheat', overrides));
  const diffs: number[] = [];
  let leverage0 = NaN;
  for (let i = 0; i < runs; i++) {
    const a = comply.run(runSeed(3, i));
    leverage0 = a.series.leverage[0];
    const kept = reliefShare(a);
    diffs.push(kept - reliefShare(cheat.run(runSeed(3, i))));
  }
  return { ...meanSe(diffs), leverage0 };
}

describe('leverage is measured in the target\'s own utility', () => {
  it('grim trigger: the relief a sustained breach forfeits is delta p / (1 - delta + delta p) of the package, on both sides of p*', () => {
    // Complying forever keeps pi_R / (1 - delta); cheating forever keeps pi_R a period until
    // caught (chance p, then nothing): pi_R / (1 - delta (1 - p)). Their difference over V_full.
    const pStar = (G * (1 - DELTA)) / (DELTA * PI_R);
    for (const p of [0.01, pStar * 0.9, pStar * 1.1, 0.3, 0.5, 1]) {
      const r = simulate(complyingScenario({ horizonPeriods: 6, design: { verification: { detectionProbability: p } } }), 1);
      const expected = (DELTA * p) / (1 - DELTA + DELTA * p);
      for (let t = 0; t < 6; t++) expect(r.series.leverage[t]).toBeCloseTo(expected, 6);
      expect(r.series.leverageCeiling[0]).toBeCloseTo(1, 6);
      // MODEL.md result 1 read through leverage: a best-responding target complies iff the
      // gain of a sustained breach, g / (1 - delta + delta p), is at most the relief it forfeits.
      const br = simulate(analyticScenario({ horizonPeriods: 2, design: { verification: { detectionProbability: p } } }), 1);
      const deterred = G / (1 - DELTA + DELTA * p) <= br.series.leverage[0] * V_FULL;
      expect(br.series.trueCompliance[0] === 1).toBe(deterred);
    }
  });

  it('the fixed-policy tables agree with the best response where it is that policy', () => {
    const at = (p: number): { best: PlanQ; sustained: PlanQ } => {
      const c = compileScenario(analyticScenario({ design: { verification: { detectionProbability: p } } }));
      const plan = new TargetPlan(c, c.types[1]);
      const env = { catchGamed: p, catchShown: 1, falseAlarm: 0, kappa: 1, reliefScale: 1, gainScale: 1 };
      const st = { phase: 0 as const, u: 0, n: 0, vis: 0, j: 0, sigma: 0, w: 0, s: 0 };
      return { best: { ...plan.q(0, 10, st, env, { comply: 0, cheat: 0 }) }, sustained: { ...plan.sustained(0, 10, st, env, { comply: 0, cheat: 0 }) } };
    };
    // Above p* the best response complies for ever: its value of complying is the compliant path's.
    const high = at(0.5);
    expect(high.sustained.comply).toBeCloseTo(high.best.comply, 9);
    expect(high.sustained.comply).toBeCloseTo(V_FULL, 4);
    // Below p* it cheats for ever: its value of cheating is the sustained breach's, (pi_R + g) / (1 - delta (1 - p)).
    const low = at(0.02);
    expect(low.sustained.cheat).toBeCloseTo(low.best.cheat, 9);
    expect(low.sustained.cheat).toBeCloseTo((PI_R + G) / (1 - DELTA * 0.98), 4);
  });

  // Failed from 8f2ea11 (stall buckets to the horizon) until the plan froze the stall once
  // every tranche is in force: a bucket's jump took back relief already given, so the tables
  // gave 0.686 at p = 1 where the closed form and the engine's always-cheat runs give
  // delta^6 = 0.531.
  it('licensed relief counts with its real chance of non-renewal: [1 - (1 - p)^m] delta^m / (1 - [delta (1 - p)]^m)', () => {
    // One licence of m = 6 periods tied to the benchmark, granted at 0, no re-imposition
    // mechanism: a sustained breach loses the licence at the first renewal after a flag is
    // read, for good. A flag in term i (chance (1 - p)^(6(i-1)) (1 - (1 - p)^6)) ends relief
    // from 6i. The tables treat periods from 7 on as stationary (the mean over a term's
    // phases), hence 1e-3 away from p = 1.
    const licence = (p: number) => ({ horizonPeriods: 120, design: { verification: { detectionProbability: p }, consequences: { trigger: 'none' }, tranches: [{ id: 'all', lifts: { all: 1 }, benchmarks: ['b'], delivery: 'licence', licencePeriods: 6 }] } });
    const closed = (p: number) => ((1 - (1 - p) ** 6) * DELTA ** 6) / (1 - (DELTA * (1 - p)) ** 6);
    expect(simulate(scripted('comply', licence(1)), 1).series.leverage[0]).toBeCloseTo(closed(1), 6);
    for (const p of [0.3, 0.6]) expect(Math.abs(simulate(scripted('comply', licence(p)), 1).series.leverage[0] - closed(p))).toBeLessThan(1e-3);
    // Never caught (gamed statistics, p = 0): the licence makes nothing conditional.
    expect(simulate(scripted('comply', licence(0)), 1).series.leverage[0]).toBe(0);
    // Not the whole licence, as the mechanical index's full credibility had it.
    expect(closed(0.3)).toBeLessThan(0.6);
    // And the engine agrees: its own always-cheat runs lose that much relief.
    const sim = simulatedStake(licence(0.3), 400);
    expect(Math.abs(sim.mean - sim.leverage0)).toBeLessThan(Z * sim.se);
  });

  it('more relief still to come means more leverage, by the hand-computed amount', () => {
    // Half the package lifted now; the other half due at period 10 on the benchmark, or never.
    // A sustained (gamed) breach keeps relief until caught (chance 0.5 a period), then none:
    // a = delta (1 - p); path = 0.5 (1 - delta^10) / (1 - delta) + delta^10 / (1 - delta).
    const cats = [{ id: 'now', painWeight: 0.5 }, { id: 'later', painWeight: 0.5 }];
    const toCome = { horizonPeriods: 120, design: { categories: cats, tranches: [{ id: 'now', lifts: { now: 1 } }, { id: 'later', lifts: { later: 1 }, benchmarks: ['b'], earliestPeriod: 10 }] } };
    const never = { horizonPeriods: 120, design: { categories: cats, tranches: [{ id: 'now', lifts: { now: 1 } }] } };
    const a = DELTA * 0.5;
    const path = (0.5 * (1 - DELTA ** 10)) / (1 - DELTA) + DELTA ** 10 / (1 - DELTA);
    const kept = (0.5 * (1 - a ** 10)) / (1 - a) + a ** 10 / (1 - a);
    const more = simulate(scripted('comply', toCome), 1);
    const less = simulate(scripted('comply', never), 1);
    expect(more.trancheReleasePeriods).toEqual([0, 10]);
    expect(more.series.leverage[0]).toBeCloseTo((path - kept) * (1 - DELTA), 6);
    expect(less.series.leverage[0]).toBeCloseTo((0.5 * DELTA * 0.5) / (1 - DELTA + DELTA * 0.5), 6);
    for (let t = 0; t < 10; t++) expect(more.series.leverage[t]).toBeGreaterThan(less.series.leverage[t]);
    // Once released, the two halves are one package in force: the same as lifting it all at once.
    expect(more.series.leverage[20]).toBeCloseTo(simulate(complyingScenario({ horizonPeriods: 21 }), 1).series.leverage[20], 6);
    // The engine's own sustained breach loses what the tables say.
    const sim = simulatedStake(toCome, 400);
    expect(Math.abs(sim.mean - sim.leverage0)).toBeLessThan(Z * sim.se);
  });

  it('the coalition\'s credibility and cohesion scale it: no trigger, no leverage from what was lifted', () => {
    const none = simulate(scripted('comply', { horizonPeriods: 4, design: { consequences: { trigger: 'none' } } }), 1);
    expect(Array.from(none.series.leverage)).toEqual([0, 0, 0, 0]);
  });
});

describe('leverage ranks a collapsed deal below the same deal holding', () => {
  it('is 0 from the collapse on: snapped-back sanctions are pain, not leverage', () => {
    // A target that cheats and is caught at once: the grim re-imposition collapses the deal.
    const s = analyticScenario({ horizonPeriods: 10, target: { decisionMode: 'scripted', script: [{ fromPeriod: 2, action: 'cheat' }] }, design: { verification: { detectionProbability: 1 } } });
    const r = simulate(s, 1);
    expect(r.summary.collapsed).toBe(1);
    const at = r.summary.collapsePeriod;
    for (let t = at; t < r.horizonPeriods; t++) {
      expect(r.series.sanctionsInForce[t]).toBe(1);
      expect(r.series.leverage[t]).toBe(0);
      expect(r.series.leverageCeiling[t]).toBe(0);
    }
    // The same deal holding keeps what a breach would cost: delta p / (1 - delta + delta p) at p = 1.
    const holding = simulate(complyingScenario({ horizonPeriods: 10, design: { verification: { detectionProbability: 1 } } }), 1);
    expect(holding.summary.collapsed).toBe(0);
    expect(holding.series.leverage[9]).toBeCloseTo(DELTA, 6);
  });

  it('on common random numbers, a run that collapses never scores above the same seed held together', () => {
    // The same baseline, once as it is and once with the collapse ruled out (no cohesion
    // floor, no type able to defy): each seed's run is the same world with and without the collapse.
    const loaded = loadScenarioFile('scenarios/baseline.yaml');
    if (!loaded.ok) throw new Error('baseline');
    const noDefiance = { defianceThreshold: 1 };
    const held = mergeDeep(loaded.scenario as unknown as Record<string, unknown>, { coalition: { collapseCohesion: 0 }, target: { types: { sincere: noDefiance, opportunist: noDefiance, hardliner: noDefiance } } }) as unknown as Scenario;
    const asIs = createRunner(loaded.scenario);
    const together = createRunner(held);
    let pairs = 0;
    let collapsedSum = 0;
    let heldSum = 0;
    for (let i = 0; i < 200; i++) {
      const a = asIs.run(runSeed(8, i));
      if (!a.summary.collapsed) continue;
      const at = a.summary.collapsePeriod;
      const finalCollapsed = a.summary.finalLeverage;
      const b = together.run(runSeed(8, i));
      expect(b.summary.collapsed).toBe(0);
      for (let t = at; t < b.horizonPeriods; t++) expect(a.series.leverage[t]).toBe(0);
      expect(finalCollapsed).toBeLessThanOrEqual(b.summary.finalLeverage);
      pairs++;
      for (let t = at; t < b.horizonPeriods; t++) {
        collapsedSum += a.series.leverage[t];
        heldSum += b.series.leverage[t];
      }
    }
    expect(pairs).toBeGreaterThan(20);
    expect(collapsedSum).toBe(0);
    // The baseline's collapses are hardliners defying once everything tied to their
    // benchmarks was revoked for good: held together, nothing is conditional there either.
    expect(heldSum).toBeGreaterThanOrEqual(0);
  });

  it('on common random numbers, a breach that collapses the deal leaves 0 where a finite re-imposition leaves leverage', () => {
    // One period of cheating (period 2), then complying; caught with chance 1/2 a period
    // while it persists. The grim design collapses on a catch; the same design with a
    // 3-period re-imposition holds, and relief returns. Same seeds, same catches.
    const breach = { horizonPeriods: 16, target: { decisionMode: 'scripted', script: [{ fromPeriod: 2, action: 'cheat' }, { fromPeriod: 3, action: 'comply' }] } };
    const grim = createRunner(analyticScenario(breach));
    const finite = createRunner(analyticScenario(mergeDeep(breach, { design: { consequences: { response: 'proportional', reimpositionPeriods: 3 } } })));
    let pairs = 0;
    for (let i = 0; i < 40; i++) {
      const a = grim.run(runSeed(5, i));
      const collapsed = a.summary.collapsed === 1;
      const at = a.summary.collapsePeriod;
      const aLev = Array.from(a.series.leverage);
      const b = finite.run(runSeed(5, i));
      expect(b.summary.collapsed).toBe(0);
      if (!collapsed) {
        // Not caught: the two designs saw the same clean world.
        expect(b.summary.reimpositions).toBe(0);
        continue;
      }
      pairs++;
      expect(b.summary.reimpositions).toBe(1);
      for (let t = at; t < b.horizonPeriods; t++) expect(aLev[t]).toBe(0);
      // Once the block ends and relief is back, the held deal has something to lose again.
      expect(b.series.leverage[b.horizonPeriods - 1]).toBeGreaterThan(0.5);
    }
    expect(pairs).toBeGreaterThan(10);
  });

  it("the mechanical index's threat counts a licence with its chance of not being renewed, not in full", () => {
    const licence = (p: number) =>
      complyingScenario({ horizonPeriods: 8, design: { verification: { detectionProbability: p }, tranches: [{ id: 'all', lifts: { all: 1 }, delivery: 'licence', licencePeriods: 6 }] } });
    // Released at 0, expires at 6; at period 0 the inspections of periods 0..4 are read by period 5 (no lag): 5 chances.
    const half = simulate(licence(0.5), 1).series.leverageThreat[0];
    expect(half).toBeCloseTo(1 - 0.5 ** 5, 12);
    expect(simulate(licence(1), 1).series.leverageThreat[0]).toBe(1);
    expect(simulate(licence(0), 1).series.leverageThreat[0]).toBe(0);
  });
});

describe('leverage over random valid scenarios', () => {
  it('lies in [0, its ceiling] within [0, 1], and both are 0 from a collapse on', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (scenario, seed) => {
        const r = simulate(scenario, seed);
        const from = r.summary.collapsed ? r.summary.collapsePeriod : r.horizonPeriods;
        for (let t = 0; t < r.horizonPeriods; t++) {
          const x = r.series.leverage[t];
          const ceiling = r.series.leverageCeiling[t];
          if (!(x >= 0 && x <= ceiling && ceiling <= 1)) throw new Error(`leverage ${x}, ceiling ${ceiling} at ${t}`);
          if (t >= from && (x !== 0 || ceiling !== 0)) throw new Error(`leverage ${x} after the collapse at ${from}`);
        }
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

});
