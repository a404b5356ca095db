import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartSpec } from '../../src/charts/spec.ts';

/**
 * Compiles a chart spec with vega-lite and runs it in a headless Vega view through
 * the AST expression interpreter, the same path the app uses under its CSP (no
 * generated code). Returns the view so tests can read datasets and render SVG.
 */
export async function renderSpec(spec: ChartSpec, warnings: string[] = []): Promise<View> {
  const vg = compile(spec).spec;
  const record = (...m: unknown[]) => warnings.push(m.join(' '));
  const logger = { level: () => logger, error: record, warn: record, info: () => logger, debug: () => logger };
  const view = new View(parse(vg, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter, logger } as unknown as ConstructorParameters<typeof View>[1]);
  await view.runAsync();
  return view;
}

/** A dataset as plain objects (Vega adds a symbol id to each tuple). */
export function plainRows(view: View, name: string): Record<string, unknown>[] {
  return view.data(name).map((row: Record<string, unknown>) => ({ ...row }));
}
