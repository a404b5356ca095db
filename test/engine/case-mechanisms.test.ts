import { describe, expect, it } from 'vitest';
import { createRunner, simulate, type RunResult } from '../../src/engine/simulate.ts';
import { createGame } from '../../src/engine/game.ts';
import { runSeed } from '../../src/engine/rng.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { complyingScenario, Z } from '../helpers/analytic.ts';

/**
 * The mechanisms the historical cases needed (issue 10), each against an exact
 * schedule worked out by hand in the analytic setting (test/helpers/analytic.ts: one
 * benchmark met from the start, full access, q = 0, no lag, no window, an
 * automatic trigger; the target scripted). Each is off by default: the golden
 * trajectories of every shipped scenario and case are unchanged without them.
 */

const kinds = (r: RunResult) => r.events.map((e) => `${e.period} ${e.kind} ${e.subject}`);
const inForce = (r: RunResult) => Array.from(r.series.sanctionsInForce);
const run = (s: Scenario, seed: string | number = 1) => simulate(s, seed, { recordEvents: true });
const two = { coalition: { members: [{ id: 'a', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }, { id: 'b', weight: 0.4, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }], collapseCohesion: 0 } };
const constant = (n: number, v: number) => new Array<number>(n).fill(v);
const steps = (...parts: [number, number][]) => parts.flatMap(([n, v]) => constant(n, v));

