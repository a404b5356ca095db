import { describe, expect, it } from 'vitest';
import { durationWords, money, monthLabel, percent } from '../../src/report/format.ts';
import { checkpoints } from '../../src/report/checkpoints.ts';
import { textTable } from '../../src/report/text-table.ts';

describe('number formats', () => {
  it('shares as percentages, undefined as n/a', () => {
    expect(percent(0.853)).toBe('85%');
    expect(percent(0.0449, 1)).toBe('4.5%');
    expect(percent(NaN)).toBe('n/a');
  });
  it('aid in kUSD as US dollars in words', () => {
    expect(money(3_531_880)).toBe('USD 3.53 bn');
    expect(money(939_000)).toBe('USD 939 m');
    expect(money(12.5)).toBe('USD 12.5 k');
    expect(money(0.5)).toBe('USD 500');
    expect(money(NaN)).toBe('n/a');
  });
  it('period indices as the month they end in', () => {
    expect(monthLabel(0, 1)).toBe('month 1');
    expect(monthLabel(11, 1)).toBe('month 12');
    expect(monthLabel(3, 3)).toBe('month 12');
    expect(monthLabel(0, 0.25)).toBe('month 0.25');
    expect(monthLabel(NaN, 1)).toBe('n/a');
  });
  it('durations in years when whole', () => {
    expect(durationWords(60)).toBe('5 years');
    expect(durationWords(12)).toBe('1 year');
    expect(durationWords(18)).toBe('18 months');
    expect(durationWords(1)).toBe('1 month');
  });
});

describe('checkpoints', () => {
  it('start, one year and end for monthly periods', () => {
    expect(checkpoints(60, 1)).toEqual([
      { period: 0, label: 'month 1' },
      { period: 11, label: 'month 12' },
      { period: 59, label: 'month 60' },
    ]);
  });
  it('one year is four quarterly periods', () => {
    expect(checkpoints(20, 3).map((c) => c.period)).toEqual([0, 3, 19]);
  });
  it('the middle period when the horizon is a year or less', () => {
    expect(checkpoints(12, 1).map((c) => c.period)).toEqual([0, 5, 11]);
    expect(checkpoints(2, 1).map((c) => c.period)).toEqual([0, 1]);
    expect(checkpoints(1, 1).map((c) => c.period)).toEqual([0]);
  });
});

describe('text table', () => {
  it('aligns labels left and numbers right', () => {
    expect(textTable(['', 'mean'], [['a', '1.0'], ['long label', '10.0']])).toBe(
      ['            mean', '----------  ----', 'a            1.0', 'long label  10.0'].join('\n'),
    );
  });
});
