import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BeliefState } from '../../src/engine/actors/coalition/belief.ts';
import { compileScenario } from '../../src/engine/compile.ts';
import { SLOT } from '../../src/engine/core.ts';
import type { Policy } from '../../src/engine/policy.ts';
import { policyDefinition } from '../../src/engine/policies/index.ts';
import type { TargetAction, TargetObservation } from '../../src/engine/roles.ts';
import { createRunner, scenarioPolicies } from '../../src/engine/simulate.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { analyticScenario } from '../helpers/analytic.ts';

/**
 * The coalition's belief (actors/coalition/belief.ts): the forward filter over each
 * type's violation chain against the exact posterior by enumeration of hidden paths,
 * its invariants, and what it makes of the baseline's types.
 */

interface Behaviour {
  start: number;
  gaming: number;
  restoreHidden: number;
  restoreShown: number;
}
interface Report {
  at: number;
  flagged: boolean;
  flagIfHidden: number;
  flagIfShown: number;
  flagIfClean: number;
}

/**
 * The exact posterior by brute force: P(type) x sum over every path of violation states
 * (clean 0, hidden 1, shown 2) in periods 0..last of P(path, reports | type), with a
 * flag exposing whatever was outstanding. Written from the model's definition, not
 * from the filter's code: no recursion on predictive probabilities, one product per path.
 */
function enumeratedPosterior(prior: number[], types: Behaviour[], reports: Report[]): number[] {
  const last = reports.length ? reports[reports.length - 1].at : -1;
  const byPeriod = new Map(reports.map((r) => [r.at, r]));
  const joint = types.map((b, i) => {
    const trans = [
      [1 - b.start, b.start * b.gaming, b.start * (1 - b.gaming)],
      [b.restoreHidden, 1 - b.restoreHidden, 0],
      [b.restoreShown, 0, 1 - b.restoreShown],
    ];
    const n = last + 1;
    let total = 0;
    const path = new Array<number>(n).fill(0);
    for (let code = 0; code < 3 ** n; code++) {
      let k = code;
      for (let u = 0; u < n; u++) {
        path[u] = k % 3;
        k = Math.floor(k / 3);
      }
      let p = 1;
      let prev = 0;
      for (let u = 0; u < n && p > 0; u++) {
        p *= trans[prev][path[u]];
        const r = byPeriod.get(u);
        if (!r) {
          prev = path[u];
          continue;
        }
        const pf = [r.flagIfClean, r.flagIfHidden, r.flagIfShown][path[u]];
        p *= r.flagged ? pf : 1 - pf;
        prev = r.flagged ? 0 : path[u];
      }
      total += p;
    }
    return prior[i] * total;
  });
  const z = joint.reduce((a, b) => a + b, 0);
  return joint.map((j) => j / z);
}

/** A compiled scenario whose belief model is stated: each type's start and restore rate and gaming propensity as given. */
function statedScenario(prior: number[], types: { start: number; restore: number; gaming: number }[], overrides: Record<string, unknown> = {}): Scenario {
  const names = ['sincere', 'opportunist', 'hardliner'] as const;
  const base = analyticScenario();
  return analyticScenario(
    mergeDeep(
      {
        target: {
          typePrior: Object.fromEntries(names.map((n, i) => [n, prior[i]])),
          types: Object.fromEntries(names.map((n, i) => [n, { ...base.target.types[n], gamingPropensity: types[i].gaming }])),
        },
        coalition: { assumedBehaviour: { source: 'stated', ...Object.fromEntries(names.map((n, i) => [n, { startPerPeriod: types[i].start, restorePerPeriod: types[i].restore }])) } },
      },
      overrides,
    ),
  );
}

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const openProbability = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const typeArb = fc.record({ start: probability, restore: probability, gaming: probability });
const priorArb = fc.tuple(openProbability, openProbability, openProbability).map((w) => w.map((x) => x / (w[0] + w[1] + w[2])));
/** Up to 7 reports at strictly increasing periods below 9 (periods between them have no report). */
const reportsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 7 })
  .chain((periods) =>
    fc.tuple(
      ...[...periods]
        .sort((a, b) => a - b)
        .map((at) => fc.record({ at: fc.constant(at), flagged: fc.boolean(), flagIfHidden: openProbability, flagIfShown: fc.double({ min: 0.01, max: 1, noNaN: true }), flagIfClean: openProbability })),
    ),
  );

