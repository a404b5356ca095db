import type { ChartSpec } from '../../charts/spec.ts';

/** Vega's expression evaluator to use: the web app passes vega-interpreter's, so no code is generated (CSP). */
export interface ChartSvgOptions {
  expr?: unknown;
}

/**
 * A Vega-Lite spec rendered to a standalone SVG string, with no browser and no
 * canvas: what a memo embeds, so the page is self-contained and prints as it shows.
 * Vega and Vega-Lite are loaded on first use.
 *
 * @example const svg = await chartSvg(tornadoSpec(result, labels));
 */
export async function chartSvg(spec: ChartSpec | object, options: ChartSvgOptions = {}): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile(spec as never).spec;
  const runtime = vega.parse(compiled, undefined, options.expr ? { ast: true } : undefined);
  const view = new vega.View(runtime, { renderer: 'none', ...(options.expr ? { expr: options.expr } : {}) } as never);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