describe("a sanctioner's own decision (policyChange): not a breach, not a dispute, not a vote", () => {
  it('member b (weight 0.4) takes its part back at period 10: sanctions in force 0, then 0.4 from period 10 on; no dispute, no re-imposition counted, belief unchanged', () => {
    const base = complyingScenario({ horizonPeriods: 20, ...two });
    const changed = complyingScenario({ horizonPeriods: 20, ...two, shocks: [{ kind: 'policyChange', member: 'b', atPeriod: 10 }] });
    const r = run(changed);
    expect(inForce(r)).toEqual(steps([10, 0], [10, 0.4]));
    expect(kinds(r).filter((e) => !e.includes('trancheReleased'))).toEqual(['10 policyReimposition b', '10 shock policyChange']);
    expect(r.summary.reimpositions).toBe(0);
    expect(r.summary.falseReimpositions).toBe(0);
    expect(r.summary.collapsed).toBe(0);
    expect(Array.from(r.series.belief)).toEqual(Array.from(run(base).series.belief));
  });

  it('narrower than the package: half of b\'s part of one tranche of two (pain 0.7) is 0.4 x 0.7 x 0.5 = 0.14; easing later lifts it again', () => {
    const s = complyingScenario({
      horizonPeriods: 12,
      ...two,
      design: {
        categories: [{ id: 'x', painWeight: 0.3 }, { id: 'y', painWeight: 0.7 }],
        tranches: [{ id: 't1', lifts: { x: 1 } }, { id: 't2', lifts: { y: 1 } }],
      },
      shocks: [
        { kind: 'policyChange', member: 'b', atPeriod: 4, tranches: ['t2'], share: 0.5 },
        { kind: 'policyChange', member: 'b', atPeriod: 8, tranches: ['t2'], share: 0.5, mode: 'ease' },
      ],
    });
    const r = run(s);
    expect(inForce(r).map((x) => +x.toFixed(12))).toEqual(steps([4, 0], [4, 0.14], [4, 0]));
    expect(kinds(r)).toContain('8 policyEasing b');
  });

  it('easing on its own a tranche the deal has not released (a policy lifting outside the deal): a (0.6) lifts its part from period 5', () => {
    const s = complyingScenario({ horizonPeriods: 10, ...two, design: { tranches: [{ id: 'all', lifts: { all: 1 }, clearanceHazardPerPeriod: 0 }] }, shocks: [{ kind: 'policyChange', member: 'a', atPeriod: 5, mode: 'ease' }] });
    const r = run(s);
    expect(r.trancheReleasePeriods).toEqual([-1]);
    expect(inForce(r).map((x) => +x.toFixed(12))).toEqual(steps([5, 1], [5, 0.4]));
  });

  it('is not dropped by an open dispute: a snapback opens one at 8 with a window of 10; b\'s policy change still takes effect at 10, and the dispute runs its course to 18', () => {
    const s = complyingScenario({
      horizonPeriods: 20,
      ...two,
      shocks: [
        { kind: 'snapback', member: 'a', atPeriod: 8, disputeWindowPeriods: 10 },
        { kind: 'policyChange', member: 'b', atPeriod: 10 },
      ],
    });
    const r = run(s);
    expect(inForce(r)).toEqual(steps([10, 0], [8, 0.4], [2, 1]));
    expect(kinds(r).filter((e) => /dispute|policy|reimposition|collapse/i.test(e))).toEqual([
      '8 disputeOpened snapback',
      '10 policyReimposition b',
      '10 shock policyChange',
      '18 disputeUpheld ',
      '18 reimposition ',
      '18 falseReimposition ',
      '18 collapse reimposition',
    ]);
  });

  it('followsShock: a policy change after a domestic crisis fires 2 periods after it, with its chance per run (p = 0.3, within 3.89 SE)', () => {
    const s = (p: number) =>
      complyingScenario({
        horizonPeriods: 30,
        ...two,
        shocks: [
          { kind: 'domesticCrisis', hazardPerPeriod: 0.1, magnitude: 0 },
          { kind: 'policyChange', member: 'b', followsShock: 0, followDelayPeriods: 2, followProbability: p },
        ],
      });
    const one = run(s(1), 3);
    const crisis = one.events.find((e) => e.kind === 'shock' && e.subject === 'domesticCrisis');
    const change = one.events.find((e) => e.kind === 'policyReimposition');
    if (crisis && crisis.period + 2 < 30) expect(change?.period).toBe(crisis.period + 2);
    const runner = createRunner(s(0.3));
    let fired = 0;
    let eligible = 0;
    for (let i = 0; i < 4000; i++) {
      const r = runner.run(runSeed(5, i));
      const [crisisAt, changeAt] = r.shockPeriods;
      if (crisisAt < 0 || crisisAt + 2 >= 30) {
        expect(changeAt).toBe(-1);
        continue;
      }
      eligible++;
      if (changeAt >= 0) {
        expect(changeAt).toBe(crisisAt + 2);
        fired++;
      }
    }
    const share = fired / eligible;
    expect(Math.abs(share - 0.3)).toBeLessThan(Z * Math.sqrt((0.3 * 0.7) / eligible));
  });
});

describe('each sanctioner lifts its own measures (tranches[].members)', () => {
  it('a tranche lifting only a\'s measures (weight 0.6) leaves b\'s in force: 0.4 from its release at 3; b lifting its part by a policy change at 6 brings it to 0', () => {
    const s = complyingScenario({
      horizonPeriods: 9,
      ...two,
      design: { tranches: [{ id: 'aOnly', lifts: { all: 1 }, members: ['a'], earliestPeriod: 3 }] },
      shocks: [{ kind: 'policyChange', member: 'b', atPeriod: 6, mode: 'ease' }],
    });
    expect(inForce(run(s)).map((x) => +x.toFixed(12))).toEqual(steps([3, 1], [3, 0.4], [3, 0]));
  });
});

