import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/engine/compile.ts';
import { createGame } from '../../src/engine/game.ts';
import { ALL_POLICIES, DEFAULT_POLICY, policiesFor } from '../../src/engine/policies/index.ts';
import { createRunner, scenarioPolicies, simulate } from '../../src/engine/simulate.ts';
import type { Policy } from '../../src/engine/policy.ts';
import type { AnyAction, Role } from '../../src/engine/roles.ts';
import { scenarioSchema, type Scenario } from '../../src/scenario/schema.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { analyticScenario, complyingScenario } from '../helpers/analytic.ts';

/** Plays a game with the scenario's policies and returns each role's actions, by period. */
function actionLog(scenario: Scenario, seed: string): { role: Role; period: number; action: AnyAction }[] {
  const policies = scenarioPolicies(compileScenario(scenario));
  const game = createGame(scenario, seed);
  const out: { role: Role; period: number; action: AnyAction }[] = [];
  while (!game.isTerminal()) {
    for (const role of game.pendingRoles()) out.push({ role, period: game.period, action: game.applyPolicy(role, policies[game.roles.indexOf(role)]) });
    game.advance();
  }
  return out;
}
const of = (log: ReturnType<typeof actionLog>, role: Role) => log.filter((e) => e.role === role);

describe('the policy registry', () => {
  it('is derived from metadata: every role kind has its default and an external policy', () => {
    for (const [role, name] of Object.entries(DEFAULT_POLICY)) {
      const names = policiesFor(role as never).map((d) => d.name);
      expect(names).toContain(name);
      expect(policiesFor(role as never, (d) => d.meta.external).map((d) => d.name)).toEqual(['external']);
    }
    for (const d of ALL_POLICIES) expect(d.meta.description.length).toBeGreaterThan(10);
    expect(new Set(ALL_POLICIES.map((d) => `${d.meta.role}/${d.name}`)).size).toBe(ALL_POLICIES.length);
  });

  it('a scenario names a policy for a member, with parameters checked by name', () => {
    const base = analyticScenario({ coalition: { members: [{ id: 'c', weight: 1, resolve: 1, costPerPeriod: 5, hawkishness: 1 }], collapseCohesion: 0.5 } });
    // resolve-threshold: the cost (5 x full sanctions) exceeds resolve 1 before any release, so it eases at once and the coalition falls apart.
    expect(simulate(base, 1).summary.collapsed).toBe(1);
    const steadfast = scenarioSchema.parse(mergeDeep(base as never, { policies: { members: { c: { name: 'steadfast' } } } }));
    expect(simulate(steadfast, 1).summary.collapsed).toBe(0);
    const unknown = scenarioSchema.parse(mergeDeep(base as never, { policies: { members: { c: { name: 'dove' } } } }));
    expect(() => simulate(unknown, 1)).toThrow('policy "dove": policies.members.c.name: unknown member policy (known: resolve-threshold, steadfast, external)');
    const badParam = scenarioSchema.parse(mergeDeep(base as never, { policies: { aid: { name: 'full-allocation', params: { carveOutShare: 2 } } } }));
    expect(() => simulate(badParam, 1)).toThrow('policy "full-allocation": carveOutShare: 2 is not a number in [0, 1]');
    expect(scenarioSchema.safeParse(mergeDeep(base as never, { policies: { members: { nobody: { name: 'steadfast' } } } })).error?.issues[0]).toMatchObject({ path: ['policies', 'members', 'nobody'], message: 'unknown member "nobody" (known: c)' });
  });
});

describe("a member's politics", () => {
  it('an election can bring a government with another policy, which decides for the member from then on', () => {
    const base = analyticScenario({
      horizonPeriods: 6,
      coalition: { members: [{ id: 'c', weight: 1, resolve: 1, costPerPeriod: 5, hawkishness: 1 }], collapseCohesion: 0.5 },
      design: { tranches: [{ id: 'all', lifts: { all: 1 }, earliestPeriod: 3 }] },
    });
    // Cost 5 under full sanctions exceeds resolve 1: the member eases at once and the coalition falls apart.
    expect(simulate(base, 1).summary.collapsed).toBe(1);
    const elected = scenarioSchema.parse(mergeDeep(base as never, { shocks: [{ kind: 'election', atPeriod: 0, member: 'c', magnitude: 0, policy: { name: 'steadfast' } }] }));
    const r = simulate(elected, 1);
    expect(r.summary.collapsed).toBe(0);
    expect(r.trancheReleasePeriods).toEqual([3]);
    // The same through the game API: the member's observation says so, and the scenario's policy for it is the new one.
    const game = createGame(elected, 1);
    expect(game.observe('member:c').newGovernment).toBe(true);
    expect(game.scenarioPolicy('member:c').name).toBe('steadfast');
    expect(scenarioSchema.safeParse(mergeDeep(base as never, { shocks: [{ kind: 'commodityPrice', atPeriod: 0, policy: { name: 'steadfast' } }] })).error?.issues[0]).toMatchObject({ path: ['shocks', 0, 'policy'], message: 'only an election takes a policy (this shock is commodityPrice)' });
  });
});

