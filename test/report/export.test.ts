import { describe, expect, it } from 'vitest';
import { periodsCsv } from '../../src/report/csv.ts';
import { reportJson, stringifyReadable, RUN_REPORT_FORMAT } from '../../src/report/json.ts';
import { REPORT_PERIOD_METRICS } from '../../src/report/batch-view.ts';
import { fakeView } from './fixtures.ts';

describe('CSV export', () => {
  it('has one row per period with the month and every statistic, at full precision', () => {
    const b = fakeView(24, 3);
    b.periods.leverage.mean[5] = 0.1 + 0.2;
    const lines = periodsCsv(b).trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['period', 'month', 'trueCompliance_mean', 'trueCompliance_q05']);
    expect(header).toHaveLength(2 + 3 * REPORT_PERIOD_METRICS.length);
    const row = Object.fromEntries(lines[6].split(',').map((v, i) => [header[i], v]));
    expect(row.period).toBe('5');
    expect(row.month).toBe('18');
    expect(Number(row.leverage_mean)).toBe(0.1 + 0.2);
  });
  it('leaves an undefined value empty', () => {
    const b = fakeView(2);
    b.periods.needMet.q05[1] = NaN;
    expect(periodsCsv(b).split('\n')[2].split(',')).toContain('');
  });
});

describe('JSON export', () => {
  it('is tagged, round-trips, and writes undefined values as null', () => {
    const b = fakeView(3);
    b.outcomes.collapsePeriod.mean = NaN;
    const parsed = JSON.parse(reportJson(b, { scenarioFile: 'x.yaml' }));
    expect(parsed.format).toBe(RUN_REPORT_FORMAT);
    expect(parsed.scenarioFile).toBe('x.yaml');
    expect(parsed.outcomes.collapsePeriod.mean).toBeNull();
    expect(parsed.periods.needMet.mean).toEqual([0.5, 0.5, 0.5]);
    expect(parsed.targetTypes).toEqual(b.targetTypes);
  });
  it('keeps lists of numbers on one line and strings intact', () => {
    const text = stringifyReadable({ name: 'a [ 1, 2 ] b', xs: [1, NaN, 0.25], nested: [{ y: [] }] });
    expect(text).toBe('{\n  "name": "a [ 1, 2 ] b",\n  "xs": [1, null, 0.25],\n  "nested": [\n    {\n      "y": []\n    }\n  ]\n}');
    expect(JSON.parse(text)).toEqual({ name: 'a [ 1, 2 ] b', xs: [1, null, 0.25], nested: [{ y: [] }] });
  });
});