describe('a category held by some sanctioners only (categories[].members)', () => {
  // x (pain 0.5) held by a alone (weight 0.6), y (0.5) by both: a carries all of x.
  const held = (shocks: unknown[] = []) =>
    complyingScenario({
      horizonPeriods: 8,
      ...two,
      design: {
        categories: [{ id: 'x', painWeight: 0.5, members: ['a'] }, { id: 'y', painWeight: 0.5 }],
        tranches: [{ id: 'tx', lifts: { x: 1 }, earliestPeriod: 2 }, { id: 'ty', lifts: { y: 1 }, members: ['b'], earliestPeriod: 4 }],
      },
      shocks,
    });
  it('lifting x takes 0.5 off (all of it was a\'s); lifting b\'s part of y takes 0.4 x 0.5 = 0.2 more; b taking back x changes nothing (it holds none)', () => {
    expect(inForce(run(held())).map((x) => +x.toFixed(12))).toEqual(steps([2, 1], [2, 0.5], [4, 0.3]));
    expect(inForce(run(held([{ kind: 'policyChange', member: 'b', atPeriod: 3, tranches: ['tx'] }]))).map((x) => +x.toFixed(12))).toEqual(steps([2, 1], [2, 0.5], [4, 0.3]));
    expect(inForce(run(held([{ kind: 'policyChange', member: 'a', atPeriod: 6, tranches: ['tx'] }]))).map((x) => +x.toFixed(12))).toEqual(steps([2, 1], [2, 0.5], [2, 0.3], [2, 0.8]));
  });
});

describe('what a breach re-imposition takes back, per member (breachReimpositionShare)', () => {
  // The target cheats from period 10: seen at once (p = 1 here), read at 11, re-imposed at 11 (no window), proportional and for good (no collapse).
  const breach = (shareB: number) =>
    complyingScenario({
      horizonPeriods: 16,
      coalition: { members: [{ id: 'a', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }, { id: 'b', weight: 0.4, resolve: 1000, costPerPeriod: 0, hawkishness: 1, breachReimpositionShare: shareB }], collapseCohesion: 0 },
      design: { consequences: { response: 'proportional' }, verification: { detectionProbability: 1 } },
      target: { script: [{ fromPeriod: 0, action: 'comply' }, { fromPeriod: 10, action: 'cheat' }] },
    });
  it('b takes back a quarter of its part: 0.6 + 0.4 x 0.25 = 0.7 in force from period 11; with the default share 1, all of it', () => {
    expect(inForce(run(breach(0.25))).map((x) => +x.toFixed(12))).toEqual(steps([11, 0], [5, 0.7]));
    expect(inForce(run(breach(1)))).toEqual(steps([11, 0], [5, 1]));
    expect(run(breach(0.25)).summary.reimpositions).toBe(1);
  });
});

