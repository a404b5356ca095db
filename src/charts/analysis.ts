import type { BreakPointResult } from '../analysis/break-point.ts';
import type { MorrisResult } from '../analysis/morris.ts';
import type { PrimResult } from '../analysis/prim.ts';
import type { PrimBoxInspection } from '../analysis/prim-inspect.ts';
import type { SobolResult } from '../analysis/sobol-indices.ts';
import type { SweepResult } from '../analysis/sweep.ts';
import { chartBase, PALETTE, type ChartSize, type ChartSpec } from './spec.ts';

/**
 * Charts of the exploratory analyses: pure functions from `src/analysis`
 * results to Vega-Lite specs, with data in named datasets like every chart
 * here. `labels.outcome` names what was measured ("collapse probability");
 * `labels.context` (scenario name, seed, runs per point) goes in the subtitle
 * so a chart pasted into a memo says where it came from.
 */
export interface AnalysisChartLabels {
  outcome: string;
  context?: string;
}

const fmt = (x: number) => (Number.isFinite(x) ? (x !== 0 && (Math.abs(x) >= 1000 || Math.abs(x) < 0.001) ? x.toPrecision(3) : String(+x.toFixed(3))) : 'n/a');
const listOf = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const subtitle = (text: string, labels: AnalysisChartLabels) => (labels.context ? `${text}. ${labels.context}` : text);

/** Rows of the tornado chart: one bar from the base outcome to the outcome at each end of each factor's range. */
export function tornadoRows(result: SweepResult): Record<string, unknown>[] {
  return result.tornado.flatMap((bar, rank) =>
    (['low', 'high'] as const).map((end) => ({
      factor: bar.factor,
      rank,
      end: end === 'low' ? 'factor at its low end' : 'factor at its high end',
      value: bar[end].value,
      base: result.base.estimate,
      estimate: bar[end].estimate,
      difference: bar[end].difference,
      swing: bar.swing,
    })),
  );
}

/**
 * Tornado chart of a one-at-a-time sweep: for each factor (largest swing on
 * top) bars from the base outcome to the outcome with the factor at its low
 * and at its high end, the others held at base.
 *
 * @example tornadoSpec(sweepAnalysis(factors, model), { outcome: 'collapse probability' })
 */
