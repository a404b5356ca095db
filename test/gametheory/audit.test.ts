import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDesign, AuditInputError, traceCompliantPath, withBestResponse } from '../../src/audit/index.ts';
import { EVENT_INDEX } from '../../src/engine/metrics.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { createRunner } from '../../src/engine/simulate.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { GRIM_CASES, grimCriticalDiscountFactor, grimScenario, grimThreshold } from '../../src/validation/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const grim = (g: number, delta: number, R: number, p: number) => grimScenario({ cheatGain: g, discountFactor: delta, reliefGap: R }, p);

describe('MODEL.md result 1 through the audit', () => {
  for (const { cheatGain: g, discountFactor: delta, reliefGap: R } of GRIM_CASES) {
    const pStar = grimThreshold(g, delta, R);
    it(`the critical detection probability is p* = g (1 - delta) / (delta (pi_R - pi_S)) = ${pStar.toFixed(6)} (g=${g}, delta=${delta}, R=${R})`, () => {
      for (const p of [0.5 * pStar, 1.5 * pStar].filter((x) => x <= 1)) {
        const a = auditDesign(grim(g, delta, R, p), { runs: 3, thresholds: true });
        // One tranche lifting everything at period 0: one stage, the opportunist's only type.
        expect(a.rows.map((r) => [r.type, r.tranche])).toEqual([['opportunist', 'all']]);
        const row = a.rows[0];
        expect(row.criticalDetectionProbability).toBeCloseTo(pStar, 9);
        // The critical discount factor solves g = delta p R / (1 - delta): delta* = g / (g + p R).
        expect(row.criticalDiscountFactor).toBeCloseTo(grimCriticalDiscountFactor(g, R, p), 9);
        expect(row.cheatingPays).toBe(p < pStar);
        // The solved stage game has the target cheat exactly there, as the simulated best responses do.
        expect(row.game.targetChoice).toBe(p < pStar ? 'Cheat' : 'Comply');
        expect(row.game.simulatedCheatShare).toBe(p < pStar ? 1 : 0);
        expect(row.game.agrees).toBe(true);
      }
    });
  }

  it("simulation flips at the audit's thresholds: a best response cheats just below the critical p and delta, complies just above", () => {
    const [g, delta, R] = [3, 0.8, 10];
    const row = auditDesign(grim(g, delta, R, 0.5), { runs: 2, thresholds: true }).rows[0];
    const pStar = row.criticalDetectionProbability!;
    const dStar = row.criticalDiscountFactor!;
    const cheats = (s: Scenario) => createRunner(withBestResponse(s)).run(runSeed(1, 0)).eventCounts[EVENT_INDEX.violation * s.horizonPeriods] > 0;
    expect(cheats(grim(g, delta, R, pStar * (1 - 1e-6)))).toBe(true);
    expect(cheats(grim(g, delta, R, pStar * (1 + 1e-6)))).toBe(false);
    expect(cheats(grim(g, dStar * (1 - 1e-6), R, 0.5))).toBe(true);
    expect(cheats(grim(g, Math.min(0.999, dStar * (1 + 1e-6)), R, 0.5))).toBe(false);
  });

  it('the weak link that pays gets a detection fix at p* (rounded up), and simulation confirms it: no more violations', () => {
    const [g, delta, R] = [1, 0.9, 2];
    const pStar = grimThreshold(g, delta, R);
    const a = auditDesign(grim(g, delta, R, 0.5 * pStar), { runs: 3, checkRuns: 20, fixes: true });
    const fix = a.fixes.find((f) => f.kind === 'detection')!;
    expect(fix.changes).toHaveLength(1);
    expect(fix.changes[0].path).toBe('design.verification.detectionProbability');
    expect(fix.changes[0].to as number).toBeGreaterThanOrEqual(pStar);
    expect(fix.changes[0].to as number).toBeLessThan(pStar * 1.001);
    expect(fix.marginAfter).toBeGreaterThanOrEqual(0);
    expect(fix.check.runs).toBe(20);
    expect(fix.check.violations.original).toBeGreaterThan(0);
    expect(fix.check.violations.fixed).toBe(0);
    expect(fix.check.violations.difference.ci95[1]).toBeLessThan(0);
    expect(fix.check.confirmed).toBe(true);
    // A bigger tranche cannot help (it lifts everything already); a penalty needs public reporting, which the fix turns on.
    expect(a.unavailable.map((u) => u.kind)).toContain('tranche-size');
    const penalty = a.fixes.find((f) => f.kind === 'penalty')!;
    expect(penalty.changes.map((c) => c.path)).toContain('design.reviews.publicReporting');
    expect(penalty.check.violations.fixed).toBe(0);
  });

  it('no fix is searched when complying pays everywhere', () => {
    const a = auditDesign(grim(1, 0.9, 2, 0.9), { runs: 3, fixes: true });
    expect(a.rows[a.weakLink].cheatingPays).toBe(false);
    expect(a.fixes).toEqual([]);
  });
});

