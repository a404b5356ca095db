import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/engine/compile.ts';
import { SLOT } from '../../src/engine/core.ts';
import { compliantSchedule } from '../../src/engine/deterrence/schedule.ts';
import { fillValueGaps, newDeterrenceScratch, planFor, planStateOf, scheduledView } from '../../src/engine/deterrence/stakes.ts';
import { deviationTest, targetDeviationFamily, type DeviationCase } from '../../src/engine/deviation/deviation-test.ts';
import type { Policy, PolicyDefinition } from '../../src/engine/policy.ts';
import { numberParam } from '../../src/engine/policy.ts';
import type { TargetAction } from '../../src/engine/roles.ts';
import { createRunner, scenarioPolicies, simulate } from '../../src/engine/simulate.ts';
import { actBuffer } from '../../src/engine/actors/target/policies/best-response.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { analyticScenario, complyingScenario } from '../helpers/analytic.ts';

/**
 * Per-benchmark implementation rates, compliance costs and cheat gains (issues 9 item 7
 * and 10 item 9): off by default, each against an exact schedule or payoff worked out by
 * hand, and the best response reading the same numbers the recorded payoff uses.
 */

const byType = (t: Record<string, unknown>) => ({ sincere: t, opportunist: t, hardliner: t });

/**
 * A target policy for these tests: on benchmark `bench` (an index) it cheats in periods
 * [from, until) with honest or gamed statistics; it complies everywhere else.
 */
const cheatOn: PolicyDefinition<'target'> = {
  name: 'cheat-on-one',
  meta: { role: 'target', stochastic: true, memoryDepth: 0, observes: [], external: false, description: 'cheats on one benchmark in a window of periods' },
  create(params, c) {
    const bench = numberParam('cheat-on-one', params, 'bench', 0, 15, 0);
    const from = numberParam('cheat-on-one', params, 'from', 0, 600, 0);
    const until = numberParam('cheat-on-one', params, 'until', 0, 600, 600);
    const gamed = numberParam('cheat-on-one', params, 'gamed', 0, 1, 1);
    const action = actBuffer(c.nBenchmarks);
    const meta = this.meta;
    return {
      name: 'cheat-on-one',
      meta,
      decide: (o): TargetAction => {
        for (let b = 0; b < action.moves.length; b++) {
          const cheat = b === bench && o.period >= from && o.period < until;
          action.moves[b] = cheat ? 'cheat' : 'comply';
          action.reports[b] = cheat && (gamed === 1 ? o.chance(2 * b + 1) < o.gamingPropensity : false) ? 'gamed' : 'honest';
        }
        return action;
      },
    };
  },
};

function runWith(scenario: Scenario, params: Record<string, unknown>, seed = '1/0') {
  const c = compileScenario(scenario);
  const policies = scenarioPolicies(c);
  policies[SLOT.target] = cheatOn.create(params, c, -1) as Policy;
  return createRunner(scenario, policies).run(seed);
}

describe('per-benchmark terms: schema', () => {
  const base = () => JSON.parse(JSON.stringify(complyingScenario({ design: { benchmarks: [{ id: 'a' }, { id: 'b' }] } })));
  const errors = (edit: (s: any) => void) => {
    const s = base();
    edit(s);
    const v = validateScenario(s);
    return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
  };
  it('names the field and its range', () => {
    expect(errors((s) => (s.design.benchmarks[0].implementationRatePerPeriod = 1.5)).join('\n')).toMatch(/design\.benchmarks\[0\]\.implementationRatePerPeriod: 1\.5 is not in \[0, 1\]/);
    expect(errors((s) => (s.design.benchmarks[1].complianceCostWeight = -1)).join('\n')).toMatch(/design\.benchmarks\[1\]\.complianceCostWeight: -1 is not in \[0, 100\]/);
    expect(errors((s) => (s.design.benchmarks[0].cheatGainWeight = 101)).join('\n')).toMatch(/design\.benchmarks\[0\]\.cheatGainWeight: 101 is not in \[0, 100\]/);
  });
  it('refuses weights that sum to 0 (nothing to split the type\'s cost by)', () => {
    const e = errors((s) => {
      s.design.benchmarks[0].complianceCostWeight = 0;
      s.design.benchmarks[1].complianceCostWeight = 0;
    });
    expect(e.join('\n')).toMatch(/design\.benchmarks: complianceCostWeight values \(a benchmark without one at its weight\) sum to 0/);
    expect(errors((s) => (s.design.benchmarks[0].cheatGainWeight = 0))).toEqual([]);
  });
  it('compiles unset terms to exactly the weights, and set ones normalised like weights', () => {
    const plain = compileScenario(complyingScenario({ design: { benchmarks: [{ id: 'a', weight: 1 }, { id: 'b', weight: 3 }] } }));
    expect(Array.from(plain.benchCostShare)).toEqual(Array.from(plain.benchWeight));
    expect(Array.from(plain.benchGainShare)).toEqual(Array.from(plain.benchWeight));
    expect(Array.from(plain.benchRate)).toEqual([-1, -1]);
    const own = compileScenario(complyingScenario({ design: { benchmarks: [{ id: 'a', weight: 1, complianceCostWeight: 3 }, { id: 'b', weight: 3, cheatGainWeight: 9, implementationRatePerPeriod: 0.25 }] } }));
    expect(Array.from(own.benchCostShare)).toEqual([0.5, 0.5]);
    expect(Array.from(own.benchGainShare)).toEqual([0.1, 0.9]);
    expect(Array.from(own.benchRate)).toEqual([-1, 0.25]);
  });
});

