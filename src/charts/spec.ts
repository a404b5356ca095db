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
  /** The batch is still running: a summary of fewer runs than asked for says "so far", not "cancelled". */
  live?: boolean;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Colour-blind-safe (Okabe-Ito) colours. The fan bands meet WCAG's 3:1 for graphics:
 * the 90% band against white (3.2:1) and the 50% band against the 90% band (4.0:1);
 * the median is a white line (13:1 on the 50% band) cased in dark blue, so it shows
 * on white too (test/charts/contrast.test.ts checks the ratios).
 */
export const PALETTE = {
  band90: '#5f93c9',
  band50: '#12305e',
  median: '#ffffff',
  medianCasing: '#0b1f3a',
  reference: '#d55e00',
  history: '#cc0000',
  designs: ['#0072B2', '#E69F00', '#009E73', '#CC79A7'],
  targetTypes: { sincere: '#009E73', opportunist: '#E69F00', hardliner: '#CC79A7' },
} as const;

/** The parts every chart shares: schema, size, a title whose text can be updated in place. */
export function chartBase(headline: string, subtitle: string, size: ChartSize, defaults: { width: number; height: number }) {
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

/**
 * Title lines for a chart `width` pixels wide (plus ~40 px of axis): about 8.6 px per
 * bold character at 14 px and 6.4 px at 11 px, wide glyphs included, so a line never
 * runs past the chart (on screen or in a PNG or SVG export).
 */
export function titleParams(headline: string, subtitle: string, width: number): { name: string; value: string[] }[] {
  return [
    { name: 'headline', value: wrapText(headline, Math.max(26, Math.floor((width + 40) / 8.6))) },
    { name: 'subline', value: wrapText(subtitle, Math.max(32, Math.floor((width + 40) / 6.4))) },
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

/**
 * "2,000 runs, master seed 42": who can reproduce this chart, and how; says so when
 * runs are missing: "so far" while the batch runs (`live`), "cancelled" once it stopped short.
 */
export function provenance(s: { runs: number; runsRequested: number; masterSeed: number; partial: boolean }, live = false): string {
  const runs = s.runs.toLocaleString('en-US');
  if (s.runs >= s.runsRequested && !s.partial) return `${runs} runs, master seed ${s.masterSeed}`;
  const state = live ? 'so far' : s.partial ? 'cancelled' : 'so far';
  return `${runs} of ${s.runsRequested.toLocaleString('en-US')} runs (${state}), master seed ${s.masterSeed}`;
}
