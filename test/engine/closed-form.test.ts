import { describe, expect, it } from 'vitest';
import { createRunner, simulate } from '../../src/engine/simulate.ts';
import { EVENT_INDEX } from '../../src/engine/metrics.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { analyticScenario, complyingScenario, meanSe, Z } from '../helpers/analytic.ts';

const violationsAt = (counts: Int32Array, horizon: number, period: number) => counts[EVENT_INDEX.violation * horizon + period];

describe('MODEL.md result 1: grim re-imposition threshold', () => {
  // g <= delta p (pi_R - pi_S) / (1 - delta)  <=>  p >= p* = g (1 - delta) / (delta (pi_R - pi_S))
  const cases = [
    { g: 1, delta: 0.9, R: 2 },
    { g: 0.5, delta: 0.95, R: 1 },
    { g: 3, delta: 0.8, R: 10 },
  ];
  for (const { g, delta, R } of cases) {
    const pStar = (g * (1 - delta)) / (delta * R);
    it(`flips at p* = ${pStar.toFixed(6)} (g=${g}, delta=${delta}, pi_R - pi_S=${R})`, () => {
      const at = (p: number) =>
        analyticScenario({
          target: { discountFactor: delta, types: { opportunist: { cheatGainPerPeriod: g, reliefValuePerPeriod: R } } },
          design: { verification: { detectionProbability: p } },
        });
      // Sweep p across p*: every p below cheats in the first period, every p above never does.
      // (Exactly at p* the margin is 0 up to rounding, so the point itself is not asserted.)
      const grid = [0.5, 0.9, 0.99, 0.999999, 1.000001, 1.01, 1.1, 1.5].map((f) => f * pStar).filter((p) => p <= 1);
      for (const p of grid) {
        const r = simulate(at(p), 7, { recordEvents: true });
        const cheated = r.events.some((e) => e.kind === 'violation');
        expect(cheated, `p = ${p} (p/p* = ${p / pStar})`).toBe(p < pStar);
        if (p < pStar) expect(r.events[1]).toMatchObject({ period: 0, kind: 'violation' });
      }
    });
  }

  it('a detected cheat loses the relief for good (grim): sanctions back in force from the next period', () => {
    const s = analyticScenario({ horizonPeriods: 200, design: { verification: { detectionProbability: 0.05 } } });
    const r = simulate(s, 3, { recordEvents: true });
    const reimposed = r.events.find((e) => e.kind === 'reimposition')!;
    expect(reimposed).toBeDefined();
    const detected = r.events.find((e) => e.kind === 'violationDetected')!;
    expect(reimposed.period).toBe(detected.period + 1);
    for (let t = reimposed.period; t < r.horizonPeriods; t++) expect(r.series.sanctionsInForce[t]).toBe(1);
    expect(r.summary.collapsed).toBe(1);
  });
});

describe('MODEL.md result 2: false re-imposition under noisy verification', () => {
  // Expected inspections until k consecutive false alarms: (1 - q^k) / ((1 - q) q^k).
  for (const { q, k } of [
    { q: 0.3, k: 3 },
    { q: 0.5, k: 2 },
    { q: 0.1, k: 1 },
  ]) {
    it(`q=${q}, k=${k}`, () => {
      const expected = (1 - q ** k) / ((1 - q) * q ** k);
      const s = complyingScenario({
        horizonPeriods: 600,
        design: {
          verification: { falseAlarmProbability: q },
          consequences: { thresholdViolations: k, thresholdWindowReports: k },
        },
      });
      const runner = createRunner(s);
      const inspections: number[] = [];
      for (let i = 0; i < 4000; i++) {
        const r = runner.run(runSeed(11, i));
        expect(r.summary.falseReimpositions).toBe(1); // censoring at 600 periods never happens at these rates
        // Inspection i (0-based) is read at the start of period i + 1, so the period of the
        // re-imposition counts the inspections that led to it.
        inspections.push(r.summary.collapsePeriod);
      }
      const { mean, se } = meanSe(inspections);
      expect(Math.abs(mean - expected)).toBeLessThan(Z * se);
    });
  }
});