describe('per-benchmark implementation rate: an exact schedule', () => {
  // fast (the type's rate) buys t1, slow (its own rate 0.25) buys t2; levels from 0, no lag:
  // a level reached at the end of period t is read, and its tranche released, at t + 1.
  const timed = (typeRate: number) =>
    complyingScenario({
      horizonPeriods: 12,
      target: { types: byType({ implementationRatePerPeriod: typeRate }) },
      design: {
        benchmarks: [{ id: 'fast', initialLevel: 0 }, { id: 'slow', initialLevel: 0, implementationRatePerPeriod: 0.25 }],
        categories: [{ id: 'x', painWeight: 0.5 }, { id: 'y', painWeight: 0.5 }],
        tranches: [{ id: 't1', lifts: { x: 1 }, benchmarks: ['fast'] }, { id: 't2', lifts: { y: 1 }, benchmarks: ['slow'] }],
      },
    });
  it('type rate 0.5: fast is met after period 1, slow (0.25 a period) after period 3; t1 released at 2, t2 at 4', () => {
    const r = simulate(timed(0.5), 1);
    expect(r.trancheReleasePeriods).toEqual([2, 4]);
    // true compliance 0.5 min(1, 0.5 (t+1)) + 0.5 min(1, 0.25 (t+1))
    expect(Array.from(r.series.trueCompliance.slice(0, 5))).toEqual([0.375, 0.75, 0.875, 1, 1]);
  });
  it('the benchmark\'s rate is every type\'s: with the type at 0.1, slow still takes 4 periods and fast 10 (t1 at 10, then t2 at once)', () => {
    const r = simulate(timed(0.1), 1);
    expect(r.trancheReleasePeriods).toEqual([10, 10]);
    const expected = Array.from({ length: 12 }, (_, t) => 0.5 * Math.min(1, 0.1 * (t + 1)) + 0.5 * Math.min(1, 0.25 * (t + 1)));
    Array.from(r.series.trueCompliance).forEach((x, t) => expect(x).toBeCloseTo(expected[t], 12));
  });
  it("the plan's restoration owed reads the benchmark's rate: backslide 0.5 at 0.25 a period is 2 periods; a level 0.5 short is 2 at that rate, 1 at the type's 0.5", () => {
    const s = timed(0.5);
    const c = compileScenario(s);
    const v = scheduledView(c, 1, 0);
    const x = newDeterrenceScratch(c);
    const plan = planFor(c, v, x);
    expect(plan.owedPerCheat).toBe(2);
    const short = { ...v, level: Float64Array.from([0.5, 0.5]), claimed: Float64Array.from([0.5, 0.5]), restoreTarget: Float64Array.from([1, 1]) };
    expect(planStateOf(c, short, plan, 0, x.planState).n).toBe(1);
    expect(planStateOf(c, short, plan, 1, x.planState).n).toBe(2);
  });
  it("the plan's compliant schedule (deterrence/schedule.ts) releases at the same periods", () => {
    for (const rate of [0.5, 0.1]) {
      const c = compileScenario(timed(rate));
      const run = simulate(timed(rate), 1);
      expect(Array.from(compliantSchedule(c, c.types[1]).releasedAt)).toEqual(run.trancheReleasePeriods);
    }
  });
});