export function tornadoSpec(result: SweepResult, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const top = result.tornado[0];
  const headline = top && top.swing > 0 ? `${top.factor} moves the ${labels.outcome} most: ${fmt(top.low.estimate)} at its low end, ${fmt(top.high.estimate)} at its high end` : `No factor moves the ${labels.outcome}`;
  return {
    ...chartBase(headline, subtitle(`One factor at a time, the others at base; base ${labels.outcome} ${fmt(result.base.estimate)}`, labels), size, { width: 460, height: Math.max(60, 28 * result.tornado.length) }),
    datasets: { tornado: tornadoRows(result) },
    data: { name: 'tornado', format: { parse: null } },
    encoding: {
      y: { field: 'factor', type: 'nominal', title: null, sort: { field: 'rank', order: 'ascending' }, axis: { labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          x: { field: 'base', type: 'quantitative', title: labels.outcome, scale: { zero: false } },
          x2: { field: 'estimate' },
          color: { field: 'end', type: 'nominal', title: null, scale: { domain: ['factor at its low end', 'factor at its high end'], range: [PALETTE.designs[0], PALETTE.designs[1]] }, legend: { orient: 'top', labelLimit: 0 } },
          tooltip: [
            { field: 'factor' },
            { field: 'end', title: 'end of range' },
            { field: 'value', title: 'factor value', format: ',.4~g' },
            { field: 'estimate', title: labels.outcome, format: ',.4~g' },
            { field: 'difference', title: 'difference from base', format: '+,.4~g' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#333', strokeDash: [3, 3] }, encoding: { x: { field: 'base', type: 'quantitative' } } },
    ],
  } as unknown as ChartSpec;
}

/** Rows of the sweep's line charts: every level of every factor, with its interval when there is one. */
export function sweepLineRows(result: SweepResult): Record<string, unknown>[] {
  return result.lines.flatMap((l) => l.levels.map((v) => ({ factor: l.factor, value: v.value, estimate: v.estimate, lo: v.ci ? v.ci[0] : v.estimate, hi: v.ci ? v.ci[1] : v.estimate, difference: v.difference })));
}

/**
 * Line charts of a one-at-a-time sweep: one small chart per factor (its own x
 * axis, a shared y axis), the outcome at each level with its 95% interval as a
 * band, and the base outcome as a dashed rule.
 *
 * @example sweepLinesSpec(sweepAnalysis(factors, model), { outcome: 'collapse probability' })
 */
export function sweepLinesSpec(result: SweepResult, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const top = result.tornado[0];
  const headline = top && top.swing > 0 ? `The ${labels.outcome} against each lever, the others at base: ${top.factor} moves it most` : `No lever moves the ${labels.outcome}`;
  // The title wraps to the row of three small charts; each chart is a third of it.
  const base = chartBase(headline, subtitle(`Band: 95% interval of each point; dashed: the base ${labels.outcome} ${fmt(result.base.estimate)}`, labels), size, { width: 640, height: 120 });
  const { width: total, height, ...rest } = base;
  const width = Math.max(120, Math.floor(total / 3) - 40);
  return {
    ...rest,
    datasets: { sweepLines: sweepLineRows(result) },
    data: { name: 'sweepLines', format: { parse: null } },
    facet: { field: 'factor', type: 'nominal', title: null, sort: result.tornado.map((b) => b.factor), header: { labelLimit: 0, labelFontSize: 11 } },
    columns: 3,
    resolve: { scale: { x: 'independent' } },
    spec: {
      width,
      height,
      layer: [
        { mark: { type: 'area', opacity: 0.25, color: PALETTE.designs[0] }, encoding: { x: { field: 'value', type: 'quantitative', title: 'lever value' }, y: { field: 'lo', type: 'quantitative', title: labels.outcome }, y2: { field: 'hi' } } },
        { mark: { type: 'line', point: true, color: PALETTE.designs[0] }, encoding: { x: { field: 'value', type: 'quantitative' }, y: { field: 'estimate', type: 'quantitative' }, tooltip: [{ field: 'factor' }, { field: 'value', format: ',.4~g' }, { field: 'estimate', title: labels.outcome, format: ',.4~g' }, { field: 'difference', title: 'difference from base', format: '+,.4~g' }] } },
        { mark: { type: 'rule', color: '#333', strokeDash: [3, 3] }, encoding: { y: { datum: result.base.estimate } } },
      ],
    },
  } as unknown as ChartSpec;
}

/** Rows of the Sobol' chart: first-order and total index per factor with its interval. */
export function sobolRows(result: SobolResult): Record<string, unknown>[] {
  return result.indices.flatMap((r) => [
    { factor: r.factor, index: 'first-order S_i', estimate: r.first.estimate, lo: r.first.ci[0], hi: r.first.ci[1], total: r.total.estimate },
    { factor: r.factor, index: 'total S_Ti', estimate: r.total.estimate, lo: r.total.ci[0], hi: r.total.ci[1], total: r.total.estimate },
  ]);
}

/**
 * Sobol' indices as grouped bars with bootstrap intervals, factors by
 * decreasing total index. Total minus first-order is the factor's share
 * through interactions.
 */
export function sobolIndicesSpec(result: SobolResult, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const ranked = [...result.indices].sort((a, b) => b.total.estimate - a.total.estimate);
  const top = ranked[0];
  const headline = `${top.factor} accounts for ${Math.round(100 * top.total.estimate)}% of the variance of the ${labels.outcome}, ${Math.round(100 * top.first.estimate)}% on its own`;
  const level = Math.round(100 * result.bootstrap.confidence);
  return {
    ...chartBase(headline, subtitle(`Sobol' indices: first-order (Saltelli 2010) and total (Jansen); whiskers: ${level}% bootstrap intervals; N = ${result.baseSamples}, ${result.evaluations} evaluations`, labels), size, { width: 460, height: Math.max(80, 36 * ranked.length) }),
    datasets: { sobol: sobolRows(result) },
    data: { name: 'sobol', format: { parse: null } },
    encoding: {
      y: { field: 'factor', type: 'nominal', title: null, sort: ranked.map((r) => r.factor), axis: { labelLimit: 200 } },
      yOffset: { field: 'index', type: 'nominal', sort: ['first-order S_i', 'total S_Ti'] },
      color: { field: 'index', type: 'nominal', title: null, scale: { domain: ['first-order S_i', 'total S_Ti'], range: [PALETTE.band50, PALETTE.median] }, legend: { orient: 'top' } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'estimate', type: 'quantitative', title: `share of the variance of the ${labels.outcome}`, scale: { domain: [0, 1], clamp: true }, axis: { format: '.0%' } },
          tooltip: [{ field: 'factor' }, { field: 'index' }, { field: 'estimate', format: '.3f' }, { field: 'lo', title: 'interval low', format: '.3f' }, { field: 'hi', title: 'interval high', format: '.3f' }],
        },
      },
      { mark: { type: 'rule' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, color: { value: '#333' } } },
    ],
  } as unknown as ChartSpec;
}

/** Morris screening: mu* (importance) against sigma (non-linearity, interactions), one labelled point per factor. */
export function morrisSpec(result: MorrisResult, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const rows = result.factors.map((f) => ({ factor: f.factor, muStar: f.muStar, sigma: f.sigma, mu: f.mu, lo: f.muStarCi[0], hi: f.muStarCi[1] }));
  const inactive = result.factors.filter((f) => f.muStar === 0).map((f) => f.factor);
  const headline = `${result.ranking[0]} has the largest elementary effects on the ${labels.outcome}${inactive.length ? `; ${inactive.join(', ')} ${inactive.length === 1 ? 'has' : 'have'} none` : ''}`;
  return {
    ...chartBase(headline, subtitle(`Morris screening: mu* = mean |elementary effect| per whole range, sigma = their spread; ${result.evaluations} evaluations`, labels), size, { width: 420, height: 300 }),
    datasets: { morris: rows },
    data: { name: 'morris', format: { parse: null } },
    encoding: {
      x: { field: 'muStar', type: 'quantitative', title: `mu* (${labels.outcome} per factor range)` },
      y: { field: 'sigma', type: 'quantitative', title: 'sigma' },
    },
    layer: [
      { mark: { type: 'point', filled: true, size: 70, color: PALETTE.median }, encoding: { tooltip: [{ field: 'factor' }, { field: 'mu', format: ',.4~g' }, { field: 'muStar', title: 'mu*', format: ',.4~g' }, { field: 'sigma', format: ',.4~g' }] } },
      { mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 11 }, encoding: { text: { field: 'factor' } } },
    ],
  } as unknown as ChartSpec;
}

/** PRIM's peeling trajectory: density against coverage, each box coloured by how many inputs it restricts. */
export function primTradeoffSpec(result: PrimResult, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const rows = result.trajectory.map((b, i) => ({ box: i, step: b.step, coverage: b.coverage, density: b.density, mass: b.mass, restrictedCount: b.restricted.length, restricted: b.restricted.map((j) => result.names[j]).join(', ') || 'none' }));
  const last = result.trajectory[result.lastPeel];
  const headline = `Boxes of conditions where the ${labels.outcome} concentrates: up to ${Math.round(100 * last.density)}% of runs in the box, against ${Math.round(100 * result.baseDensity)}% overall`;
  return {
    ...chartBase(headline, subtitle('PRIM peeling trajectory (each dot a box): coverage = share of all cases of interest in the box, density = share of the box that are cases of interest', labels), size, { width: 420, height: 300 }),
    datasets: { prim: rows },
    data: { name: 'prim', format: { parse: null } },
    encoding: {
      x: { field: 'coverage', type: 'quantitative', title: 'coverage', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      y: { field: 'density', type: 'quantitative', title: 'density', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
    layer: [
      { mark: { type: 'line', color: '#bbb' }, encoding: { order: { field: 'box' } } },
      {
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          color: { field: 'restrictedCount', type: 'ordinal', title: 'inputs restricted', scale: { scheme: 'viridis' } },
          tooltip: [{ field: 'box' }, { field: 'step' }, { field: 'coverage', format: '.1%' }, { field: 'density', format: '.1%' }, { field: 'mass', format: '.1%' }, { field: 'restricted', title: 'restricts' }],
        },
      },
    ],
  } as unknown as ChartSpec;
}

/** Rows of the box chart: each restriction as a share of its input's range, with its limits and quasi-p-value. */
export function primBoxRows(inspection: PrimBoxInspection): Record<string, unknown>[] {
  return inspection.restrictions.map((r) => {
    const span = r.range[1] - r.range[0];
    const qp = r.quasiP < 0.001 ? 'p < 0.001' : `p = ${r.quasiP.toFixed(3)}`;
    return {
      input: r.name,
      start: (r.low - r.range[0]) / span,
      end: (r.high - r.range[0]) / span,
      low: r.low,
      high: r.high,
      quasiP: r.quasiP,
      label: `${r.restrictsLow && r.restrictsHigh ? `${fmt(r.low)} to ${fmt(r.high)}` : r.restrictsLow ? `at least ${fmt(r.low)}` : `at most ${fmt(r.high)}`} (${qp})`,
      matters: r.quasiP < 0.05 ? 'restriction matters (quasi-p < 0.05)' : 'restriction adds little',
    };
  });
}

/**
 * A chosen PRIM box: each restricted input's interval drawn against its whole
 * range (0 = the lowest sampled value, 1 = the highest), labelled with the
 * limits and the quasi-p-value; restrictions that add little are drawn pale.
 */
export function primBoxSpec(inspection: PrimBoxInspection, labels: AnalysisChartLabels, size: ChartSize = {}): ChartSpec {
  const names = inspection.restrictions.map((r) => r.name);
  const matter = inspection.restrictions.filter((r) => r.quasiP < 0.05).map((r) => r.name);
  const little = names.filter((n) => !matter.includes(n));
  const share = `${Math.round(100 * inspection.density)}% of runs in the box, ${Math.round(100 * inspection.coverage)}% of all such runs`;
  const headline = !names.length
    ? 'The box restricts nothing: it is the whole sample'
    : matter.length
      ? `The ${labels.outcome} concentrates where ${listOf(matter)} ${matter.length === 1 ? 'is' : 'are'} restricted: ${share}${little.length ? `; ${listOf(little)} ${little.length === 1 ? 'adds' : 'add'} little` : ''}`
      : `No restriction of this box is clearly better than chance (all quasi-p >= 0.05): ${share}`;
  return {
    ...chartBase(headline, subtitle(`Bars: the box's interval of each input within its sampled range; labels: limits and quasi-p-value (one-sided binomial test of dropping the restriction); mass ${Math.round(100 * inspection.mass)}%`, labels), size, { width: 460, height: Math.max(40, 40 * names.length) }),
    datasets: { box: primBoxRows(inspection) },
    data: { name: 'box', format: { parse: null } },
    encoding: {
      y: { field: 'input', type: 'nominal', title: null, sort: null, axis: { labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: 'share of the sampled range', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          x2: { field: 'end' },
          color: { field: 'matters', type: 'nominal', title: null, scale: { domain: ['restriction matters (quasi-p < 0.05)', 'restriction adds little'], range: [PALETTE.median, PALETTE.band90] }, legend: { orient: 'top', labelLimit: 0 } },
          tooltip: [{ field: 'input' }, { field: 'low', format: ',.4~g' }, { field: 'high', format: ',.4~g' }, { field: 'quasiP', title: 'quasi-p-value', format: '.2g' }],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4, dy: -12, fontSize: 11 }, encoding: { x: { field: 'start', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as unknown as ChartSpec;
}

/** Rows of the break-point chart, one per shock. */
export function breakPointRows(results: readonly { shock: string; result: BreakPointResult }[]): Record<string, unknown>[] {
  return results.map(({ shock, result }) => ({
    shock,
    status: result.status,
    breakPoint: result.breakPoint,
    lo: result.interval[0],
    hi: result.interval[1],
    label:
      result.status === 'found' ? `breaks at ${fmt(result.breakPoint!)}` : result.status === 'breaks-at-low' ? `breaks at ${fmt(result.probes[0].intensity)} or less` : `holds up to ${fmt(result.probes[1].intensity)}`,
    marker: result.status === 'found' ? result.breakPoint : result.status === 'breaks-at-low' ? result.probes[0].intensity : result.probes[1].intensity,
  }));
}

/**
 * Stress break points: per shock, the smallest intensity at which the collapse
 * probability reaches the level, with the interval from the probes' CIs; shocks
 * that break at the lowest intensity or hold at the highest are labelled so.
 */
export function breakPointsSpec(results: readonly { shock: string; result: BreakPointResult }[], labels: AnalysisChartLabels & { intensity: string }, size: ChartSize = {}): ChartSpec {
  const found = results.filter((r) => r.result.status === 'found').sort((a, b) => a.result.breakPoint! - b.result.breakPoint!);
  const level = results[0]?.result.level ?? 0.5;
  const headline = found.length
    ? `${found[0].shock} breaks the agreement soonest: ${labels.outcome} reaches ${Math.round(100 * level)}% at ${labels.intensity} ${fmt(found[0].result.breakPoint!)}`
    : `No shock crosses ${Math.round(100 * level)}% ${labels.outcome} inside the range searched`;
  return {
    ...chartBase(headline, subtitle(`Break point: the smallest ${labels.intensity} with ${labels.outcome} >= ${Math.round(100 * level)}%, by bisection; whiskers: where the probes' intervals place it`, labels), size, { width: 460, height: Math.max(60, 30 * results.length) }),
    datasets: { breakPoints: breakPointRows(results) },
    data: { name: 'breakPoints', format: { parse: null } },
    encoding: {
      y: { field: 'shock', type: 'nominal', title: null, sort: { field: 'marker', order: 'ascending' }, axis: { labelLimit: 200 } },
    },
    layer: [
      { mark: { type: 'rule', color: '#555', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: labels.intensity }, x2: { field: 'hi' } } },
      {
        mark: { type: 'point', filled: true, size: 80 },
        encoding: {
          x: { field: 'marker', type: 'quantitative' },
          shape: { field: 'status', type: 'nominal', title: null, scale: { domain: ['found', 'breaks-at-low', 'holds-at-high'], range: ['circle', 'triangle-left', 'triangle-right'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'shock' }, { field: 'label', title: 'result' }, { field: 'lo', title: 'interval low', format: ',.4~g' }, { field: 'hi', title: 'interval high', format: ',.4~g' }],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'marker', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as unknown as ChartSpec;
}
