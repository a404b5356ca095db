import { describe, expect, it } from 'vitest';
import { Engine, playOut } from '../../src/engine/core.ts';
import { targetEscrowStatus } from '../../src/engine/actors/coalition/rules.ts';
import { scenarioPolicies, simulate } from '../../src/engine/simulate.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { analyticScenario, complyingScenario } from '../helpers/analytic.ts';
import { compileScenario } from '../../src/engine/compile.ts';
import { newDeterrenceScratch, planFor, planStateOf, scheduledView } from '../../src/engine/deterrence/stakes.ts';

/**
 * Escrow held by the target's side (design.targetEscrow; issue 10 item 8, Libya's
 * Lockerbie compensation), against exact schedules in the analytic setting
 * (test/helpers/analytic.ts): three tranches released at their earliest periods 1, 4
 * and 9 to a complying target; the target deposits 10 at period 0, 40% is paid to the
 * claimants on t1, 40% on t2 and 20% on t3, the last two expiring at period 6.
 */

const delta = 0.9;
const escrowed = (extra: Record<string, unknown> = {}, withEscrow = true) =>
  complyingScenario({
    horizonPeriods: 12,
    design: {
      categories: [{ id: 'x', painWeight: 0.2 }, { id: 'y', painWeight: 0.5 }, { id: 'z', painWeight: 0.3 }],
      tranches: [{ id: 't1', lifts: { x: 1 }, earliestPeriod: 1 }, { id: 't2', lifts: { y: 1 }, earliestPeriod: 4 }, { id: 't3', lifts: { z: 1 }, earliestPeriod: 9 }],
      ...(withEscrow ? { targetEscrow: { amount: 10, releases: [{ tranche: 't1', share: 0.4 }, { tranche: 't2', share: 0.4, expiresAtPeriod: 6 }, { tranche: 't3', share: 0.2, expiresAtPeriod: 6 }] } } : {}),
    },
    ...extra,
  });

/** The run's state after every period, through the engine (the status is read from it). */
function statusByPeriod(s: Scenario): { paid: number; returned: number }[] {
  const e = new Engine(s);
  e.start('1/0', true);
  const out: { paid: number; returned: number }[] = [];
  const policies = scenarioPolicies(e.c);
  playOut(e, policies);
  for (let t = 0; t < e.c.horizon; t++) out.push(targetEscrowStatus(e.c, e.s, t));
  return out;
}

