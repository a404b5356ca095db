/// <reference lib="webworker" />
import { compile } from 'vega-lite';

/**
 * Compiles Vega-Lite specs to Vega off the page's thread (chart-compiler.ts): a
 * chart's first draw was a compile of tens of ms (the first of a page about 150 ms,
 * while Vega-Lite's code is cold), which is now no task of the page's at all. Specs
 * are data and compile to data; nothing is evaluated.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (e: MessageEvent<{ id: number; spec: Parameters<typeof compile>[0] }>) => {
  const { id, spec } = e.data;
  try {
    scope.postMessage({ id, ok: true, spec: compile(spec).spec });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
