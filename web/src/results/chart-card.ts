import type { ChartSpec } from '../../../src/charts/spec.ts';
import { download, h } from '../dom.ts';
import { ChartView } from './chart-view.ts';

export interface Provenance {
  scenario: string;
  masterSeed: number;
  runs: number;
  version: string;
}

function fileStem(id: string, p: Provenance): string {
  const scen = p.scenario.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return `relief-lab_${scen}_${id}_seed${p.masterSeed}_${p.runs}runs_v${p.version}`;
}

/** Puts the run's provenance into the SVG itself, so an exported chart says how to reproduce it. */
function withMetadata(svg: string, p: Provenance): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const desc = `<desc>Relief Lab ${esc(p.version)}; scenario "${esc(p.scenario)}"; master seed ${p.masterSeed}; ${p.runs} runs</desc>`;
  return svg.replace(/<svg([^>]*)>/, `<svg$1>${desc}`);
}

/** Charts on screen by id, so tests and the benchmark can read what is drawn (see main.ts). */
export const CHARTS = new Map<string, ChartView>();

/** A chart with its PNG and SVG export buttons. */
export function chartCard(id: string, provenance: () => Provenance | undefined): { element: HTMLElement; chart: ChartView; show(spec: ChartSpec): Promise<void> } {
  const holder = h('div', { class: 'chart', 'data-chart': id });
  const chart = new ChartView(holder);
  CHARTS.set(id, chart);
  const png = h('button', { type: 'button', class: 'small', 'data-export': 'png' }, 'PNG');
  const svg = h('button', { type: 'button', class: 'small', 'data-export': 'svg' }, 'SVG');
  png.addEventListener('click', async () => {
    const p = provenance();
    if (!chart.view || !p) return;
    download(`${fileStem(id, p)}.png`, await chart.view.toImageURL('png', 2));
  });
  svg.addEventListener('click', async () => {
    const p = provenance();
    if (!chart.view || !p) return;
    download(`${fileStem(id, p)}.svg`, withMetadata(await chart.view.toSVG(), p), 'image/svg+xml');
  });
  const element = h('figure', { class: 'chart-card' }, holder, h('figcaption', { class: 'chart-actions' }, 'Export ', png, ' ', svg));
  return { element, chart, show: (spec) => chart.show(spec) };
}
