import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { findBreakPoint } from '../../src/analysis/break-point.ts';
import { latinHypercube } from '../../src/analysis/latin-hypercube.ts';
import { morrisAnalysis } from '../../src/analysis/morris.ts';
import { chooseBox, prim } from '../../src/analysis/prim.ts';
import { inspectBox } from '../../src/analysis/prim-inspect.ts';
import { sobolAnalysis } from '../../src/analysis/sobol-indices.ts';
import { sweepAnalysis } from '../../src/analysis/sweep.ts';
import { breakPointsSpec, morrisSpec, primBoxSpec, primTradeoffSpec, sobolIndicesSpec, tornadoSpec } from '../../src/charts/analysis.ts';
import { ISHIGAMI_FACTORS, ishigami } from '../analysis/ishigami.ts';
import { plainRows, renderSpec } from './render.ts';

const labels = { outcome: 'collapse probability', context: 'Scenario baseline, master seed 7' };

async function renderClean(spec: Parameters<typeof renderSpec>[0]) {
  const warnings: string[] = [];
  const view = await renderSpec(spec, warnings);
  const svg = await view.toSVG();
  expect(warnings).toEqual([]);
  return { view, svg };
}

describe('analysis charts compile with vega-lite and render without warnings', () => {
  it('tornado: bars per factor from the base, largest swing first, headline from the data', async () => {
    const factors = [
      { name: 'detection', low: 0, high: 1, base: 0.5 },
      { name: 'ignored', low: 0, high: 1, base: 0.5 },
      { name: 'tranche', low: 0, high: 1, base: 0.5 },
    ];
    const r = sweepAnalysis(factors, ([d, , t]) => 0.6 - 0.4 * d + 0.1 * t);
    const spec = tornadoSpec(r, labels);
    const { view, svg } = await renderClean(spec);
    const rows = plainRows(view, 'tornado');
    expect(rows).toHaveLength(6);
    expect(rows[0].factor).toBe('detection');
    expect(spec.params[0].value.join(' ')).toBe('detection moves the collapse probability most: 0.65 at its low end, 0.25 at its high end');
    expect(svg).toContain('Scenario baseline, master seed 7');
  });

  it("Sobol' indices: first-order and total per factor with intervals", async () => {
    const r = sobolAnalysis(ISHIGAMI_FACTORS, ishigami, { baseSamples: 1024, rng: seedrandom.alea('c'), resamples: 100 });
    const spec = sobolIndicesSpec(r, { outcome: 'Ishigami output' });
    const { view } = await renderClean(spec);
    expect(plainRows(view, 'sobol')).toHaveLength(6);
    expect(spec.params[0].value.join(' ')).toMatch(/^x1 accounts for 5\d% of the variance of the Ishigami output, 3\d% on its own$/);
  });

  it('Morris: mu* against sigma, and the headline names the inactive input', async () => {
    const r = morrisAnalysis(
      [
        { name: 'a', low: 0, high: 1 },
        { name: 'idle', low: 0, high: 1 },
      ],
      ([a]) => a * a,
      { trajectories: 10, rng: seedrandom.alea('m'), resamples: 50 },
    );
    const spec = morrisSpec(r, labels);
    const { view } = await renderClean(spec);
    expect(plainRows(view, 'morris')).toHaveLength(2);
    expect(spec.params[0].value.join(' ')).toContain('idle has none');
  });

  it('PRIM: the trajectory as density against coverage', async () => {
    const rng = seedrandom.alea('p');
    const x = latinHypercube(500, 2, rng);
    const r = prim({ x, y: x.map(([a]) => a > 0.7), names: ['detection', 'tranche'] });
    const { view } = await renderClean(primTradeoffSpec(r, labels));
    expect(plainRows(view, 'prim')).toHaveLength(r.trajectory.length);
  });

  it('PRIM box: each restriction against its range, with its quasi-p-value', async () => {
    const rng = seedrandom.alea('pb');
    const x = latinHypercube(1000, 3, rng);
    const data = { x, y: x.map(([a, b]) => rng() < (a > 0.6 && b < 0.5 ? 0.9 : 0.05)), names: ['detection', 'tranche', 'noise'] };
    const box = chooseBox(prim(data), 0.8)!;
    const withNoise = inspectBox(data, { limits: box.limits.map((l, j) => (j === 2 ? [0.1, 1] : l)) as [number, number][] });
    const spec = primBoxSpec(withNoise, labels);
    const { view } = await renderClean(spec);
    const rows = plainRows(view, 'box');
    expect(rows.map((r) => r.input)).toEqual(['detection', 'tranche', 'noise']);
    expect(rows.map((r) => r.matters)).toEqual(['restriction matters (quasi-p < 0.05)', 'restriction matters (quasi-p < 0.05)', 'restriction adds little']);
    expect(rows[0].label).toMatch(/^at least 0\.\d+ \(p < 0\.001\)$/);
    expect(rows[1].label).toMatch(/^at most 0\.\d+ \(p < 0\.001\)$/);
    expect(rows[2].label).toMatch(/^at least 0\.1 \(p = 0\.\d{3}\)$/);
    expect(spec.params[0].value.join(' ')).toMatch(/^The collapse probability concentrates where detection and tranche are restricted: \d+% of runs in the box, \d+% of all such runs; noise adds little$/);
  });

  it('break points: one row per shock, found or not', async () => {
    const at = (t: number) => (x: number) => ({ successes: x >= t ? 90 : 10, trials: 100 });
    const results = [
      { shock: 'regime change', result: await findBreakPoint(at(0.3), { low: 0, high: 1, tolerance: 0.01 }) },
      { shock: 'oil price', result: await findBreakPoint(at(2), { low: 0, high: 1, tolerance: 0.01 }) },
      { shock: 'coalition split', result: await findBreakPoint(at(-1), { low: 0, high: 1, tolerance: 0.01 }) },
    ];
    const spec = breakPointsSpec(results, { ...labels, intensity: 'shock intensity' });
    const { view } = await renderClean(spec);
    const rows = plainRows(view, 'breakPoints');
    expect(rows.map((r) => r.label)).toEqual([`breaks at ${+(results[0].result.breakPoint!).toFixed(3)}`, 'holds up to 1', 'breaks at 0 or less']);
    expect(Math.abs(results[0].result.breakPoint! - 0.3)).toBeLessThanOrEqual(0.01);
    expect(spec.params[0].value.join(' ')).toContain('regime change breaks the agreement soonest');
  });
});
