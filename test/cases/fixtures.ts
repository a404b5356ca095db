import { validateScenario, formatErrors } from '../../src/scenario/validate.ts';
import { HISTORICAL_ENDINGS, type HistoricalEnding, type Scenario } from '../../src/scenario/schema.ts';
import type { CaseSample } from '../../src/cases/sample.ts';

type Over = { metadata?: Record<string, unknown>; design?: Record<string, unknown>; horizonPeriods?: number; coalition?: Record<string, unknown>; shocks?: unknown[] };

/** The input of tinyScenario, before validation. */
export function tinyInput(over: Over = {}): Record<string, unknown> {
  return {
    metadata: { name: 'Tiny', description: 'a test case', ...over.metadata },
    horizonPeriods: over.horizonPeriods ?? 24,
    coalition: over.coalition ?? { members: [{ id: 'lead', weight: 1 }] },
    shocks: over.shocks ?? [],
    design: {
      benchmarks: [{ id: 'b1' }, { id: 'b2', verifiability: 0.5 }],
      categories: [{ id: 'trade', painWeight: 0.25 }, { id: 'oil', painWeight: 0.75 }],
      tranches: [
        { id: 't1', name: 'First', lifts: { trade: 1 }, benchmarks: ['b1'], earliestPeriod: 3 },
        { id: 't2', name: 'Second', lifts: { oil: 0.5 }, benchmarks: ['b1', 'b2'], requiredLevel: 0.8, sustainedPeriods: 6, delivery: 'licence', licencePeriods: 4, permanentAfterRenewals: 2, deliveryDelayPeriods: 2, deliveryReliability: 0.9 },
        { id: 't3', lifts: { oil: 0.5 }, earliestPeriod: 12 },
      ],
      ...over.design,
    },
  };
}

/** A small valid scenario, with overrides merged at the top level and in metadata/design. */
export function tinyScenario(over: Over = {}): Scenario {
  const v = validateScenario(tinyInput(over));
  if (!v.ok) throw new Error(formatErrors(v.errors));
  return v.scenario;
}

/** A sample from explicit per-run values (NaN: never). */
export function sampleOf(
  runs: { collapsePeriod: number; fullRelief: number; finalCompliance: number; ending?: HistoricalEnding; lastCut?: number; finalRelief?: number; diverted?: number }[],
  horizonPeriods = 24,
): CaseSample {
  const n = runs.length;
  return {
    runs: n,
    masterSeed: 1,
    horizonPeriods,
    collapsed: Uint8Array.from(runs, (r) => (Number.isNaN(r.collapsePeriod) ? 0 : 1)),
    collapsePeriod: Float64Array.from(runs, (r) => r.collapsePeriod),
    timeToFullReliefPeriods: Float64Array.from(runs, (r) => r.fullRelief),
    finalCompliance: Float64Array.from(runs, (r) => r.finalCompliance),
    meanNeedMet: new Float64Array(n).fill(0.5),
    divertedShare: Float64Array.from(runs, (r) => r.diverted ?? 0.1),
    undeliveredShare: new Float64Array(n).fill(NaN),
    ending: Uint8Array.from(runs, (r) => HISTORICAL_ENDINGS.indexOf(r.ending ?? (Number.isNaN(r.collapsePeriod) ? 'relief-held' : 'collapsed'))),
    lastCutPeriod: Float64Array.from(runs, (r) => r.lastCut ?? NaN),
    finalRelief: Float64Array.from(runs, (r) => r.finalRelief ?? 1),
    releasePeriod: new Float64Array(0),
  };
}