/** Every shipped scenario and case (not the experiment files or games). */
function shippedScenarios(): { file: string; scenario: Scenario }[] {
  const files = [
    ...readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f)),
    ...readdirSync(join(ROOT, 'scenarios/cases')).filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios/cases', f)),
  ];
  return files.map((file) => {
    const r = loadScenarioFile(join(ROOT, file));
    if (!r.ok) throw new Error(`${file} does not load`);
    return { file, scenario: r.scenario };
  });
}

describe('the audit against simulation, on every shipped scenario', () => {
  const RUNS = 60;
  const seen = { cheated: 0, complied: 0, defied: 0 };
  for (const { file, scenario: shipped } of shippedScenarios()) {
    // Open shortfalls (target.openShortfalls, Iran) are scripted: they override the target's
    // choice and emit violations the audit does not claim to predict, so they are taken out here.
    const scenario = { ...shipped, target: { ...shipped.target, openShortfalls: [] } };
    // Iran (quantal) parted here until the path was traced in the best response's world: its
    // coalition's belief filter read logit behaviour, and run 0 cheated first at 64 where the
    // path said 53 (compliant-path.ts).
    it(`${file}: best-response runs cheat first exactly where the audit's path says cheating first pays, and never where it says complying pays`, () => {
      const path = traceCompliantPath(scenario, RUNS, 5);
      const runner = createRunner(withBestResponse(scenario));
      const H = runner.compiled.horizon;
      for (let i = 0; i < RUNS; i++) {
        const r = runner.run(runSeed(5, i));
        const at = path.runs[i];
        const first = (kind: number) => {
          for (let t = 0; t < H; t++) if (r.eventCounts[kind * H + t] > 0) return t;
          return -1;
        };
        const firstViolation = first(EVENT_INDEX.violation);
        if (at.firstDefiancePeriod >= 0 && (at.firstCheatPeriod < 0 || at.firstDefiancePeriod <= at.firstCheatPeriod)) {
          // Hardliners take over first: the best response defies there instead of cheating.
          expect(first(EVENT_INDEX.defiance), `run ${i}`).toBe(at.firstDefiancePeriod);
          seen.defied++;
          continue;
        }
        expect(firstViolation, `run ${i}`).toBe(at.firstCheatPeriod);
        if (at.firstCheatPeriod >= 0) seen.cheated++;
        else seen.complied++;
      }
    });
  }
  it('the shipped files exercise both branches: runs where cheating pays and runs where it never does', () => {
    expect(seen.cheated).toBeGreaterThan(10);
    expect(seen.complied).toBeGreaterThan(10);
  });
});

describe('bad input', () => {
  it('names the field and the allowed range', () => {
    const s = grim(1, 0.9, 2, 0.5);
    expect(() => auditDesign(s, { runs: 0 })).toThrow(AuditInputError);
    expect(() => auditDesign(s, { runs: 0 })).toThrow('runs: 0 is not a whole number in [1, 100000]');
    expect(() => auditDesign(s, { runs: 2.5 })).toThrow('runs: 2.5');
    expect(() => auditDesign(s, { runs: 2, masterSeed: -1 })).toThrow('seed: -1 is not a whole number >= 0');
    expect(() => auditDesign(grim(1, 0.9, 2, 0.01), { runs: 2, checkRuns: 0, fixes: true })).toThrow('checkRuns: 0 is not a whole number in [1, 100000]');
  });
});
