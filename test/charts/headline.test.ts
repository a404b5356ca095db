import { describe, expect, it } from 'vitest';
import { describePath, describeEndSpread, settlePeriod } from '../../src/charts/headline.ts';
import { eventWindow } from '../../src/charts/events.ts';
import { wrapText } from '../../src/charts/spec.ts';

describe('describePath (closed cases)', () => {
  it('names a rise, a fall, a peak, a dip and a flat path', () => {
    expect(describePath([0, 0.2, 0.5, 0.8], 'trueCompliance', 'month')).toBe('rises from 0% to 80% by month 3');
    expect(describePath([1, 0.7, 0.4], 'sanctionsInForce', 'month')).toBe('falls from 100% to 40% by month 2');
    expect(describePath([0.2, 0.9, 0.5, 0.3], 'leverage', 'month')).toBe('rises to 90% by month 1, then falls to 30% by month 3');
    expect(describePath([0.8, 0.3, 0.6, 0.7], 'belief', 'period')).toBe('falls to 30% by period 1, then recovers to 70% by period 3');
    expect(describePath([0.5, 0.51, 0.495, 0.5], 'needMet', 'month')).toBe('stays near 50% throughout');
  });

  it('names the period from which the median stays at its final value', () => {
    expect(describePath([0.1, 0.5, 1, 1, 1], 'trueCompliance', 'month')).toBe('rises from 10% to 100% by month 2 and stays there');
    expect(describePath([1, 0.4, 0.41, 0.4], 'leverage', 'month')).toBe('falls from 100% to 40% by month 1 and stays there');
  });

  it('treats moves under 2 percentage points as flat, and at 2 points or more as a move', () => {
    expect(describePath([0.5, 0.519], 'needMet', 'month')).toBe('stays near 52% throughout');
    expect(describePath([0.5, 0.53], 'needMet', 'month')).toBe('rises from 50% to 53% by month 1');
  });

  it('formats money in its unit', () => {
    expect(describePath([100000, 150000], 'need', 'month')).toBe('rises from USD 100 m to USD 150 m by month 1');
  });

  it('says when the middle half of runs ends at one value', () => {
    expect(describeEndSpread(1, 1, 'trueCompliance')).toBe('half of runs end at 100%');
    expect(describeEndSpread(0.25, 0.75, 'trueCompliance')).toBe('half of runs end between 25% and 75%');
  });
});

describe('eventWindow', () => {
  it('is null with no events', () => {
    expect(eventWindow([0, 0, 0])).toBeNull();
  });
  it('is a single period when every event falls in it', () => {
    expect(eventWindow([0, 0, 7, 0])).toEqual([2, 2]);
  });
  it('spans the 10th to 90th percentile of event times', () => {
    // 10 events, one per period: the 1st event (10%) is in period 0, the 9th (90%) in period 8.
    expect(eventWindow(new Array(10).fill(1))).toEqual([0, 8]);
  });
});

describe('wrapText', () => {
  it('breaks at word boundaries into lines of at most maxChars', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('supercalifragilistic word', 5)).toEqual(['supercalifragilistic', 'word']);
    expect(wrapText('', 10)).toEqual(['']);
  });
});

describe('settlePeriod', () => {
  it('is the first period from which a series stays within tolerance of its end', () => {
    expect(settlePeriod([0, 0.5, 1, 1], 0.02)).toBe(2);
    expect(settlePeriod([1, 1, 1], 0.02)).toBe(0);
    expect(settlePeriod([1, 0.2, 1, 0.5], 0.02)).toBe(3);
  });
});