describe('each policy: expected action sequences for fixed seeds', () => {
  it('best-response: complies every period above the grim threshold, cheats from period 0 below it', () => {
    // g = 1, delta = 0.9, pi_R - pi_S = 2: p* = 1 x 0.1 / (0.9 x 2) = 0.0556.
    const above = of(actionLog(analyticScenario({ design: { verification: { detectionProbability: 0.06 } } }), '1/0'), 'target');
    expect(above.length).toBe(40);
    expect(above.every((e) => e.action.kind === 'act' && e.action.moves[0] === 'comply')).toBe(true);
    const below = of(actionLog(analyticScenario({ design: { verification: { detectionProbability: 0.05 } } }), '1/0'), 'target');
    expect(below[0].action).toEqual({ kind: 'act', moves: ['cheat'], reports: ['gamed'] });
  });

  it('scripted: the script, then gaming with the type propensity (gamingPropensity 0: always honest)', () => {
    const s = analyticScenario({
      target: { decisionMode: 'scripted', script: [{ fromPeriod: 3, action: 'cheat' }], types: { opportunist: { gamingPropensity: 0 } } },
      design: { verification: { detectionProbability: 0 } },
      horizonPeriods: 6,
    });
    const moves = of(actionLog(s, '1/0'), 'target').map((e) => (e.action.kind === 'act' ? `${e.action.moves[0]}/${e.action.reports[0]}` : e.action.kind));
    // An honest report of backsliding is seen at the next inspection: the deal collapses at period 4, and the target no longer acts.
    expect(moves).toEqual(['comply/honest', 'comply/honest', 'comply/honest', 'cheat/honest']);
  });

  it('schedule: the verifier inspects every third period', () => {
    const s = complyingScenario({ horizonPeriods: 10, design: { verification: { inspectionIntervalPeriods: 3 } } });
    expect(of(actionLog(s, '1/0'), 'verifier').map((e) => `${e.period}:${e.action.kind}`)).toEqual(['0:inspect', '1:skip', '2:skip', '3:inspect', '4:skip', '5:skip', '6:inspect', '7:skip', '8:skip', '9:inspect']);
  });

  it('design-rules: releases each tranche the period it has earned release, in order', () => {
    const s = complyingScenario({
      horizonPeriods: 12,
      design: {
        benchmarks: [{ id: 'b', initialLevel: 0 }],
        tranches: [
          { id: 'early', lifts: { all: 0.5 }, benchmarks: ['b'], requiredLevel: 0.5 },
          { id: 'late', lifts: { all: 0.5 }, benchmarks: ['b'], earliestPeriod: 8 },
        ],
      },
      target: { types: { opportunist: { implementationRatePerPeriod: 0.25 } } },
    });
    const releases = of(actionLog(s, '1/0'), 'coalition').map((e) => `${e.period}:${(e.action as { tranches: string[] }).tranches.join('+')}`);
    // Level 0.25 after period 0, 0.5 after period 1: verified at the period-1 inspection, read at period 2 (no lag).
    expect(releases).toEqual(['2:early', '8:late']);
    expect(simulate(s, '1/0').trancheReleasePeriods).toEqual([2, 8]);
  });

  it('resolve-threshold: a member whose cost exceeds its resolve eases; its vote follows hawkishness and doubt', () => {
    const s = analyticScenario({
      horizonPeriods: 3,
      coalition: {
        members: [
          { id: 'hawk', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 },
          { id: 'dove', weight: 0.4, resolve: 0.5, costPerPeriod: 1, hawkishness: 0 },
        ],
        collapseCohesion: 0,
      },
      design: { tranches: [{ id: 'all', lifts: { all: 1 }, earliestPeriod: 2 }] },
    });
    const log = actionLog(s, '1/0');
    expect(of(log, 'member:dove').map((e) => `${e.period}:${e.action.kind}`)).toEqual(['0:ease']);
    expect(of(log, 'member:hawk').map((e) => `${e.period}:${e.action.kind}`)).toEqual(['0:keep', '1:keep', '2:keep']);
  });

  it('full-allocation: a cautious agency that sends half the carve-out halves the aid sent under full sanctions', () => {
    const s = complyingScenario({ horizonPeriods: 2, design: { tranches: [{ id: 'all', lifts: { all: 1 }, earliestPeriod: 1 }], humanitarian: { carveOutAidPerPeriod: 1000 } } });
    const half = scenarioSchema.parse(mergeDeep(s as never, { policies: { aid: { name: 'full-allocation', params: { carveOutShare: 0.5 } } } }));
    expect(simulate(s, 1).series.aidSent[0]).toBe(1000);
    expect(simulate(half, 1).series.aidSent[0]).toBe(500);
  });

  it('a policy passed to createRunner replaces the scenario\'s (here: a target that always cheats)', () => {
    const s = analyticScenario({ design: { verification: { detectionProbability: 1 } } });
    const c = compileScenario(s);
    const policies = scenarioPolicies(c);
    const cheat: Policy = { name: 'always-cheat', meta: { ...policies[0].meta, observes: [] }, decide: () => ({ kind: 'act', moves: ['cheat'], reports: ['gamed'] }) };
    const r = createRunner(s, [cheat, ...policies.slice(1)]).run('1/0', { recordEvents: true });
    expect(r.events.slice(0, 3).map((e) => `${e.period} ${e.kind}`)).toEqual(['0 trancheReleased', '0 violation', '0 violationDetected']);
  });
});
