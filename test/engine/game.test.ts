import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { createRunner, scenarioPolicies, simulate, type RunResult } from '../../src/engine/simulate.ts';
import { compileScenario } from '../../src/engine/compile.ts';
import { createGame, restoreGame, type Game } from '../../src/engine/game.ts';
import { IllegalActionError } from '../../src/engine/core.ts';
import { externalPolicy } from '../../src/engine/policies/external.ts';
import { PERIOD_METRICS, PERIOD_METRIC_NAMES } from '../../src/engine/metrics.ts';
import type { AnyAction, LegalActions, Role, RoleKind } from '../../src/engine/roles.ts';
import { roleKind } from '../../src/engine/roles.ts';
import type { Policy } from '../../src/engine/policy.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { analyticScenario } from '../helpers/analytic.ts';
import { PlanCache } from '../../src/engine/deterrence/plan-cache.ts';

// One design's plans are solved once for every game and run of it in this file (the tests
// run one file's scenarios in turn; plan-cache.test.ts checks that the cache's key is complete).
const plans = new PlanCache(3);

/** Every shipped scenario and case (OpenSpiel's habit: generic tests run on every game). */
const files = [
  ...readdirSync('scenarios').filter((f) => /\.ya?ml$/.test(f)).map((f) => join('scenarios', f)),
  ...readdirSync('scenarios/cases').filter((f) => /\.ya?ml$/.test(f)).map((f) => join('scenarios/cases', f)),
];
function load(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

/** Drives a game to its end with the scenario's policies (game.scenarioPolicy: elections included). */
function playOut(game: Game, _policies: Policy[], stopAfterSteps = Infinity): number {
  let steps = 0;
  while (!game.isTerminal() && steps < stopAfterSteps) {
    for (const role of game.pendingRoles()) game.applyPolicy(role, game.scenarioPolicy(role));
    game.advance();
    steps++;
  }
  return steps;
}

function expectSameRun(a: RunResult, b: RunResult): void {
  expect(b.summary).toEqual(a.summary);
  expect(b.events).toEqual(a.events);
  expect(b.trancheReleasePeriods).toEqual(a.trancheReleasePeriods);
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  for (const m of PERIOD_METRIC_NAMES) expect(bytes(b.series[m]).equals(bytes(a.series[m])), m).toBe(true);
  expect(bytes(b.eventCounts).equals(bytes(a.eventCounts))).toBe(true);
}

/** A legal action picked at random from what legalActions says. */
function randomLegal(legal: LegalActions, u: () => number): AnyAction {
  switch (legal.kind) {
    case 'choices':
      return legal.choices[Math.floor(u() * legal.choices.length)];
    case 'target':
      if (u() < 0.02) return { kind: 'defy' };
      return { kind: 'act', moves: legal.benchmarks.map(() => (u() < 0.3 ? 'cheat' : 'comply')), reports: legal.benchmarks.map(() => (u() < 0.5 ? 'gamed' : 'honest')) };
    case 'release': {
      // Any prefix of the eligible tranches is legal (they release in order).
      const n = Math.floor(u() * (legal.eligible.length + 1));
      return { kind: 'release', tranches: legal.eligible.slice(0, n) };
    }
    case 'allocation':
      return { kind: 'allocate', carveOutShare: u(), reliefLinkedShare: u() };
  }
}

describe('the game API on every shipped scenario and case', () => {
  for (const file of files) {
    describe(file, () => {
      const scenario = load(file);
      const policies = scenarioPolicies(compileScenario(scenario));

      it('played through the game API with the default policies, it is the simulate run, byte for byte', () => {
        for (const seed of ['1/0', '1/7']) {
          const game = createGame(scenario, seed, { plans: plans.get });
          playOut(game, policies);
          expectSameRun(simulate(scenario, seed, { recordEvents: true, plans: plans.get }), game.result());
        }
      });

      it('snapshot -> restore -> continue gives the same trajectory as uninterrupted play', () => {
        const seed = '3/1';
        const whole = createGame(scenario, seed, { plans: plans.get });
        playOut(whole, policies);
        for (const cut of [0, 1, 17, 95]) {
          const first = createGame(scenario, seed, { plans: plans.get });
          playOut(first, policies, cut);
          const snap = JSON.parse(JSON.stringify(first.snapshot()));
          const resumed = restoreGame(scenario, snap, { plans: plans.get });
          expect(resumed.period).toBe(first.period);
          expect(resumed.point).toBe(first.point);
          playOut(resumed, policies);
          expectSameRun(whole.result(), resumed.result());
        }
      });

      it('external policies fed the actions the defaults chose reproduce the default run byte for byte', () => {
        const seed = '2/5';
        const game = createGame(scenario, seed, { plans: plans.get });
        playOut(game, policies);
        const externals = game.roles.map((r) => externalPolicy(roleKind(r) as RoleKind, r));
        for (const entry of game.snapshot().log) if ('role' in entry) (externals[game.roles.indexOf(entry.role)] as { supply(a: AnyAction): void }).supply(entry.action);
        const replayed = createRunner(scenario, externals as Policy[], { plans: plans.get }).run(seed, { recordEvents: true });
        expectSameRun(simulate(scenario, seed, { recordEvents: true, plans: plans.get }), replayed);
        for (const e of externals) expect(e.queued).toBe(0);
      });

      it('random legal play never throws and keeps every invariant', () => {
        const u = seedrandom.alea(`random play ${file}`);
        for (let g = 0; g < 3; g++) {
          const game = createGame(scenario, `9/${g}`, { plans: plans.get });
          while (!game.isTerminal()) {
            for (const role of game.pendingRoles()) game.apply(role, randomLegal(game.legalActions(role), u));
            game.advance();
          }
          const r = game.result();
          for (const m of PERIOD_METRIC_NAMES) {
            for (let t = 0; t < r.horizonPeriods; t++) {
              const x = r.series[m][t];
              expect(Number.isFinite(x), `${m}[${t}]`).toBe(true);
              if (PERIOD_METRICS[m].isShare) expect(x >= 0 && x <= 1, `${m}[${t}] = ${x}`).toBe(true);
            }
          }
          for (let t = 0; t < r.horizonPeriods; t++) expect(r.series.aidDelivered[t] + r.series.aidDiverted[t] + r.series.aidUndelivered[t]).toBe(r.series.aidSent[t]);
          for (const v of Object.values(game.returns())) expect(Number.isFinite(v)).toBe(true);
        }
      });
    });
  }
});

describe('illegal and malformed actions', () => {
  const scenario = load('scenarios/baseline.yaml');
  const bad: [Role, unknown, RegExp][] = [
    ['target', null, /an action is an object/],
    ['target', { kind: 'act', moves: ['comply'], reports: ['honest'] }, /moves must list one of comply\|cheat for each of the \d+ benchmarks/],
    ['target', { kind: 'act', moves: Array(16).fill('maybe'), reports: Array(16).fill('honest') }, /moves/],
    ['target', { kind: 'surrender' }, /the target acts/],
    ['verifier', { kind: 'act' }, /the verifier inspects or skips/],
    ['aid', { kind: 'allocate', carveOutShare: 1.5, reliefLinkedShare: 0 }, /carveOutShare must be a number in \[0, 1\]/],
    ['aid', { kind: 'allocate', carveOutShare: Number.NaN, reliefLinkedShare: 0 }, /carveOutShare/],
    ['coalition', { kind: 'release', tranches: ['step1'] }, /coalition does not act now/],
  ];
  for (const [role, action, message] of bad) {
    it(`${role}: ${JSON.stringify(action)} is refused by name and changes nothing`, () => {
      const game = createGame(scenario, '1/0', { plans: plans.get });
      while (!(game.pendingRoles().includes('target') && game.pendingRoles().includes('verifier'))) {
        for (const r of game.pendingRoles()) game.applyPolicy(r, scenarioPolicies(compileScenario(scenario))[game.roles.indexOf(r)]);
        game.advance();
      }
      const before = JSON.stringify([game.snapshot(), game.observe('target'), game.pendingRoles()]);
      let error: unknown;
      try {
        game.apply(role, action as AnyAction);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IllegalActionError);
      expect((error as Error).message).toContain(`illegal action for ${role}`);
      expect((error as Error).message).toMatch(message);
      expect(JSON.stringify([game.snapshot(), game.observe('target'), game.pendingRoles()])).toBe(before);
    });
  }

  it('an unknown role, acting twice, and advancing early are errors', () => {
    const game = createGame(scenario, '1/0', { plans: plans.get });
    expect(() => game.apply('member:nobody' as Role, { kind: 'keep' })).toThrow(/unknown role "member:nobody"/);
    const [first, second] = game.pendingRoles();
    expect(second).toBeDefined();
    game.apply(first, game.legalActions(first).kind === 'choices' ? (game.legalActions(first) as { choices: AnyAction[] }).choices[0] : { kind: 'release', tranches: [] });
    expect(() => game.apply(first, { kind: 'keep' })).toThrow(/already acted/);
    expect(() => game.advance()).toThrow(new RegExp(`${second.replace(/[:]/g, '.')} has not acted`));
  });

  it('a release out of order is refused, naming the tranche it needs first', () => {
    const s = analyticScenario({ design: { tranches: [{ id: 'first', lifts: { all: 0.5 } }, { id: 'second', lifts: { all: 0.5 } }] } });
    const game = createGame(s, '1/0', { plans: plans.get });
    expect(game.pendingRoles()).toContain('coalition');
    expect(game.legalActions('coalition')).toMatchObject({ kind: 'release', eligible: ['first', 'second'] });
    expect(() => game.apply('coalition', { kind: 'release', tranches: ['second'] })).toThrow(/tranche second needs first released first/);
    expect(() => game.apply('coalition', { kind: 'release', tranches: ['third'] })).toThrow(/unknown tranche "third" \(known: first, second\)/);
    game.apply('coalition', { kind: 'release', tranches: ['first', 'second'] });
  });
});
