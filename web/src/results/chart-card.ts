import type { ChartSpec } from '../../../src/index.ts';
import { download, h } from '../dom.ts';
import { CHARTS } from '../test-hooks.ts';
import { ChartView } from './chart-view.ts';

export interface Provenance {
  scenario: string;
  /** The design was edited after it was opened: it is not the shipped (or saved) scenario of that name. */
  edited: boolean;
  masterSeed: number;
  runs: number;
  runsRequested: number;
  /** Fewer runs than asked for: cancelled, or exported while the batch was still running. */
  partial: boolean;
  version: string;
}

/** A file name that says what was run: relief-lab_<scenario>[-edited]_<chart>_seed1_2000runs[_partial]_v0.1.0 */
export function fileStem(what: string, p: Provenance): string {
  const scen = p.scenario.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return `relief-lab_${scen}${p.edited ? '-edited' : ''}${what ? `_${what}` : ''}_seed${p.masterSeed}_${p.runs}runs${p.partial ? '_partial' : ''}_v${p.version}`;
}

/** One line a reader of an exported chart needs to reproduce it. */
export function provenanceLine(p: Provenance): string {
  const runs = p.partial ? `${p.runs.toLocaleString('en-US')} of ${p.runsRequested.toLocaleString('en-US')} runs (partial)` : `${p.runs.toLocaleString('en-US')} runs`;
  return `Relief Lab ${p.version} · scenario "${p.scenario}"${p.edited ? ' (edited)' : ''} · master seed ${p.masterSeed} · ${runs}`;
}

/** Puts the run's provenance into the SVG itself, so an exported chart says how to reproduce it. */
function withMetadata(svg: string, p: Provenance): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const flags = `${p.edited ? '; edited' : ''}${p.partial ? `; partial: ${p.runs} of ${p.runsRequested} runs` : ''}`;
  const desc = `<desc>Relief Lab ${esc(p.version)}; scenario "${esc(p.scenario)}"; master seed ${p.masterSeed}; ${p.runs} runs${flags}</desc>`;
  return svg.replace(/<svg([^>]*)>/, `<svg$1>${desc}`);
}

/**
 * Renders the chart for a file with the provenance line added under its subtitle
 * (scenario, edited, seed, runs, partial, version), so a PNG pasted into a memo says
 * what it shows; the chart on screen is put back afterwards.
 */
async function exported<T>(chart: ChartView, p: Provenance, render: (view: NonNullable<ChartView['view']>) => Promise<T>): Promise<T> {
  const view = chart.view!;
  const subline = view.signal('subline') as string[];
  // resize(): the view is laid out once (chart-view.ts), so a title with one more line needs a new layout.
  view.signal('subline', [...subline.filter(Boolean), provenanceLine(p)]).resize();
  await view.runAsync();
  try {
    return await render(view);
  } finally {
    view.signal('subline', subline).resize();
    await view.runAsync();
  }
}

/** A chart with its PNG and SVG export buttons. */
export function chartCard(id: string, provenance: () => Provenance | undefined): { element: HTMLElement; chart: ChartView; show(spec: ChartSpec): Promise<void> } {
  const holder = h('div', { class: 'chart', 'data-chart': id, role: 'img', 'aria-label': 'Chart: no results yet' });
  const chart = new ChartView(holder);
  CHARTS?.set(id, chart);
  const png = h('button', { type: 'button', class: 'small', 'data-export': 'png', 'aria-label': `Export this chart as PNG` }, 'PNG');
  const svg = h('button', { type: 'button', class: 'small', 'data-export': 'svg', 'aria-label': `Export this chart as SVG` }, 'SVG');
  png.addEventListener('click', async () => {
    const p = provenance();
    if (!chart.view || !p) return;
    download(`${fileStem(id, p)}.png`, await exported(chart, p, (v) => v.toImageURL('png', 2)));
  });
  svg.addEventListener('click', async () => {
    const p = provenance();
    if (!chart.view || !p) return;
    download(`${fileStem(id, p)}.svg`, withMetadata(await exported(chart, p, (v) => v.toSVG()), p), 'image/svg+xml');
  });
  const element = h('figure', { class: 'chart-card' }, holder, h('figcaption', { class: 'chart-actions' }, 'Export ', png, ' ', svg));
  return { element, chart, show: (spec) => chart.show(spec) };
}
