import { describe, expect, it } from 'vitest';
import { compareWithHistory, historicalOutcomeProblems, meanWithSe, readTiming } from '../../src/cases/compare.ts';
import { placeInSample } from '../../src/cases/placement.ts';
import { wilsonInterval } from '../../src/cases/interval.ts';
import { sampleOf, tinyInput, tinyScenario } from './fixtures.ts';
import { validateScenario } from '../../src/scenario/validate.ts';

// Four runs: collapsed at 5 and 10, two never; full relief at 8, 12, 20 and never.
const SAMPLE = sampleOf([
  { collapsePeriod: 5, fullRelief: 8, finalCompliance: 0 },
  { collapsePeriod: 10, fullRelief: 12, finalCompliance: 0.5 },
  { collapsePeriod: NaN, fullRelief: 20, finalCompliance: 1 },
  { collapsePeriod: NaN, fullRelief: NaN, finalCompliance: 1 },
]);

describe('compareWithHistory', () => {
  it('places a historical collapse, full relief and final compliance among the runs', () => {
    const s = tinyScenario({ metadata: { historicalOutcome: { summary: 'x', collapsed: true, collapsePeriod: 10, fullReliefPeriod: 12, finalCompliance: 0.5 } } });
    const c = compareWithHistory(s, SAMPLE);
    expect(c.collapse).toEqual({ probability: 0.5, ci95: wilsonInterval(2, 4), historicalCollapsed: true });
    // Collapse at 10: one run earlier (5), one equal, two never (later): (1 + 0.5) / 4.
    expect(c.collapsePeriod).toMatchObject({ historical: 10, occurredShare: 0.5 });
    expect(c.collapsePeriod.placement.percentile).toBe(0.375);
    // Among the two runs that collapsed: (1 + 0.5) / 2.
    expect(c.collapsePeriod.conditional!.percentile).toBe(0.75);
    expect(c.timeToFullRelief.placement.percentile).toBe(0.375);
    expect(c.timeToFullRelief.quantiles).toEqual({ q05: 8.4, q50: 12, q95: 19.2 });
    expect(c.finalCompliance.placement!.percentile).toBe(0.375);
    expect(c.finalCompliance.mean.mean).toBe(0.625);
    expect(c.humanitarian.undeliveredShare.n).toBe(0);
  });
  it('a history that never collapsed and never reached full relief is compared with the runs that did not either', () => {
    const s = tinyScenario({ metadata: { historicalOutcome: { summary: 'x', collapsed: false } } });
    const c = compareWithHistory(s, SAMPLE);
    expect(c.collapsePeriod.historical).toBeNull();
    expect(c.collapsePeriod.conditional).toBeNull();
    expect(c.collapsePeriod.placement.percentile).toBe(0.75); // 2 collapsed earlier, 2 never (tied)
    expect(c.timeToFullRelief.placement.percentile).toBe(0.875); // 3 reached it, 1 never
    expect(c.finalCompliance.historical).toBeNull();
    expect(c.finalCompliance.placement).toBeNull();
  });
  it('says when history is later than every run where the event happened, although central overall', () => {
    // 90 runs reach full relief at 10, 10 never; history reached it at 30.
    const runs = Array.from({ length: 100 }, (_, i) => ({ collapsePeriod: NaN, fullRelief: i < 90 ? 10 : NaN, finalCompliance: 1 }));
    const s = tinyScenario({ horizonPeriods: 40, metadata: { historicalOutcome: { summary: 'x', collapsed: false, fullReliefPeriod: 30 } } });
    const t = compareWithHistory(s, sampleOf(runs, 40)).timeToFullRelief;
    expect(t.placement.percentile).toBe(0.9);
    expect(t.conditional!.percentile).toBe(1);
    expect(t.reading).toBe('later than the runs where it happened');
  });
  it('lets the overall tail decide before the conditional placement', () => {
    const p = (percentile: number) => ({ ...placeInSample([0], 0), percentile });
    expect(readTiming(p(0.99), p(1))).toBe('upper tail');
    expect(readTiming(p(0.5), p(0.01))).toBe('earlier than the runs where it happened');
    expect(readTiming(p(0.5), null)).toBe('central 90%');
  });
  it('refuses an inconsistent or out-of-horizon history, naming the field (validate rejects it)', () => {
    const bad = (h: Record<string, unknown>) => {
      const v = validateScenario({ ...tinyInput(), metadata: { name: 'Tiny', historicalOutcome: { summary: 'x', ...h } } });
      return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(bad({ collapsed: true })).toEqual(['metadata.historicalOutcome.collapsePeriod: is missing although collapsed is true']);
    expect(bad({ collapsed: false, collapsePeriod: 3 })).toEqual(['metadata.historicalOutcome.collapsePeriod: is given although collapsed is false']);
    expect(bad({ collapsed: false, fullReliefPeriod: 24 })).toEqual(['metadata.historicalOutcome.fullReliefPeriod: 24 is not in [0, 23] (the horizon)']);
    expect(bad({ collapsed: true, collapsePeriod: 30 })).toEqual(['metadata.historicalOutcome.collapsePeriod: 30 is not in [0, 23] (the horizon)']);
    expect(bad({ collapsed: false, ending: 'collapsed' })).toEqual(['metadata.historicalOutcome.ending: "collapsed" contradicts collapsed: false']);
    expect(bad({ collapsed: false, ending: 'partial-reversal' })).toEqual(['metadata.historicalOutcome.endingPeriod: is missing; ending "partial-reversal" needs the period of the last cut in relief']);
    expect(bad({ collapsed: false, ending: 'relief-held', endingPeriod: 4 })).toEqual(['metadata.historicalOutcome.endingPeriod: is given although ending "relief-held" has no cut in relief']);
    expect(bad({ collapsed: false, endingPeriod: 4 })).toEqual(['metadata.historicalOutcome.endingPeriod: is given without an ending (lapsed-not-restored or partial-reversal)']);
    expect(bad({ collapsed: false, ending: 'lapsed-not-restored', endingPeriod: 4, reliefInForceAtEnd: 0.3 })).toEqual(['metadata.historicalOutcome.reliefInForceAtEnd: 0.3 is not 0, as ending "lapsed-not-restored" says']);
    expect(bad({ collapsed: false, ending: 'relief-held', reliefInForceAtEnd: 0 })).toEqual(['metadata.historicalOutcome.reliefInForceAtEnd: 0 is not above 0, as ending "relief-held" says']);
    expect(bad({ collapsed: false, ending: 'no-relief', fullReliefPeriod: 5 })).toEqual(['metadata.historicalOutcome.fullReliefPeriod: is given although ending "no-relief" says no relief was ever in force']);
    expect(bad({ collapsed: false, ending: 'lapsed-not-restored', endingPeriod: 4, fullReliefPeriod: 9 })).toEqual([
      'metadata.historicalOutcome.endingPeriod: 4 is not after fullReliefPeriod 9: relief that lapsed and was not restored cannot reach full relief afterwards',
    ]);
    expect(bad({ collapsed: false, ending: 'partial-reversal', endingPeriod: 20, reliefInForceAtEnd: 0.5, divertedShare: 0.1 })).toEqual([]);
    expect(historicalOutcomeProblems(tinyScenario())).toEqual(['metadata.historicalOutcome: is missing; a case needs what history did']);
    expect(() => compareWithHistory(tinyScenario(), SAMPLE)).toThrow('metadata.historicalOutcome: is missing');
  });
  it('places the ending, the last cut and relief at the end: shares of each ending, history\'s share among them', () => {
    const sample = sampleOf([
      { collapsePeriod: NaN, fullRelief: NaN, finalCompliance: 1, ending: 'partial-reversal', lastCut: 10, finalRelief: 0.5 },
      { collapsePeriod: NaN, fullRelief: NaN, finalCompliance: 1, ending: 'partial-reversal', lastCut: 14, finalRelief: 0.4 },
      { collapsePeriod: NaN, fullRelief: NaN, finalCompliance: 1, ending: 'relief-held', finalRelief: 1 },
      { collapsePeriod: 3, fullRelief: NaN, finalCompliance: 0, ending: 'collapsed', lastCut: 3, finalRelief: 0 },
    ]);
    const c = compareWithHistory(tinyScenario({ metadata: { historicalOutcome: { summary: 'x', collapsed: false, ending: 'partial-reversal', endingPeriod: 12, reliefInForceAtEnd: 0.45 } } }), sample);
    expect(c.ending.historical).toBe('partial-reversal');
    expect(c.ending.historicalShare).toBe(0.5);
    expect(Object.fromEntries(c.ending.shares.map((x) => [x.ending, x.share]))).toEqual({ collapsed: 0.25, 'lapsed-not-restored': 0, 'partial-reversal': 0.5, 'relief-held': 0.25, 'no-relief': 0 });
    // Last cuts 3, 10, 14, never: history 12 has two below.
    expect(c.ending.lastCut!.placement.percentile).toBe(0.5);
    // Relief at the end 0, 0.4, 0.5, 1: history 0.45 has two below.
    expect(c.reliefAtEnd.placement!.percentile).toBe(0.5);
    expect(c.diverted.historical).toBeNull();
  });
});
