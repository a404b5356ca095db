import { describe, expect, it } from 'vitest';
import { simulate, type RunResult } from '../../src/engine/simulate.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { complyingScenario } from '../helpers/analytic.ts';

/**
 * Open, partial non-performance (target.openShortfalls; issue 10 item 5, Iran 2019-2025):
 * the target declares that it holds a benchmark below what it owes. Exact schedules in
 * the analytic setting (test/helpers/analytic.ts: one benchmark met from the start,
 * backslide 0.5 and implementation 1 a period, full access, q = 0, no lag, no window,
 * an automatic full permanent re-imposition; the target scripted to comply).
 */

const run = (s: Scenario) => simulate(s, 1, { recordEvents: true });
const kinds = (r: RunResult) => r.events.map((e) => `${e.period} ${e.kind} ${e.subject}`).filter((e) => !e.includes('trancheReleased'));
const compliance = (r: RunResult) => Array.from(r.series.trueCompliance).map((x) => +x.toFixed(12));
const claimed = (r: RunResult) => Array.from(r.series.reportedCompliance).map((x) => +x.toFixed(12));

describe('open, partial non-performance (openShortfalls)', () => {
  it('held at 0.4 from period 5: the level steps down 1 -> 0.5 -> 0.4, declared (the claim is the level), seen by the inspection of period 5 and punished at 6', () => {
    const r = run(complyingScenario({ horizonPeriods: 9, target: { openShortfalls: [{ heldLevel: 0.4, atPeriod: 5 }] } }));
    expect(kinds(r)).toEqual(['5 violation b', '5 violationDetected b', '6 disputeOpened ', '6 disputeUpheld ', '6 reimposition ', '6 collapse reimposition']);
    // After the collapse nothing is maintained: the level decays openly (0.5 -> 0).
    expect(compliance(r)).toEqual([1, 1, 1, 1, 1, 0.5, 0, 0, 0]);
    expect(claimed(r)).toEqual(compliance(r));
  });

  it('with no re-imposition mechanism it is flagged at every inspection while it lasts (periods 2-4), and the level comes back when it ends; gamed statistics are never used', () => {
    const s = complyingScenario({ horizonPeriods: 8, design: { consequences: { trigger: 'none' } }, target: { openShortfalls: [{ heldLevel: 0.4, atPeriod: 2, durationPeriods: 3 }] } });
    const r = run(s);
    expect(kinds(r).filter((e) => /violation/.test(e))).toEqual(['2 violation b', '2 violationDetected b', '3 violation b', '3 violationDetected b', '4 violation b', '4 violationDetected b']);
    expect(compliance(r)).toEqual([1, 1, 0.5, 0.4, 0.4, 1, 1, 1]);
    expect(claimed(r)).toEqual(compliance(r));
    expect(r.summary.undetectedViolationPeriods).toBe(0);
  });

  it('a level below the held one only works up to it, and that is no violation (nothing performed is withheld); after the shortfall it rises to the required level', () => {
    const s = complyingScenario({
      horizonPeriods: 8,
      design: { benchmarks: [{ id: 'b', initialLevel: 0 }] },
      target: { types: { opportunist: { implementationRatePerPeriod: 0.25 } }, openShortfalls: [{ heldLevel: 0.6, atPeriod: 0, durationPeriods: 4 }] },
    });
    const r = run(s);
    expect(kinds(r).filter((e) => /violation/.test(e))).toEqual([]);
    expect(compliance(r)).toEqual([0.25, 0.5, 0.6, 0.6, 0.85, 1, 1, 1]);
  });

  it('overrides the best response too: the same schedule as the scripted target', () => {
    const scripted = run(complyingScenario({ horizonPeriods: 9, target: { openShortfalls: [{ heldLevel: 0.4, atPeriod: 5 }] } }));
    const best = run(complyingScenario({ horizonPeriods: 9, target: { decisionMode: 'best-response', openShortfalls: [{ heldLevel: 0.4, atPeriod: 5 }] } }));
    expect(kinds(best)).toEqual(kinds(scripted));
  });

  it('followsShock: 2 periods after a policy change at 4 (from 6); never when the shock it follows never fires', () => {
    const two = { coalition: { members: [{ id: 'a', weight: 0.6, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }, { id: 'b', weight: 0.4, resolve: 1000, costPerPeriod: 0, hawkishness: 1 }], collapseCohesion: 0 } };
    const after = (shock: Record<string, unknown>) =>
      complyingScenario({ horizonPeriods: 10, ...two, design: { consequences: { trigger: 'none' } }, shocks: [shock], target: { openShortfalls: [{ heldLevel: 0, followsShock: 0, followDelayPeriods: 2 }] } });
    const fired = run(after({ kind: 'policyChange', member: 'b', atPeriod: 4 }));
    expect(kinds(fired).filter((e) => / violation /.test(e))[0]).toBe('6 violation b');
    expect(compliance(fired).slice(5, 9)).toEqual([1, 0.5, 0, 0]);
    const never = run(after({ kind: 'policyChange', member: 'b', hazardPerPeriod: 0 }));
    expect(kinds(never).filter((e) => /violation/.test(e))).toEqual([]);
  });

  it('names only the benchmarks it lists: the other keeps its level', () => {
    const s = complyingScenario({
      horizonPeriods: 6,
      design: { benchmarks: [{ id: 'b', initialLevel: 1 }, { id: 'c', initialLevel: 1 }], consequences: { trigger: 'none' } },
      target: { openShortfalls: [{ benchmarks: ['c'], heldLevel: 0, atPeriod: 1 }] },
    });
    const r = run(s);
    expect(new Set(r.events.filter((e) => e.kind === 'violation').map((e) => e.subject))).toEqual(new Set(['c']));
    // weights 1 and 1: c falls 0.5 a period to 0, b stays at 1
    expect(compliance(r)).toEqual([1, 0.75, 0.5, 0.5, 0.5, 0.5]);
  });

  it('validation names the field: one timing, a known benchmark, a shock that exists', () => {
    const errors = (o: Record<string, unknown>) => {
      const s = JSON.parse(JSON.stringify(complyingScenario({ horizonPeriods: 10 })));
      s.target.openShortfalls = [o];
      const v = validateScenario(s);
      return v.ok ? '' : v.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
    };
    expect(errors({ heldLevel: 0.5 })).toMatch(/target\.openShortfalls\[0\]: give exactly one of atPeriod or followsShock/);
    expect(errors({ heldLevel: 0.5, atPeriod: 1, followsShock: 0 })).toMatch(/give exactly one of atPeriod or followsShock/);
    expect(errors({ heldLevel: 0.5, atPeriod: 12 })).toMatch(/target\.openShortfalls\[0\]\.atPeriod: 12 is not in \[0, 9\] \(the horizon\)/);
    expect(errors({ heldLevel: 0.5, followsShock: 0 })).toMatch(/target\.openShortfalls\[0\]\.followsShock: 0 names no shock \(`shocks` is empty\)/);
    expect(errors({ heldLevel: 0.5, atPeriod: 1, benchmarks: ['nope'] })).toMatch(/target\.openShortfalls\[0\]\.benchmarks\[0\]: unknown benchmark "nope" \(known: b\)/);
    expect(errors({ heldLevel: 1.5, atPeriod: 1 })).toMatch(/target\.openShortfalls\[0\]\.heldLevel: 1\.5 is not in \[0, 1\]/);
    expect(errors({ heldLevel: 0.5, atPeriod: 1 })).toBe('');
  });
});
