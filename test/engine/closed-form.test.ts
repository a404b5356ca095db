import { describe, expect, it } from 'vitest';
import { createRunner, simulate } from '../../src/engine/simulate.ts';
import { EVENT_INDEX } from '../../src/engine/metrics.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { meanSe, Z } from '../helpers/analytic.ts';
import {
  beliefAfterCleanReports,
  CLEAN_REPORTS,
  cleanReportsScenario,
  CONSERVATION,
  conservationScenario,
  exactPosteriorOfFirstType,
  expectedInspectionsToFalseReimposition,
  FALSE_ALARM_CASES,
  falseAlarmScenario,
  GRIM_CASES,
  GRIM_SWEEP_RATIOS,
  grimScenario,
  grimThreshold,
  leakageShare,
  MIXED_REPORTS,
  mixedReportsScenario,
  PERFECT_INFORMATION,
  perfectInformationReleases,
  perfectInformationScenario,
  QUANTAL,
  quantalComplyProbability,
  quantalScenario,
  sanctionsInForceOnSchedule,
} from '../../src/validation/index.ts';

const violationsAt = (counts: Int32Array, horizon: number, period: number) => counts[EVENT_INDEX.violation * horizon + period];

describe('MODEL.md result 1: grim re-imposition threshold', () => {
  // g <= delta p (pi_R - pi_S) / (1 - delta)  <=>  p >= p* = g (1 - delta) / (delta (pi_R - pi_S))
  for (const x of GRIM_CASES) {
    const pStar = grimThreshold(x.cheatGain, x.discountFactor, x.reliefGap);
    it(`flips at p* = ${pStar.toFixed(6)} (g=${x.cheatGain}, delta=${x.discountFactor}, pi_R - pi_S=${x.reliefGap})`, () => {
      // Sweep p across p*: every p below cheats in the first period, every p above never does.
      // (Exactly at p* the margin is 0 up to rounding, so the point itself is not asserted.)
      const grid = GRIM_SWEEP_RATIOS.map((f) => f * pStar).filter((p) => p <= 1);
      for (const p of grid) {
        const r = simulate(grimScenario(x, p), 7, { recordEvents: true });
        const cheated = r.events.some((e) => e.kind === 'violation');
        expect(cheated, `p = ${p} (p/p* = ${p / pStar})`).toBe(p < pStar);
        if (p < pStar) expect(r.events[1]).toMatchObject({ period: 0, kind: 'violation' });
      }
    });
  }

  it('a detected cheat loses the relief for good (grim): sanctions back in force from the next period', () => {
    const s = grimScenario(GRIM_CASES[0], 0.05, { horizonPeriods: 200 });
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
  for (const { q, k } of FALSE_ALARM_CASES) {
    it(`q=${q}, k=${k}`, () => {
      const expected = expectedInspectionsToFalseReimposition(q, k);
      const runner = createRunner(falseAlarmScenario(q, k));
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
  it('clean reports only: mu_n = mu0 (1-q)^n / [mu0 (1-q)^n + (1-mu0)(1-p)^n]', () => {
    const { p, q, priorSincere: mu0 } = CLEAN_REPORTS;
    const s = cleanReportsScenario();
    let checked = 0;
    for (let seed = 0; seed < 200; seed++) {
      const r = simulate(s, seed, { recordEvents: true });
      const flagPeriods = new Set(r.events.filter((e) => e.kind === 'falseAlarm').map((e) => e.period));
      for (let t = 0; t < r.horizonPeriods; t++) {
        // The belief recorded at period t has read the inspections of periods 0..t-1.
        const flags = Array.from({ length: t }, (_, i) => flagPeriods.has(i));
        if (flags.every((f) => !f)) {
          expect(Math.abs(r.series.belief[t] - beliefAfterCleanReports(mu0, p, q, t))).toBeLessThan(1e-12);
          checked++;
        }
        expect(Math.abs(r.series.belief[t] - exactPosteriorOfFirstType([mu0, 1 - mu0, 0], [0, 1, 1], p, q, flags))).toBeLessThan(1e-12);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('three types, detections and false alarms mixed: equals the exact posterior', () => {
    const { prior, rates, p, q } = MIXED_REPORTS;
    const s = mixedReportsScenario();
    for (let seed = 0; seed < 100; seed++) {
      const r = simulate(s, seed, { recordEvents: true });
      const flagPeriods = new Set(r.events.filter((e) => e.kind === 'falseAlarm' || e.kind === 'violationDetected').map((e) => e.period));
      for (let t = 0; t < r.horizonPeriods; t++) {
        const flags = Array.from({ length: t }, (_, i) => flagPeriods.has(i));
        expect(Math.abs(r.series.belief[t] - exactPosteriorOfFirstType(prior, rates, p, q, flags))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('MODEL.md result 4: quantal response', () => {
  it('P(comply) = 1 / (1 + exp(-beta (V_comply - V_cheat))) in the first period', () => {
    for (const beta of QUANTAL.rationalities) {
      // Values written from the closed form, not from the engine's code: Q-values of the
      // first period's choice with the best response after it (p = 0.3 is above p* = 0.222).
      const expected = quantalComplyProbability(beta, QUANTAL);
      const runner = createRunner(quantalScenario(beta));
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
    const lambda = leakageShare(CONSERVATION.baseLeakage, CONSERVATION.safeguardEffectiveness, CONSERVATION.safeguardsOn);
    const runner = createRunner(conservationScenario());
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
    const { implementationRate, reportLagPeriods, painWeights, tranches } = PERFECT_INFORMATION;
    const s = perfectInformationScenario();
    const expected = perfectInformationReleases(tranches, implementationRate, reportLagPeriods);
    for (const seed of [1, 2, 3]) {
      const r = simulate(s, seed);
      expect(r.trancheReleasePeriods).toEqual(expected);
      for (let t = 0; t < r.horizonPeriods; t++) {
        expect(r.series.sanctionsInForce[t]).toBeCloseTo(sanctionsInForceOnSchedule(tranches, expected, painWeights, t), 12);
      }
      expect(r.summary.reimpositions).toBe(0);
      expect(r.summary.timeToFullReliefPeriods).toBe(Math.max(...expected));
    }
  });
});