describe('licences: the wait after a lapse, the wind-down, renewal on progress, spoiled only by their own benchmarks', () => {
  // A 4-period licence from period 0; the target cheats in period 1 only (seen at once with p = 1, read at 2), so the renewal at 4 is spoiled.
  // No trigger, so only the licence rules act.
  const licence = (extra: Record<string, unknown>) =>
    complyingScenario({
      horizonPeriods: 12,
      design: { tranches: [{ id: 'all', lifts: { all: 1 }, delivery: 'licence', licencePeriods: 4, ...extra }], consequences: { trigger: 'none' }, verification: { detectionProbability: 1 } },
      target: { script: [{ fromPeriod: 0, action: 'comply' }, { fromPeriod: 1, action: 'cheat' }, { fromPeriod: 2, action: 'comply' }] },
    });
  it('lapseWaitPeriods 0 (before): the lapse at 4 is undone in the same period; 1: the licence returns at 5', () => {
    const same = run(licence({}));
    expect(kinds(same)).toContain('4 licenceLapsed all');
    expect(inForce(same)).toEqual(constant(12, 0));
    expect(same.events.filter((e) => e.kind === 'trancheReleased').map((e) => e.period)).toEqual([0, 4]);
    const wait = run(licence({ lapseWaitPeriods: 1 }));
    expect(inForce(wait)).toEqual(steps([4, 0], [1, 1], [7, 0]));
  });
  it('windDownPeriods 4: the relief of the lapsed licence ends over 4 periods, in force 1/4, 1/2, 3/4, 1 from the lapse', () => {
    const r = run(licence({ windDownPeriods: 4, lapseWaitPeriods: 100 }));
    expect(inForce(r)).toEqual([0, 0, 0, 0, 0.25, 0.5, 0.75, 1, 1, 1, 1, 1]);
  });
  it('renewalProgress: verified levels 0.2 + 0.1 t; a licence of 3 periods needing +0.3 per renewal renews at 3, 6, 9; needing +0.4 it lapses at 3', () => {
    const progress = (gain: number) =>
      complyingScenario({
        horizonPeriods: 12,
        design: {
          benchmarks: [{ id: 'b', initialLevel: 0.2 }],
          tranches: [{ id: 'all', lifts: { all: 1 }, benchmarks: ['b'], requiredLevel: 0.2, delivery: 'licence', licencePeriods: 3, renewalProgress: gain, lapseWaitPeriods: 100 }],
          consequences: { trigger: 'none' },
        },
        target: { types: { opportunist: { implementationRatePerPeriod: 0.1 } } },
      });
    expect(kinds(run(progress(0.3))).filter((e) => e.includes('licence'))).toEqual([]);
    expect(kinds(run(progress(0.4))).filter((e) => e.includes('licence'))).toEqual(['3 licenceLapsed all']);
    expect(inForce(run(progress(0)))).toEqual(inForce(run(progress(0.3))));
  });
  it('spoiledBy tiedBenchmarks: a violation on b2 spoils only the licence tied to b2 (L1 renews at 4, L2 lapses at 4); anyFlag spoils both', () => {
    const s = (spoiledBy: string) =>
      complyingScenario({
        horizonPeriods: 8,
        design: {
          benchmarks: [{ id: 'b1', initialLevel: 1 }, { id: 'b2', initialLevel: 1 }],
          categories: [{ id: 'x', painWeight: 0.5 }, { id: 'y', painWeight: 0.5 }],
          tranches: [
            { id: 'L1', lifts: { x: 1 }, benchmarks: ['b1'], delivery: 'licence', licencePeriods: 4, spoiledBy, lapseWaitPeriods: 100 },
            { id: 'L2', lifts: { y: 1 }, benchmarks: ['b2'], delivery: 'licence', licencePeriods: 4, spoiledBy, lapseWaitPeriods: 100 },
          ],
          consequences: { trigger: 'none' },
          verification: { detectionProbability: 1 },
        },
      });
    const play = (scenario: Scenario) => {
      const g = createGame(scenario, 1);
      while (!g.isTerminal()) {
        for (const role of g.pendingRoles()) {
          if (role !== 'target') g.applyPolicy(role, g.scenarioPolicy(role));
          else g.apply('target', { kind: 'act', moves: ['comply', g.observe('target').period === 1 ? 'cheat' : 'comply'], reports: ['honest', 'gamed'] });
        }
        g.advance();
      }
      return g.result();
    };
    expect(kinds(play(s('tiedBenchmarks'))).filter((e) => e.includes('licence'))).toEqual(['4 licenceLapsed L2']);
    expect(kinds(play(s('anyFlag'))).filter((e) => e.includes('licence'))).toEqual(['4 licenceLapsed L1', '4 licenceLapsed L2']);
  });
});

