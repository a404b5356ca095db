import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { analyticScenario } from '../helpers/analytic.ts';

/**
 * A regime change with its own type prior (shocks[].typePrior): the new government's
 * type is drawn from it, and the coalition, which sees the change, restarts its
 * belief from it. Degenerate priors make both exact.
 */
const SINCERE = { sincere: 1, opportunist: 0, hardliner: 0 };
const HARDLINER = { sincere: 0, opportunist: 0, hardliner: 1 };

function withRegimeChange(typePrior?: Record<string, number>) {
  return analyticScenario({
    target: {
      typePrior: { sincere: 0.2, opportunist: 0.3, hardliner: 0.5 },
      // A hardliner government defies at once (threshold 0); the others never do.
      types: { sincere: { defianceThreshold: 1 }, opportunist: { defianceThreshold: 1, cheatGainPerPeriod: -1 }, hardliner: { defianceThreshold: 0 } },
    },
    // No inspections, so no report moves the belief: what the series shows is the prior itself.
    design: { verification: { access: 0 } },
    shocks: [{ kind: 'regimeChange', atPeriod: 5, magnitude: 0, ...(typePrior ? { typePrior } : {}) }],
  });
}

describe('regime change with its own type prior', () => {
  it("restarts the coalition's belief from the new prior, and keeps it without one", () => {
    const own = simulate(withRegimeChange({ sincere: 0.7, opportunist: 0.2, hardliner: 0.1 }), 4);
    const plain = simulate(withRegimeChange(), 4);
    for (let t = 0; t < 5; t++) expect(own.series.belief[t]).toBe(0.2);
    expect(own.series.belief[5]).toBe(0.7);
    expect(Array.from(plain.series.belief).every((b) => b === 0.2)).toBe(true);
  });

  it("draws the new government's type from it: a sure hardliner defies at the change, a sure sincere government never", () => {
    for (let seed = 0; seed < 20; seed++) {
      const hard = simulate(withRegimeChange(HARDLINER), seed, { recordEvents: true });
      // Before the change the government was drawn from the target's prior; a hardliner there defies at period 0.
      const before = hard.targetType === 'hardliner' ? 0 : 5;
      expect(hard.summary.collapsePeriod, `seed ${seed}`).toBe(before);
      const soft = simulate(withRegimeChange(SINCERE), seed);
      expect(soft.summary.collapsed, `seed ${seed}`).toBe(hard.targetType === 'hardliner' ? 1 : 0);
    }
  });
});