describe('MODEL.md result 3: Bayes', () => {
  const posterior = (prior: number[], v: number[], p: number, q: number, flags: boolean[]) => {
    // Exact posterior as products, normalised once at the end (independent of the engine's sequential update).
    const w = prior.map((mu, i) => {
      let l = mu;
      const pf = v[i] * p + (1 - v[i]) * q;
      for (const f of flags) l *= f ? pf : 1 - pf;
      return l;
    });
    const z = w.reduce((a, b) => a + b, 0);
    return w[0] / z;
  };

  it('clean reports only: mu_n = mu0 (1-q)^n / [mu0 (1-q)^n + (1-mu0)(1-p)^n]', () => {
    const p = 0.6;
    const q = 0.2;
    const mu0 = 0.3;
    const s = complyingScenario({
      horizonPeriods: 30,
      target: { typePrior: { sincere: mu0, opportunist: 1 - mu0, hardliner: 0 } },
      coalition: { assumedViolationRate: { sincere: 0, opportunist: 1, hardliner: 1 } },
      design: { verification: { detectionProbability: p, falseAlarmProbability: q }, consequences: { trigger: 'none' } },
    });
    let checked = 0;
    for (let seed = 0; seed < 200; seed++) {
      const r = simulate(s, seed, { recordEvents: true });
      const flagPeriods = new Set(r.events.filter((e) => e.kind === 'falseAlarm').map((e) => e.period));
      for (let t = 0; t < r.horizonPeriods; t++) {
        // The belief recorded at period t has read the inspections of periods 0..t-1.
        const flags = Array.from({ length: t }, (_, i) => flagPeriods.has(i));
        if (flags.every((f) => !f)) {
          const n = t;
          const closed = (mu0 * (1 - q) ** n) / (mu0 * (1 - q) ** n + (1 - mu0) * (1 - p) ** n);
          expect(Math.abs(r.series.belief[t] - closed)).toBeLessThan(1e-12);
          checked++;
        }
        expect(Math.abs(r.series.belief[t] - posterior([mu0, 1 - mu0, 0], [0, 1, 1], p, q, flags))).toBeLessThan(1e-12);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('three types, detections and false alarms mixed: equals the exact posterior', () => {
    const p = 0.7;
    const q = 0.1;
    const prior = [0.25, 0.5, 0.25];
    const v = [0.05, 0.5, 0.9];
    const s = analyticScenario({
      horizonPeriods: 25,
      target: { decisionMode: 'scripted', script: [{ fromPeriod: 0, action: 'cheat', probability: 0.5 }], typePrior: { sincere: 0.25, opportunist: 0.5, hardliner: 0.25 } },
      coalition: { assumedViolationRate: { sincere: v[0], opportunist: v[1], hardliner: v[2] } },
      design: { verification: { detectionProbability: p, falseAlarmProbability: q }, consequences: { trigger: 'none' } },
    });
    for (let seed = 0; seed < 100; seed++) {
      const r = simulate(s, seed, { recordEvents: true });
      const flagPeriods = new Set(r.events.filter((e) => e.kind === 'falseAlarm' || e.kind === 'violationDetected').map((e) => e.period));
      for (let t = 0; t < r.horizonPeriods; t++) {
        const flags = Array.from({ length: t }, (_, i) => flagPeriods.has(i));
        expect(Math.abs(r.series.belief[t] - posterior(prior, v, p, q, flags))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('MODEL.md result 4: quantal response', () => {
  it('P(comply) = 1 / (1 + exp(-beta (V_comply - V_cheat))) in the first period', () => {
    const g = 4;
    const R = 2;
    const delta = 0.9;
    const p = 0.3;
    for (const beta of [0.1, 0.3, 1]) {
      // Values written from the closed form, not from the engine's code: Q-values of the
      // first period's choice with the best response after it. Here p = 0.3 is above
      // p* = g (1 - delta) / (delta (pi_R - pi_S)) = 0.222, so the best continuation is to
      // comply: cheating once earns pi_R + g now and keeps the relief unless caught.
      const piR = R;
      const vComply = piR / (1 - delta);
      const vCheat = piR + g + delta * (1 - p) * vComply;
      const expected = 1 / (1 + Math.exp(-beta * (vComply - vCheat)));
      const s = analyticScenario({
        horizonPeriods: 1,
        target: { decisionMode: 'quantal', rationality: beta, discountFactor: delta, types: { opportunist: { cheatGainPerPeriod: g, reliefValuePerPeriod: R } } },
        design: { verification: { detectionProbability: p } },
      });
      const runner = createRunner(s);
      const N = 20000;
      let complied = 0;
      for (let i = 0; i < N; i++) if (violationsAt(runner.run(runSeed(5, i)).eventCounts, 1, 0) === 0) complied++;
      const se = Math.sqrt((expected * (1 - expected)) / N);
      expect(Math.abs(complied / N - expected)).toBeLessThan(Z * se);
    }
  });
});

describe('MODEL.md result 5: conservation', () => {
  it('sent = delivered + diverted + undelivered exactly; mean delivered share is 1 - lambda', () => {
    const baseLeakage = 0.3;
    const effectiveness = 0.35;
    const lambda = baseLeakage * (1 - effectiveness); // one safeguard (ring-fenced accounts)
    const s = complyingScenario({
      horizonPeriods: 24,
      design: {
        humanitarian: {
          carveOutAidPerPeriod: 1003,
          reliefLinkedAidPerPeriod: 0,
          baseLeakage,
          safeguardEffectiveness: effectiveness,
          ringFencedAccounts: true,
          exemptionClarity: 1,
        },
      },
    });
    const runner = createRunner(s);
    const shares: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const r = runner.run(runSeed(9, i));
      for (let t = 0; t < r.horizonPeriods; t++) {
        const { aidSent, aidDelivered, aidDiverted, aidUndelivered } = r.series;
        expect(aidDelivered[t] + aidDiverted[t] + aidUndelivered[t]).toBe(aidSent[t]);
        shares.push(aidDelivered[t] / aidSent[t]);
      }
    }
    const { mean, se } = meanSe(shares);
    expect(Math.abs(mean - (1 - lambda))).toBeLessThan(Z * se + 1e-12);
  });
});

describe('MODEL.md result 6: perfect information', () => {
  it('with p = 1, q = 0 and an always-complying target, relief follows the designed schedule exactly', () => {
    const impl = 0.25;
    const lag = 1;
    const tranches = [
      { id: 'first', lifts: { a: 0.5 }, benchmarks: ['x'], requiredLevel: 0.5, sustainedPeriods: 2, earliestPeriod: 0 },
      { id: 'second', lifts: { a: 0.5, b: 0.5 }, benchmarks: ['x', 'y'], requiredLevel: 1, sustainedPeriods: 1, earliestPeriod: 6 },
      { id: 'third', lifts: { b: 0.5 }, benchmarks: ['y'], requiredLevel: 1, sustainedPeriods: 4, earliestPeriod: 0 },
    ];
    const s = complyingScenario({
      horizonPeriods: 20,
      target: { types: { opportunist: { implementationRatePerPeriod: impl } } },
      design: {
        benchmarks: [
          { id: 'x', initialLevel: 0 },
          { id: 'y', initialLevel: 0 },
        ],
        categories: [
          { id: 'a', painWeight: 0.6 },
          { id: 'b', painWeight: 0.4 },
        ],
        tranches,
        verification: { detectionProbability: 1, falseAlarmProbability: 0, reportLagPeriods: lag },
      },
    });
    // The schedule, by hand: a level r is reached at the end of period ceil(r / impl) - 1,
    // certified by that period's inspection, read lag + 1 periods later, then held for
    // max(1, sustained) periods; never before earliest, never before the previous tranche.
    let previous = 0;
    const expected = tranches.map((t) => {
      const reached = Math.ceil(t.requiredLevel / impl) - 1;
      const release = Math.max(t.earliestPeriod, previous, reached + lag + 1 + Math.max(1, t.sustainedPeriods) - 1);
      previous = release;
      return release;
    });
    const pain = tranches.map((t) => (t.lifts.a ?? 0) * 0.6 + ((t.lifts as Record<string, number>).b ?? 0) * 0.4);
    for (const seed of [1, 2, 3]) {
      const r = simulate(s, seed);
      expect(r.trancheReleasePeriods).toEqual(expected);
      for (let t = 0; t < r.horizonPeriods; t++) {
        const lifted = expected.reduce((acc, rel, i) => acc + (t >= rel ? pain[i] : 0), 0);
        expect(r.series.sanctionsInForce[t]).toBeCloseTo(1 - lifted, 12);
      }
      expect(r.summary.reimpositions).toBe(0);
      expect(r.summary.timeToFullReliefPeriods).toBe(Math.max(...expected));
    }
  });
});