describe('deadlines and cures: a partial level at the deadline, a cure that needs the benchmark met', () => {
  // Level rises 0.2 a period from 0 (verified 0.2 t at the start of period t); deadline at 3, where 0.6 is verified; window 1.
  const deadline = (extra: Record<string, unknown>, cureRequires = 'resumption') =>
    complyingScenario({
      horizonPeriods: 8,
      design: {
        benchmarks: [{ id: 'b', initialLevel: 0, deadlinePeriod: 3, ...extra }],
        consequences: { disputeWindowPeriods: 1, response: 'proportional', cureRequires },
      },
      target: { types: { opportunist: { implementationRatePerPeriod: 0.2 } } },
    });
  it('a deadline asking for the full level is missed at 3; work resumed cures it at 4 (resumption), but not under requiredLevel (0.8 < 1): re-imposed at 4', () => {
    expect(kinds(run(deadline({}))).filter((e) => /dispute|reimposition/.test(e))).toEqual(['3 disputeOpened ', '4 disputeCured ']);
    const strict = run(deadline({}, 'requiredLevel'));
    expect(kinds(strict).filter((e) => /dispute|reimposition/.test(e))).toEqual(['3 disputeOpened ', '4 disputeUpheld ', '4 reimposition ']);
    expect(inForce(strict)).toEqual(steps([4, 0], [4, 1]));
  });
  it('deadlineLevel 0.6 is met at 3: no strike, no dispute', () => {
    expect(kinds(run(deadline({ deadlineLevel: 0.6 }, 'requiredLevel'))).filter((e) => /dispute/.test(e))).toEqual([]);
  });
  it('deadlineLevel 0.8 is missed at 3 (0.6 verified); under requiredLevel the cure needs 0.8, which the level reaches at the end of period 3: cured at 4', () => {
    expect(kinds(run(deadline({ deadlineLevel: 0.8 }, 'requiredLevel'))).filter((e) => /dispute|reimposition/.test(e))).toEqual(['3 disputeOpened ', '4 disputeCured ']);
  });
});

describe('one-off conditions (oneOff): met once, nothing owed afterwards', () => {
  const oneOff = (flag: boolean) => complyingScenario({ horizonPeriods: 10, design: { benchmarks: [{ id: 'b', initialLevel: 1, oneOff: flag }] }, target: { script: [{ fromPeriod: 0, action: 'comply' }, { fromPeriod: 5, action: 'cheat' }] } });
  it('a target that "cheats" from period 5 on a one-off condition already verified cannot undo it: no detection, no re-imposition, compliance stays 1', () => {
    const r = run(oneOff(true));
    expect(kinds(r).filter((e) => /Detected|reimposition|collapse/.test(e))).toEqual([]);
    expect(Array.from(r.series.trueCompliance)).toEqual(constant(10, 1));
    expect(inForce(r)).toEqual(constant(10, 0));
    const ordinary = run(oneOff(false));
    expect(kinds(ordinary)).toContain('6 reimposition ');
  });
});

describe("the target's domestic politics without a regime change (domesticCrisis)", () => {
  it('hardliner influence + 0.4 for 3 periods from 5, then back; the type and the belief stay', () => {
    const s = (shocks: unknown[]) => complyingScenario({ horizonPeriods: 12, shocks });
    const r = run(s([{ kind: 'domesticCrisis', atPeriod: 5, magnitude: 0.4, durationPeriods: 3 }]));
    expect(Array.from(r.series.hardlinerInfluence)).toEqual(steps([5, 0], [3, 0.4], [4, 0]));
    const plain = run(s([]));
    expect(r.targetType).toBe(plain.targetType);
    expect(Array.from(r.series.belief)).toEqual(Array.from(plain.series.belief));
  });
});