function filtered(prior: number[], types: { start: number; restore: number; gaming: number }[], reports: Report[]): number[] {
  const c = compileScenario(statedScenario(prior, types));
  const belief = new BeliefState(c);
  const posterior = Float64Array.from(c.typePrior);
  for (const r of reports) belief.readReport(posterior, r.at, r.flagged, r.flagIfHidden, r.flagIfShown, r.flagIfClean);
  return Array.from(posterior);
}

const asBehaviour = (t: { start: number; restore: number; gaming: number }): Behaviour => ({ start: t.start, gaming: t.gaming, restoreHidden: t.restore, restoreShown: t.restore });

describe('the belief filter equals the exact posterior (MODEL.md result 3)', () => {
  it('random priors, types and report sequences: the filter matches enumeration over hidden paths to 1e-12', () => {
    fc.assert(
      fc.property(priorArb, fc.tuple(typeArb, typeArb, typeArb), reportsArb, (prior, types, reports) => {
        const got = filtered(prior, types, reports);
        const want = enumeratedPosterior(prior, types.map(asBehaviour), reports);
        for (let i = 0; i < 3; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it('a known value: one type always violating behind gamed statistics, one never; two clean reports then a flag', () => {
    // mu after n clean reports = mu0 (1-q)^n / [mu0 (1-q)^n + (1-mu0)(1-p)^n]; then a flag multiplies by q vs p.
    const p = 0.6;
    const q = 0.1;
    const mu0 = 0.4;
    const types = [
      { start: 0, restore: 1, gaming: 1 },
      { start: 1, restore: 0, gaming: 1 },
      { start: 1, restore: 0, gaming: 1 },
    ];
    const reports = [0, 1, 2].map((at) => ({ at, flagged: at === 2, flagIfHidden: p, flagIfShown: 1, flagIfClean: q }));
    const got = filtered([mu0, 1 - mu0, 0], types, reports);
    const s = mu0 * (1 - q) ** 2 * q;
    const o = (1 - mu0) * (1 - p) ** 2 * p;
    expect(Math.abs(got[0] - s / (s + o))).toBeLessThan(1e-15);
  });

  it('a violation that persists: after a missed inspection the next report is likelier to flag (so order matters)', () => {
    // Opportunist: starts with 0.5, never restores; sincere never violates. p = 0.5, q = 0.
    const types = [
      { start: 0, restore: 1, gaming: 1 },
      { start: 0.5, restore: 0, gaming: 1 },
      { start: 0.5, restore: 0, gaming: 1 },
    ];
    const r = (at: number, flagged: boolean) => ({ at, flagged, flagIfHidden: 0.5, flagIfShown: 1, flagIfClean: 0.01 });
    const cleanThenFlag = filtered([0.5, 0.5, 0], types, [r(0, false), r(1, true)]);
    const flagThenClean = filtered([0.5, 0.5, 0], types, [r(0, true), r(1, false)]);
    expect(cleanThenFlag[0]).not.toBeCloseTo(flagThenClean[0], 6);
    for (const [got, reports] of [
      [cleanThenFlag, [r(0, false), r(1, true)]],
      [flagThenClean, [r(0, true), r(1, false)]],
    ] as const) {
      const want = enumeratedPosterior([0.5, 0.5, 0], types.map(asBehaviour), [...reports]);
      expect(Math.abs(got[0] - want[0])).toBeLessThan(1e-12);
    }
  });
});

describe('the belief a detection would leave', () => {
  it('beliefIfFlagged equals the belief after reading that flagged report, and changes nothing', () => {
    fc.assert(
      fc.property(priorArb, fc.tuple(typeArb, typeArb, typeArb), reportsArb, openProbability, openProbability, (prior, types, reports, pH, q) => {
        const c = compileScenario(statedScenario(prior, types));
        const belief = new BeliefState(c);
        const posterior = Float64Array.from(c.typePrior);
        for (const r of reports) belief.readReport(posterior, r.at, r.flagged, r.flagIfHidden, r.flagIfShown, r.flagIfClean);
        const chain = Array.from(belief.chain);
        const predicted = belief.beliefIfFlagged(posterior, 10, pH, 1, q);
        expect(Array.from(belief.chain)).toEqual(chain);
        belief.readReport(posterior, 10, true, pH, 1, q);
        expect(Math.abs(predicted - posterior[0])).toBeLessThan(1e-12);
      }),
      { numRuns: 100, seed: 9 },
    );
  });
});

describe('belief invariants', () => {
  it('the posterior sums to 1 and stays in [0, 1] after every report', () => {
    fc.assert(
      fc.property(priorArb, fc.tuple(typeArb, typeArb, typeArb), reportsArb, (prior, types, reports) => {
        const c = compileScenario(statedScenario(prior, types));
        const belief = new BeliefState(c);
        const posterior = Float64Array.from(c.typePrior);
        for (const r of reports) {
          belief.readReport(posterior, r.at, r.flagged, r.flagIfHidden, r.flagIfShown, r.flagIfClean);
          let sum = 0;
          for (const x of posterior) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
            sum += x;
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('a report as likely in every state (uninformative) leaves the posterior unchanged', () => {
    fc.assert(
      fc.property(priorArb, fc.tuple(typeArb, typeArb, typeArb), reportsArb, fc.boolean(), openProbability, (prior, types, reports, flagged, same) => {
        const c = compileScenario(statedScenario(prior, types));
        const belief = new BeliefState(c);
        const posterior = Float64Array.from(c.typePrior);
        for (const r of reports) belief.readReport(posterior, r.at, r.flagged, r.flagIfHidden, r.flagIfShown, r.flagIfClean);
        const before = Array.from(posterior);
        belief.readReport(posterior, 9, flagged, same, same, same);
        for (let i = 0; i < 3; i++) expect(Math.abs(posterior[i] - before[i])).toBeLessThan(1e-12);
      }),
      { numRuns: 200, seed: 6 },
    );
  });

  it('with violations that do not persist (restore = 1 - start), the order of the reports does not matter', () => {
    const memoryless = fc.record({ start: probability, gaming: probability }).map((t) => ({ start: t.start, restore: 1 - t.start, gaming: t.gaming }));
    fc.assert(
      fc.property(priorArb, fc.tuple(memoryless, memoryless, memoryless), reportsArb, fc.nat(), (prior, types, reports, k) => {
        // Permute what each report says (flag and likelihood) over the same inspection periods.
        const contents = reports.map(({ at: _at, ...rest }) => rest);
        const shift = contents.length ? k % contents.length : 0;
        const rotated = reports.map((r, i) => ({ at: r.at, ...contents[(i + shift) % contents.length] }));
        const a = filtered(prior, types, reports);
        const b = filtered(prior, types, rotated);
        for (let i = 0; i < 3; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-12);
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});

/**
 * A target whose violations follow the model's chain exactly: with nothing outstanding
 * it starts a violation with its type's stated start rate (gamed with its propensity);
 * with an unexposed violation outstanding it keeps cheating with 1 - restore (keeping
 * the statistics as they were), else complies, which restores the level in one period
 * (implementation rate 1 >= what any run of cheats took off a level of 1).
 */
function chainTarget(s: Scenario): Policy<'target'> {
  const action: TargetAction & { kind: 'act' } = { kind: 'act', moves: ['comply'], reports: ['honest'] };
  return {
    name: 'chain-target',
    meta: { role: 'target', stochastic: true, memoryDepth: 0, observes: [], external: false, description: 'violations as the belief model says (test)' },
    decide(o: TargetObservation) {
      const stated = s.coalition.assumedBehaviour[o.type];
      const outstanding = o.hidden[0] === 1;
      const cheat = outstanding ? o.chance(0) < 1 - stated.restorePerPeriod! : o.chance(0) < stated.startPerPeriod!;
      action.moves[0] = cheat ? 'cheat' : 'comply';
      const gamed = outstanding ? o.claimed[0] > o.level[0] + 1e-12 : o.chance(1) < o.gamingPropensity;
      action.reports[0] = cheat && gamed ? 'gamed' : 'honest';
      return action;
    },
  };
}

describe('the engine: a target whose violations follow the model', () => {
  const prior = [0.3, 0.4, 0.3];
  const types = [
    { start: 0.05, restore: 0.9, gaming: 0 },
    { start: 0.3, restore: 0.2, gaming: 1 },
    { start: 0.6, restore: 0.1, gaming: 0.5 },
  ];
  for (const [interval, lag] of [
    [1, 0],
    [2, 1],
  ]) {
    it(`inspections every ${interval} period(s), report lag ${lag}: the recorded belief is the exact posterior over its reports (1e-12)`, () => {
      const p = 0.6;
      const q = 0.1;
      const s = statedScenario(prior, types, {
        horizonPeriods: 9,
        target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'comply' }] },
        design: { verification: { detectionProbability: p, falseAlarmProbability: q, inspectionIntervalPeriods: interval, reportLagPeriods: lag }, consequences: { trigger: 'none' } },
      });
      const c = compileScenario(s);
      const policies = scenarioPolicies(c);
      policies[SLOT.target] = chainTarget(s) as Policy;
      const runner = createRunner(s, policies);
      let flags = 0;
      for (let seed = 0; seed < 30; seed++) {
        const r = runner.run(`belief/${seed}`, { recordEvents: true });
        const flagged = new Set(r.events.filter((e) => e.kind === 'falseAlarm' || e.kind === 'violationDetected').map((e) => e.period));
        flags += flagged.size;
        for (let t = 0; t < r.horizonPeriods; t++) {
          // The belief recorded at period t has read the inspections of periods up to t - 1 - lag.
          const reports: Report[] = [];
          for (let u = 0; u <= t - 1 - lag; u++) if (u % interval === 0) reports.push({ at: u, flagged: flagged.has(u), flagIfHidden: p, flagIfShown: 1, flagIfClean: q });
          const want = enumeratedPosterior(prior, types.map(asBehaviour), reports);
          expect(Math.abs(r.series.belief[t] - want[0])).toBeLessThan(1e-12);
        }
      }
      expect(flags).toBeGreaterThan(20);
    });
  }
});

function baseline(decisionMode?: 'best-response' | 'quantal'): Scenario {
  const loaded = loadScenarioFile('scenarios/baseline.yaml');
  if (!loaded.ok) throw new Error('baseline does not load');
  if (decisionMode) loaded.scenario.target.decisionMode = decisionMode;
  return loaded.scenario;
}

describe('what the coalition makes of the baseline types', () => {
  it('an opportunist that always cheats is driven towards "not sincere"', () => {
    const s = baseline();
    const c = compileScenario(s);
    const policies = scenarioPolicies(c);
    policies[SLOT.target] = policyDefinition('target', 'scripted', 'test').create({ script: [{ fromPeriod: 0, action: 'cheat', probability: 1 }] }, c, -1) as Policy;
    const runner = createRunner(s, policies);
    const ends: number[] = [];
    for (let i = 0; ends.length < 40; i++) {
      const r = runner.run(`cheat/${i}`);
      if (r.targetType !== 'opportunist') continue;
      ends.push(r.series.belief[r.horizonPeriods - 1]);
    }
    const mean = ends.reduce((a, b) => a + b, 0) / ends.length;
    expect(mean).toBeLessThan(0.01);
    expect(Math.max(...ends)).toBeLessThan(c.typePrior[0]);
  });

  it('a deterred best-responding opportunist that never violates looks exactly like a sincere target: the sincere/opportunist ratio stays at the prior', () => {
    const s = baseline('best-response');
    const runner = createRunner(s);
    const prior = runner.compiled.typePrior;
    let checked = 0;
    for (let i = 0; checked < 40; i++) {
      const r = runner.run(`deterred/${i}`, { recordEvents: true });
      if (r.targetType !== 'opportunist' || r.events.some((e) => e.kind === 'violation' || e.kind === 'shock')) continue;
      checked++;
      // belief = mu_s; the ratio needs mu_o, which is 1 - mu_s - mu_h: compare the prior ratio through
      // the recorded belief once the hardliner has been ruled out by clean reports.
      const end = r.series.belief[r.horizonPeriods - 1];
      expect(Math.abs(end - prior[0] / (prior[0] + prior[1]))).toBeLessThan(1e-6);
    }
  });

  it('in the baseline (quantal targets) the complying opportunist is not judged sincere: its mean end-of-run belief stays near the prior ratio, as a sincere target\'s does', () => {
    const runner = createRunner(baseline());
    const prior = runner.compiled.typePrior;
    const ends: Record<string, number[]> = { sincere: [], opportunist: [], hardliner: [] };
    for (let i = 0; i < 120; i++) {
      const r = runner.run(`quantal/${i}`);
      ends[r.targetType].push(r.series.belief[r.horizonPeriods - 1]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = prior[0] / (prior[0] + prior[1]);
    // Before this model the opportunist ended at 0.998 "sincere".
    expect(mean(ends.opportunist)).toBeLessThan(ratio + 0.05);
    expect(Math.abs(mean(ends.opportunist) - mean(ends.sincere))).toBeLessThan(0.05);
    expect(mean(ends.hardliner)).toBeLessThan(0.01);
  });
});

describe('the belief model in a scenario file', () => {
  const withCoalition = (coalition: Record<string, unknown>) => {
    const loaded = loadScenarioFile('scenarios/baseline.yaml');
    if (!loaded.ok) throw new Error('baseline does not load');
    const data = JSON.parse(JSON.stringify(loaded.scenario)) as Record<string, Record<string, unknown>>;
    data.coalition = { ...data.coalition, ...coalition };
    return validateScenario(data);
  };

  it('a rate outside [0, 1] or an unknown source is refused, naming the field and the range', () => {
    const rate = withCoalition({ assumedBehaviour: { source: 'stated', opportunist: { startPerPeriod: 1.5 } } });
    expect(rate.ok).toBe(false);
    if (!rate.ok) expect(rate.errors).toContainEqual(expect.objectContaining({ path: 'coalition.assumedBehaviour.opportunist.startPerPeriod', message: expect.stringContaining('is not in [0, 1]') }));
    const source = withCoalition({ assumedBehaviour: { source: 'guess' } });
    expect(source.ok).toBe(false);
    if (!source.ok) expect(source.errors.map((e) => e.path)).toContain('coalition.assumedBehaviour.source');
  });

  it('without assumedBehaviour an old file validates; its stated rates are assumedViolationRate and 1 - that rate', () => {
    const loaded = loadScenarioFile('scenarios/baseline.yaml');
    if (!loaded.ok) throw new Error('baseline does not load');
    const data = JSON.parse(JSON.stringify(loaded.scenario)) as { coalition: Record<string, unknown> };
    delete data.coalition.assumedBehaviour;
    data.coalition.assumedViolationRate = { sincere: 0.1, opportunist: 0.4, hardliner: 0.7 };
    const v = validateScenario(data);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const c = compileScenario(v.scenario);
    expect(Array.from(c.assumedStart)).toEqual([0.1, 0.4, 0.7]);
    expect(Array.from(c.assumedRestore).map((x) => +x.toFixed(12))).toEqual([0.9, 0.6, 0.3]);
    expect(c.beliefFromPlan).toBe(true);
  });
});