describe('per-benchmark compliance cost and cheat gain: the recorded payoff', () => {
  // Both benchmarks met from the start, relief R = 2 in force throughout, no consequence
  // (trigger none), C = 4, g = 2, backslide 0.5, rate 1. The target cheats on b in period
  // 0 only, with honest statistics: b is at 0.5 in period 0 and restored in period 1.
  const R = 2;
  const C = 4;
  const g = 2;
  const delta = 0.9;
  const H = 10;
  const paid = (costWeights: [number, number] | null, gainWeights: [number, number] | null) =>
    analyticScenario({
      horizonPeriods: H,
      target: { types: byType({ reliefValuePerPeriod: R, complianceCostPerPeriod: C, cheatGainPerPeriod: g }) },
      design: {
        benchmarks: [
          { id: 'a', initialLevel: 1, ...(costWeights ? { complianceCostWeight: costWeights[0] } : {}), ...(gainWeights ? { cheatGainWeight: gainWeights[0] } : {}) },
          { id: 'b', initialLevel: 1, ...(costWeights ? { complianceCostWeight: costWeights[1] } : {}), ...(gainWeights ? { cheatGainWeight: gainWeights[1] } : {}) },
        ],
        consequences: { trigger: 'none' },
      },
    });
  const later = Array.from({ length: H - 1 }, (_, i) => delta ** (i + 1) * (R - C)).reduce((a, b) => a + b, 0);
  it('cost shares 0.75 / 0.25 and gain shares 0.2 / 0.8: period 0 pays R - C (0.75 + 0.25 x 0.5) + 0.8 g', () => {
    const r = runWith(paid([3, 1], [1, 4]), { bench: 1, from: 0, until: 1, gamed: 0 });
    expect(r.summary.targetUtility).toBeCloseTo(R - C * (0.75 + 0.25 * 0.5) + 0.8 * g + later, 10);
  });
  it('unset, both are the weights (0.5 / 0.5): R - C (0.5 + 0.5 x 0.5) + 0.5 g, as before', () => {
    const r = runWith(paid(null, null), { bench: 1, from: 0, until: 1, gamed: 0 });
    expect(r.summary.targetUtility).toBeCloseTo(R - C * 0.75 + 0.5 * g + later, 10);
  });
});

describe("per-benchmark terms: the plan's values are the recorded payoff's", () => {
  // Levels from below: a at the type's rate 0.5 from 0, b at its own rate 0.2 from 0.2,
  // carrying 0.75 of the compliance cost (C = 0.4); one tranche needs both. Detection is
  // certain, so the best response complies throughout and no chance is drawn: the plan's
  // value of complying now is the recorded utility plus the stationary tail beyond the
  // horizon, delta^H (R - C) / (1 - delta), to rounding, for every decision unit.
  const path = (own: boolean) =>
    analyticScenario({
      target: { types: byType({ reliefValuePerPeriod: 2, cheatGainPerPeriod: -1, complianceCostPerPeriod: 0.4, implementationRatePerPeriod: 0.5 }) },
      design: {
        benchmarks: [{ id: 'a', initialLevel: 0 }, { id: 'b', initialLevel: 0.2, ...(own ? { implementationRatePerPeriod: 0.2, complianceCostWeight: 3, cheatGainWeight: 0 } : {}) }],
        tranches: [{ id: 'all', lifts: { all: 1 }, benchmarks: ['a', 'b'] }],
        verification: { detectionProbability: 1 },
      },
    });
  for (const own of [true, false]) {
    it(`${own ? 'with' : 'without'} per-benchmark terms: Q(comply) at period 0 = recorded utility + tail, released at ${own ? 4 : 2}`, () => {
      const s = path(own);
      const c = compileScenario(s);
      const v = scheduledView(c, 1, 0);
      const x = newDeterrenceScratch(c);
      const plan = planFor(c, v, x);
      const r = simulate(s, '1/0', { recordEvents: true });
      expect(r.events.filter((e) => e.kind === 'violation')).toEqual([]);
      expect(r.trancheReleasePeriods).toEqual([own ? 4 : 2]);
      const tail = 0.9 ** 40 * ((2 - 0.4) / (1 - 0.9));
      const env = { catchGamed: 1, catchShown: 1, falseAlarm: 0, kappa: 1, reliefScale: 1, gainScale: 1 };
      for (let u = 0; u < plan.units; u++) {
        const q = plan.q(u, 0, planStateOf(c, v, plan, u, x.planState), env, { comply: 0, cheat: 0 });
        expect(q.comply).toBeCloseTo(r.summary.targetUtility + tail, 9);
      }
    });
  }

  // The grim threshold per benchmark (MODEL.md result 1 with b's share s_b of g): no
  // compliance cost, b gamed and caught with p_b = p x verifiability, a caught with 0.5;
  // cheating once on b gains s_b g and loses delta p_b R / (1 - delta) = 18 p_b, so the
  // plan cheats on b iff p_b < p*_b = s_b g / 18: 0.8 / 18 with gain weights 1 : 4, 0.5 / 18 split evenly.
  const grim = (pB: number, own: boolean) =>
    analyticScenario({
      horizonPeriods: 60,
      target: { types: byType({ cheatGainPerPeriod: 1, complianceCostPerPeriod: 0 }) },
      design: { benchmarks: [{ id: 'a', initialLevel: 1, ...(own ? { cheatGainWeight: 1 } : {}) }, { id: 'b', initialLevel: 1, verifiability: pB / 0.5, ...(own ? { cheatGainWeight: 4 } : {}) }] },
    });
  const gapOnB = (s: Scenario) => {
    const c = compileScenario(s);
    const out = new Float64Array(2);
    fillValueGaps(c, scheduledView(c, 1, 0), newDeterrenceScratch(c), out);
    return out;
  };
  const firstCheats = (s: Scenario) => simulate(s, '1/0', { recordEvents: true }).events.filter((e) => e.period === 0 && e.kind === 'violation').map((e) => e.subject);
  for (const own of [true, false]) {
    const share = own ? 0.8 : 0.5;
    const pStar = share / 18;
    it(`${own ? 'gain share 0.8' : 'unset (share 0.5)'}: the gap on b is 18 p_b - ${share} above p*_b, and the target cheats on b exactly below p*_b = ${pStar.toFixed(5)}`, () => {
      // On the complying side the closed form is exact (below it, complying keeps the option to cheat later).
      const pB = 1.1 * pStar;
      expect(gapOnB(grim(pB, own))[1]).toBeCloseTo(18 * pB - share, 9);
      expect(firstCheats(grim(pStar * (1 - 1e-6), own))).toEqual(['b']);
      expect(firstCheats(grim(pStar * (1 + 1e-6), own))).toEqual([]);
    });
  }
});

