import { describe, expect, it } from 'vitest';
import { periodsCsv } from '../../src/report/csv.ts';
import { summaryJson, stringifyReadable } from '../../src/report/json.ts';
import { runMonteCarlo, parseBatchSummary } from '../../src/montecarlo/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
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
  it('is the whole BatchSummary, tagged, writes undefined values as null, and round-trips', async () => {
    const loaded = loadScenarioFile('scenarios/baseline.yaml');
    if (!loaded.ok) throw new Error('baseline did not load');
    const summary = await runMonteCarlo(loaded.scenario, { runs: 40, masterSeed: 5 });
    const text = summaryJson(summary);
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe('relief-lab/batch-summary@1');
    expect(parsed.runs).toBe(40);
    expect(parsed.periods.needMet.mean).toEqual(summary.periods.needMet.mean);
    // Some outcomes are undefined in some runs (e.g. never collapsed): NaN is written as null...
    expect(text).not.toContain('NaN');
    // ...and comes back as NaN, so the summary round-trips exactly.
    expect(summaryJson(parseBatchSummary(text))).toBe(text);
  });
  it('keeps lists of numbers on one line and strings intact', () => {
    const text = stringifyReadable({ name: 'a [ 1, 2 ] b', xs: [1, NaN, 0.25], nested: [{ y: [] }] });
    expect(text).toBe('{\n  "name": "a [ 1, 2 ] b",\n  "xs": [1, null, 0.25],\n  "nested": [\n    {\n      "y": []\n    }\n  ]\n}');
    expect(JSON.parse(text)).toEqual({ name: 'a [ 1, 2 ] b', xs: [1, null, 0.25], nested: [{ y: [] }] });
  });
});
