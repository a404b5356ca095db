import { describe, expect, it } from 'vitest';
import { createGame, createRunner, type Scenario } from '../../src/index.ts';
import { loadScenarioFile } from '../../src/node/index.ts';
import { runReturns } from '../../src/classroom/returns.ts';

export function loadScenario(path: string): Scenario {
  const r = loadScenarioFile(path);
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

describe('runReturns', () => {
  it('equals game.returns() of the same run played through the game API, for every party', () => {
    for (const file of ['scenarios/baseline.yaml', 'scenarios/front-loaded.yaml']) {
      const sc = loadScenario(file);
      const runner = createRunner(sc);
      for (let i = 0; i < 12; i++) {
        const seed = `7/${i}`;
        const game = createGame(sc, seed, { recordEvents: false });
        while (!game.isTerminal()) {
          for (const role of game.pendingRoles()) game.applyPolicy(role, game.scenarioPolicy(role));
          game.advance();
        }
        const expected = game.returns();
        const got = runReturns(runner.compiled, runner.run(seed));
        expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
        for (const k of Object.keys(expected)) expect(got[k], `${file} ${seed} ${k}`).toBeCloseTo(expected[k], 9);
      }
    }
  });
});