describe("escrow held by the target's side (targetEscrow)", () => {
  it('a complying target: t1 (period 1) and t2 (4, before the expiry at 6) are paid out; t3 (9) comes too late and its 20% goes back at 6: utility -10 + 0.2 x 10 x delta^6 against no escrow', () => {
    const r = simulate(escrowed(), 1);
    const none = simulate(escrowed({}, false), 1);
    expect(r.trancheReleasePeriods).toEqual([1, 4, 9]);
    expect(none.trancheReleasePeriods).toEqual([1, 4, 9]);
    expect(r.summary.targetUtility - none.summary.targetUtility).toBeCloseTo(-10 + 2 * delta ** 6, 12);
    // Relief is the sanctioners' and is not touched: the same sanctions in force period by period.
    expect(Array.from(r.series.sanctionsInForce)).toEqual(Array.from(none.series.sanctionsInForce));
    const status = statusByPeriod(escrowed());
    expect(status.map((x) => +x.paid.toFixed(12))).toEqual([0, 0.4, 0.4, 0.4, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(status.map((x) => +x.returned.toFixed(12))).toEqual([0, 0, 0, 0, 0, 0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('not forfeited on a re-imposition: the target cheats at period 2, the deal collapses at 3; the 40% paid on t1 stays paid, and the 60% of t2 and t3 goes back to the target at 6', () => {
    const cheating = { target: { types: { opportunist: { gamingPropensity: 0 } }, script: [{ fromPeriod: 0, action: 'comply' }, { fromPeriod: 2, action: 'cheat' }, { fromPeriod: 3, action: 'comply' }] } };
    const r = simulate(escrowed(cheating), 1, { recordEvents: true });
    const none = simulate(escrowed(cheating, false), 1);
    expect(r.summary.collapsed).toBe(1);
    expect(r.summary.collapsePeriod).toBe(3);
    expect(r.trancheReleasePeriods).toEqual([1, -1, -1]);
    expect(r.summary.targetUtility - none.summary.targetUtility).toBeCloseTo(-10 + 6 * delta ** 6, 12);
    const status = statusByPeriod(escrowed(cheating));
    expect(status[5]).toEqual({ paid: 0.4, returned: 0 });
    expect(status[11].paid).toBeCloseTo(0.4, 12);
    expect(status[11].returned).toBeCloseTo(0.6, 12);
  });

  it("unlike the sanctioners' escrow delivery, which is forfeited on the same re-imposition", () => {
    // The engine's own escrow (delivery: escrow) holds relief for the target (2 a period) and loses it to the breach at 3.
    const own = complyingScenario({
      horizonPeriods: 8,
      design: { tranches: [{ id: 'all', lifts: { all: 1 }, delivery: 'escrow', earliestPeriod: 0, benchmarks: ['b'], sustainedPeriods: 6 }] },
      target: { types: { opportunist: { gamingPropensity: 0 } }, script: [{ fromPeriod: 0, action: 'comply' }, { fromPeriod: 2, action: 'cheat' }, { fromPeriod: 3, action: 'comply' }] },
    });
    const r = simulate(own, 1, { recordEvents: true });
    expect(r.events.some((e) => e.kind === 'escrowPaid')).toBe(false);
    expect(Array.from(r.series.escrowBalance).slice(0, 4).map((x) => +x.toFixed(12))).toEqual([2, 4, 6, 0]);
  });

  it('validation names the field', () => {
    const errors = (te: Record<string, unknown>) => {
      const s = JSON.parse(JSON.stringify(escrowed({}, false)));
      s.design.targetEscrow = te;
      const v = validateScenario(s);
      return v.ok ? '' : v.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
    };
    expect(errors({ amount: 10, releases: [{ tranche: 'nope', share: 0.5 }] })).toMatch(/design\.targetEscrow\.releases\[0\]\.tranche: unknown tranche "nope" \(known: t1, t2, t3\)/);
    expect(errors({ amount: 10, releases: [{ tranche: 't1', share: 0.7 }, { tranche: 't2', share: 0.7 }] })).toMatch(/design\.targetEscrow\.releases: the shares sum to 1\.4; at most 1 of the amount can be paid out/);
    expect(errors({ amount: 10, releases: [{ tranche: 't1', share: 0.5, expiresAtPeriod: 12 }] })).toMatch(/design\.targetEscrow\.releases\[0\]\.expiresAtPeriod: 12 is not in \[0, 11\] \(the horizon\)/);
    expect(errors({ amount: -1, releases: [{ tranche: 't1', share: 0.5 }] })).toMatch(/design\.targetEscrow\.amount: -1 is not in \[0, 100000\]/);
    expect(errors({ amount: 10, releases: [] })).toMatch(/design\.targetEscrow\.releases: has 0 item\(s\); needs at least one release/);
    expect(errors({ amount: 10, releases: [{ tranche: 't1', share: 0.5 }] })).toBe('');
  });

  // The target's plan prices the escrow as the engine pays it: the deposit, and each return
  // at its expiry when its tranche is not released before it on the schedule (here t3, at
  // 9, after the expiry at 6; t2, at 4, is paid out). Detection is certain, so the best
  // response complies throughout and no chance is drawn: its value of complying at period
  // 0 is the recorded utility plus the stationary tail, for every decision unit.
  for (const expiry of [6, 10]) {
    it(`the plan values the deposit and the return as paid (t2 and t3 expiring at ${expiry}): Q(comply) at 0 = recorded utility + tail`, () => {
      const s = analyticScenario({
        horizonPeriods: 12,
        design: {
          verification: { detectionProbability: 1 },
          categories: [{ id: 'x', painWeight: 0.2 }, { id: 'y', painWeight: 0.5 }, { id: 'z', painWeight: 0.3 }],
          tranches: [{ id: 't1', lifts: { x: 1 }, earliestPeriod: 1 }, { id: 't2', lifts: { y: 1 }, earliestPeriod: 4 }, { id: 't3', lifts: { z: 1 }, earliestPeriod: 9 }],
          targetEscrow: { amount: 10, releases: [{ tranche: 't1', share: 0.4 }, { tranche: 't2', share: 0.4, expiresAtPeriod: expiry }, { tranche: 't3', share: 0.2, expiresAtPeriod: expiry }] },
        },
      });
      const r = simulate(s, '1/0', { recordEvents: true });
      expect(r.events.filter((e) => e.kind === 'violation')).toEqual([]);
      expect(r.trancheReleasePeriods).toEqual([1, 4, 9]);
      const c = compileScenario(s);
      const v = scheduledView(c, 1, 0);
      const x = newDeterrenceScratch(c);
      const plan = planFor(c, v, x);
      const tail = delta ** 12 * (2 / (1 - delta));
      const env = { catchGamed: 1, catchShown: 1, falseAlarm: 0, kappa: 1, reliefScale: 1, gainScale: 1 };
      for (let u = 0; u < plan.units; u++) {
        const q = plan.q(u, 0, planStateOf(c, v, plan, u, x.planState), env, { comply: 0, cheat: 0 });
        expect(q.comply).toBeCloseTo(r.summary.targetUtility + tail, 9);
      }
    });
  }
});
