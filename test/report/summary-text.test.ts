import { describe, expect, it } from 'vitest';
import { describeBatch, trajectorySentence } from '../../src/report/summary-text.ts';
import { checkpoints } from '../../src/report/checkpoints.ts';
import { tableReport } from '../../src/report/table-report.ts';
import { fakeView, flatOutcome } from './fixtures.ts';

describe('trajectory sentences', () => {
  it('name the direction and the value at each checkpoint, and the 90% range at the end', () => {
    const b = fakeView(60);
    const s = b.periods.trueCompliance;
    s.mean[0] = 0.1;
    s.mean[11] = 0.85;
    s.mean[59] = 0.78;
    s.q05[59] = 0.2;
    s.q95[59] = 1;
    expect(trajectorySentence('Compliance', b, 'trueCompliance', checkpoints(60, 1))).toBe(
      'Compliance started at 10% in month 1, rose to 85% by month 12 and fell to 78% by month 60; at the end 90% of runs lay between 20% and 100%.',
    );
  });
  it('say "stayed at" when the rounded value does not move, and drop a repeated verb', () => {
    const b = fakeView(60);
    const s = b.periods.leverage;
    s.mean[0] = 1;
    s.mean[11] = 0.9;
    s.mean[59] = 0.3;
    expect(trajectorySentence('Leverage', b, 'leverage', checkpoints(60, 1))).toContain('fell to 90% by month 12 and to 30% by month 60');
    const flat = fakeView(60);
    expect(trajectorySentence('Need met', flat, 'needMet', checkpoints(60, 1))).toContain('stayed at 50% through month 12 and stayed at 50% through month 60');
  });
  it('one run has no spread to report', () => {
    const b = { ...fakeView(60), runs: 1 };
    expect(trajectorySentence('Need met', b, 'needMet', checkpoints(60, 1))).toBe('Need met started at 50% in month 1, stayed at 50% through month 12 and stayed at 50% through month 60.');
    expect(describeBatch(b)).toContain('How it evolved (one run):');
  });
  it('a one-period horizon is a single value', () => {
    const b = fakeView(1);
    expect(trajectorySentence('Need met', b, 'needMet', checkpoints(1, 1))).toBe('Need met was 50% in month 1; at the end 90% of runs lay between 40% and 60%.');
  });
});

describe('the summary in words', () => {
  it('states probabilities with their CI, times as months, aid in USD', () => {
    const b = fakeView(60);
    b.outcomes.fullRelief = { ...flatOutcome(0.62), ci95: [0.59, 0.65] };
    b.outcomes.timeToFullReliefPeriods = { ...flatOutcome(36, 620), q05: 24, q50: 36, q95: 52 };
    b.outcomes.collapsed = { ...flatOutcome(0.12), ci95: [0.1, 0.14] };
    b.outcomes.collapsePeriod = { ...flatOutcome(19, 120), q50: 19 };
    b.outcomes.cumulativeUnmetNeed = { ...flatOutcome(3_531_880), q05: 2_000_000, q95: 6_900_000 };
    b.outcomes.totalDiverted = flatOutcome(1_338_480);
    b.events.reimposition = { runsWithEvent: 23, meanPerRun: 0.31, sePerRun: 0.05 };
    b.events.falseReimposition = { runsWithEvent: 4, meanPerRun: 0.05, sePerRun: 0.02 };
    const text = describeBatch(b);
    expect(text).toContain('Test scenario\n100 runs (master seed 7), 60 periods of 1 month = 5 years.');
    expect(text).toContain('sincere 35%, opportunist 45%, hardliner 20% of runs');
    expect(text).toContain('Full relief came in 62.0% of runs (95% CI 59.0% to 65.0%), at a median of month 37; 90% of those runs reached it between month 25 and month 53.');
    expect(text).toContain('The arrangement collapsed in 12.0% of runs (95% CI 10.0% to 14.0%), at a median of month 20.');
    expect(text).toContain('Sanctions were re-imposed at least once in 23.0% of runs (mean 0.31 re-impositions per run); 4.0% of runs saw a false re-imposition');
    expect(text).toContain('unmet need came to USD 3.53 bn per run (90% of runs: USD 2.00 bn to USD 6.90 bn) and USD 1.34 bn of aid was diverted');
  });
  it('does not print a range whose ends coincide', () => {
    const b = fakeView(60);
    b.outcomes.fullRelief = { ...flatOutcome(0.5), ci95: [0.4, 0.6] };
    b.outcomes.timeToFullReliefPeriods = flatOutcome(36, 50);
    expect(describeBatch(b)).toContain('at a median of month 37; at least 90% of those runs reached it in month 37.');
  });
  it('says "never" rather than printing n/a when an event never happened', () => {
    const b = fakeView(60);
    b.outcomes.timeToFullReliefPeriods = { ...flatOutcome(NaN, 0), nUndefined: 100 };
    b.outcomes.collapsePeriod = { ...flatOutcome(NaN, 0), nUndefined: 100 };
    b.outcomes.fullRelief = { ...flatOutcome(0), ci95: [0, 0.037] };
    b.outcomes.collapsed = { ...flatOutcome(0), ci95: [0, 0.037] };
    const text = describeBatch(b);
    expect(text).toContain('Full relief never came in the 100 runs (95% CI 0.0% to 3.7%).');
    expect(text).toContain('The arrangement never collapsed in the 100 runs');
    expect(text).toContain('Sanctions were never re-imposed in the 100 runs.');
  });
  it('the table report adds the trajectories and every outcome', () => {
    const text = tableReport(fakeView(60));
    expect(text).toMatch(/True compliance +50% \[40%-60%\] +50% \[40%-60%\] +50% \[40%-60%\]/);
    expect(text).toContain('Time to full relief (month)');
    expect(text).toContain('Target utility (discounted)');
  });
});
