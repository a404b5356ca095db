import { describe, expect, it } from 'vitest';
import { classifyEnding } from '../../src/cases/ending.ts';

describe('classifyEnding: how a run ended, from its relief in force', () => {
  it('reads each ending and the last cut', () => {
    expect(classifyEnding([0, 0, 0], false)).toMatchObject({ ending: 'no-relief', lastCutPeriod: NaN, finalRelief: 0 });
    expect(classifyEnding([0, 0.5, 1, 1], false)).toMatchObject({ ending: 'relief-held', lastCutPeriod: NaN, finalRelief: 1 });
    expect(classifyEnding([0, 0.5, 0.5, 0.2], false)).toMatchObject({ ending: 'partial-reversal', lastCutPeriod: 3, finalRelief: 0.2 });
    expect(classifyEnding([0, 1, 0.6, 0.3, 0, 0], false)).toMatchObject({ ending: 'lapsed-not-restored', lastCutPeriod: 4, finalRelief: 0 });
    // A cut undone later is not a reversal: relief is back at its peak.
    expect(classifyEnding([1, 0, 1], false)).toMatchObject({ ending: 'relief-held', lastCutPeriod: 1 });
    expect(classifyEnding([1, 1, 1], true)).toMatchObject({ ending: 'collapsed', index: 0 });
    // Within 1e-9 is equal: rounding in the engine's sums is not a cut.
    expect(classifyEnding([0.3, 0.3 - 1e-12], false).ending).toBe('relief-held');
  });
  it('refuses an empty series', () => {
    expect(() => classifyEnding([], false)).toThrow('classifyEnding requires a series of at least 1 period');
  });
});

describe('classifyEnding: properties over random relief series', () => {
  it('the ending agrees with its definition and the last cut is a period where relief fell', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0.25, 0.5, 0.75, 1), { minLength: 1, maxLength: 30 }), fc.boolean(), (xs, collapsed) => {
        const e = classifyEnding(xs, collapsed);
        const peak = Math.max(...xs);
        const last = xs[xs.length - 1];
        if (collapsed) return e.ending === 'collapsed';
        if (peak === 0) return e.ending === 'no-relief' && Number.isNaN(e.lastCutPeriod);
        const byDefinition = last === 0 ? 'lapsed-not-restored' : last < peak ? 'partial-reversal' : 'relief-held';
        const cutOk = Number.isNaN(e.lastCutPeriod) ? xs.every((x, t) => t === 0 || x >= xs[t - 1]) : xs[e.lastCutPeriod] < xs[e.lastCutPeriod - 1] && xs.slice(e.lastCutPeriod + 1).every((x, j) => x >= xs[e.lastCutPeriod + j]);
        return e.ending === byDefinition && e.finalRelief === last && cutOk;
      }),
      { seed: 10, numRuns: 500 },
    );
  });
});