describe("per-benchmark terms: the best response against deviations on one benchmark or all (deviation test)", () => {
  // Between the two thresholds above (p_b = 0.036): b's share of the gain (0.8) makes
  // cheating on b pay and the even split would not; b also carries most of the compliance
  // cost (C = 0.2) and has its own rate (0.5, restoring a period of cheating in one).
  const split = analyticScenario({
    horizonPeriods: 40,
    target: { types: byType({ cheatGainPerPeriod: 1, complianceCostPerPeriod: 0.2 }) },
    design: {
      benchmarks: [
        { id: 'a', initialLevel: 1, cheatGainWeight: 1, complianceCostWeight: 1 },
        { id: 'b', initialLevel: 0.5, verifiability: 0.072, cheatGainWeight: 4, complianceCostWeight: 3, implementationRatePerPeriod: 0.5 },
      ],
    },
  });
  const onOne = (bench: number, until: number): DeviationCase => ({ name: `cheat-on-${bench === 0 ? 'a' : 'b'}(until=${until})`, definition: cheatOn, params: { bench, until } });
  const family = [...targetDeviationFamily(40), onOne(0, 600), onOne(1, 600), onOne(1, 6), onOne(0, 6)];
  it('no deviation beats the best response, which cheats on b and never on a', () => {
    const report = deviationTest(split, { runs: 400, family });
    const beaten = report.rows.filter((r) => r.beats);
    expect(beaten, JSON.stringify(beaten)).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const subjects = simulate(split, `1/${i}`, { recordEvents: true }).events.filter((e) => e.kind === 'violation').map((e) => e.subject);
      expect(subjects).toContain('b');
      expect(subjects).not.toContain('a');
    }
  });
  // Known defect of the plan's joint unit (#9), not of the per-benchmark terms: with a
  // type-level rate of 0.25 (a period of cheating owes 2 periods of restoration) the
  // best response, once cheating on b, starts cheating on a too, because the joint unit
  // reads the mixed state (b owed, a clean) as if both were violating (detection 0.525,
  // not 0.05). Cheating on b alone then earns about 10 more. It turns red once fixed.
  it.fails('known defect: with restoration of several periods the joint unit misreads a mixed state (type rate 0.25)', () => {
    const slow = analyticScenario({
      horizonPeriods: 40,
      target: { types: byType({ cheatGainPerPeriod: 1.5, complianceCostPerPeriod: 1, implementationRatePerPeriod: 0.25 }) },
      design: { benchmarks: [{ id: 'a', initialLevel: 1 }, { id: 'b', initialLevel: 1, verifiability: 0.1 }] },
    });
    const report = deviationTest(slow, { runs: 200, family: [onOne(1, 600)] });
    expect(report.rows.filter((r) => r.beats)).toEqual([]);
  });
});
