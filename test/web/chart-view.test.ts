import { describe, expect, it } from 'vitest';
import { fanChartSpec } from '../../src/charts/fan.ts';
import { titleParams } from '../../src/charts/spec.ts';
import { runMonteCarlo } from '../../src/montecarlo/index.ts';
import { structureKey } from '../../web/src/results/chart-view.ts';
import { baselineWith } from '../e2e/expected.ts';

describe('chart updates in place', () => {
  it('swap data while the layout holds, and lay the chart out anew when its title gains or loses a line', async () => {
    const a = fanChartSpec(await runMonteCarlo(baselineWith(), { runs: 100, masterSeed: 1 }), 'leverage');
    const b = fanChartSpec(await runMonteCarlo(baselineWith(), { runs: 100, masterSeed: 2 }), 'leverage');
    const sameLines = { ...b, params: a.params.map((p) => ({ ...p, value: p.value.map((l: string) => `${l}!`) })) };
    expect(structureKey(sameLines)).toBe(structureKey(a));
    const longer = { ...a, params: titleParams(`${'a long headline '.repeat(12)}`, 'subtitle', 347) };
    expect(longer.params[0].value.length).not.toBe(a.params[0].value.length);
    expect(structureKey(longer)).not.toBe(structureKey(a));
  });
});