describe('starting levels: a certified level below the true one, evasion at the start, a carve-out schedule', () => {
  it('initialCertifiedLevel 0 under a true level 1: verified 0 in period 0, 1 once the first report is read; the tranche tied to it waits for that report', () => {
    const s = (extra: Record<string, unknown>) => complyingScenario({ horizonPeriods: 4, design: { benchmarks: [{ id: 'b', initialLevel: 1, ...extra }], tranches: [{ id: 'all', lifts: { all: 1 }, benchmarks: ['b'] }] } });
    const r = run(s({ initialCertifiedLevel: 0 }));
    expect(Array.from(r.series.verifiedCompliance)).toEqual([0, 1, 1, 1]);
    expect(r.trancheReleasePeriods).toEqual([1]);
    expect(run(s({})).trancheReleasePeriods).toEqual([0]);
  });
  it('initialEvasion 0.2 with no busting neighbour: evasion stays 0.2 and relief still on offer is 0.8 of the package in force', () => {
    const r = run(complyingScenario({ horizonPeriods: 5, design: { tranches: [{ id: 'all', lifts: { all: 1 }, clearanceHazardPerPeriod: 0 }] }, thirdParty: { initialEvasion: 0.2 } }));
    expect(Array.from(r.series.evasion)).toEqual(constant(5, 0.2));
    expect(Array.from(r.series.leveragePain)).toEqual(constant(5, 0.8));
  });
  it('carveOutSchedule: 60,000 kUSD a period, 10,000 from period 3, 0 from period 6 (no relief, so aid sent is the carve-out)', () => {
    const r = run(
      complyingScenario({
        horizonPeriods: 8,
        design: { tranches: [{ id: 'all', lifts: { all: 1 }, clearanceHazardPerPeriod: 0 }], humanitarian: { carveOutSchedule: [{ fromPeriod: 6, aidPerPeriod: 0 }, { fromPeriod: 3, aidPerPeriod: 10000 }] } },
      }),
    );
    expect(Array.from(r.series.aidSent)).toEqual(steps([3, 60000], [3, 10000], [2, 0]));
  });
});

describe('the per-member path agrees with the joint one', () => {
  // Naming every member on every tranche switches the engine to the per-member pressure
  // (memberScoped) with nothing held back: the run must be the joint run, up to rounding.
  const files = ['baseline', 'escrow', 'time-limited-licence', 'front-loaded'];
  it.each(files)('%s: every tranche for every member gives the same run (series within 1e-12, the same events)', async (name) => {
    const { loadScenarioFile } = await import('../../src/node/scenario-files.ts');
    const loaded = loadScenarioFile(`scenarios/${name}.yaml`);
    if (!loaded.ok) throw new Error(name);
    const ids = loaded.scenario.coalition.members.map((m) => m.id);
    const scoped = structuredClone(loaded.scenario);
    scoped.design.tranches = scoped.design.tranches.map((t) => ({ ...t, members: ids }));
    for (const seed of [1, 2, 3]) {
      const a = run(loaded.scenario, seed);
      const b = run(scoped, seed);
      expect(kinds(b)).toEqual(kinds(a));
      for (const m of ['sanctionsInForce', 'leverage', 'needMet', 'trueCompliance'] as const) {
        const diff = Math.max(...Array.from(a.series[m], (x, t) => Math.abs(x - b.series[m][t])));
        expect(diff).toBeLessThan(1e-12);
      }
    }
  });
});

describe("a member's own cost when members' measures differ", () => {
  it('b (resolve 2.5, cost 2) pays for its own measures: with prices x 2.5 from period 3 the joint share in force (0.6, a\'s) would cost it 3 and make it ease; its own are lifted (cost 0) until a policy change takes them back at 6 (cost 5): it eases then', () => {
    const s = (shocks: unknown[]) =>
      complyingScenario({
        horizonPeriods: 10,
        coalition: { members: [{ id: 'a', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }, { id: 'b', weight: 0.4, resolve: 2.5, costPerPeriod: 2, hawkishness: 1 }], collapseCohesion: 0 },
        design: { tranches: [{ id: 'bOnly', lifts: { all: 1 }, members: ['b'] }] },
        shocks: [{ kind: 'commodityPrice', atPeriod: 3, magnitude: 1.5, durationPeriods: 6 }, ...shocks],
      });
    expect(run(s([])).events.filter((e) => e.kind === 'defection')).toEqual([]);
    expect(run(s([{ kind: 'policyChange', member: 'b', atPeriod: 6 }])).events.filter((e) => e.kind === 'defection').map((e) => `${e.period} ${e.subject}`)).toEqual(['6 b']);
  });
});
