import type { TopLevelSpec } from 'vega-lite';

/**
 * What every chart builder returns: a Vega-Lite spec whose data sit in named
 * `datasets` and whose title text sits in `params`, so a chart on screen can be
 * updated with new data (as Monte Carlo chunks arrive) without recompiling it.
 */
export type ChartSpec = TopLevelSpec & {
  datasets: Record<string, Record<string, unknown>[]>;
  /** headline and subline: the title's text, wrapped into lines that fit the chart's width. */
  params: { name: string; value: string[] }[];
};

export interface ChartSize {
  width?: number;
  height?: number;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colour-blind-safe (Okabe-Ito) colours. */
export const PALETTE = {
  band90: '#c6dbef',
  band50: '#6baed6',
  median: '#08519c',
  designs: ['#0072B2', '#E69F00', '#009E73', '#CC79A7'],
  targetTypes: { sincere: '#009E73', opportunist: '#E69F00', hardliner: '#CC79A7' },
} as const;

/** The parts every chart shares: schema, size, a title whose text can be updated in place. */
export function chartBase(headline: string, subtitle: string, size: ChartSize, defaults: Required<ChartSize>) {
  const width = size.width ?? defaults.width;
  return {
    $schema: VEGA_LITE_SCHEMA,
    width,
    height: size.height ?? defaults.height,
    params: titleParams(headline, subtitle, width),

    title: {
      text: { expr: 'headline' },
      subtitle: { expr: 'subline' },
      anchor: 'start' as const,
      fontSize: 14,
      subtitleFontSize: 11,
      subtitleColor: '#555',
      limit: 0,
    },
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
      axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' as const, grid: true, gridColor: '#eee' },
      legend: { labelFontSize: 11, titleFontSize: 11 },
      view: { stroke: null },
    },
  };
}

/** Title lines for a chart `width` pixels wide (plus ~60 px of axis): about 8.2 px per bold character at 14 px (wide glyphs included), 5.8 px at 11 px. */
export function titleParams(headline: string, subtitle: string, width: number): { name: string; value: string[] }[] {
  return [
    { name: 'headline', value: wrapText(headline, Math.max(30, Math.floor((width + 50) / 8.2))) },
    { name: 'subline', value: wrapText(subtitle, Math.max(36, Math.floor((width + 60) / 5.8))) },
  ];
}

/** Greedy word wrap into lines of at most `maxChars` (a longer single word gets its own line). */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** "2,000 runs, master seed 42": who can reproduce this chart, and how; says so when runs are missing. */
export function provenance(s: { runs: number; runsRequested: number; masterSeed: number; partial: boolean }): string {
  const runs = s.runs.toLocaleString('en-US');
  if (s.runs >= s.runsRequested && !s.partial) return `${runs} runs, master seed ${s.masterSeed}`;
  const state = s.partial ? 'cancelled' : 'so far';
  return `${runs} of ${s.runsRequested.toLocaleString('en-US')} runs (${state}), master seed ${s.masterSeed}`;
}
