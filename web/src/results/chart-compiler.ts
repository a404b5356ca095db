import type { ChartSpec } from '../../../src/index.ts';

type VegaSpec = import('vega').Spec;

/**
 * Vega-Lite to Vega in a worker of its own (compile-worker.ts), started with the
 * results panel so Vega-Lite loads there while the first batch runs. If the worker
 * cannot start or dies, specs are compiled in the page as before (Vega-Lite is then
 * loaded here), so a chart is never lost to it.
 */
let worker: Worker | undefined;
let failed = false;
let seq = 0;
const waiting = new Map<number, { resolve: (s: VegaSpec) => void; reject: (e: Error) => void; spec: ChartSpec }>();

function inPage(spec: ChartSpec): Promise<VegaSpec> {
  return import('vega-lite').then((vl) => vl.compile(structuredClone(spec) as Parameters<typeof vl.compile>[0]).spec as VegaSpec);
}

function giveUp(): void {
  failed = true;
  worker?.terminate();
  worker = undefined;
  // What was sent is compiled here instead.
  for (const [id, w] of waiting) {
    waiting.delete(id);
    inPage(w.spec).then(w.resolve, w.reject);
  }
}

/** Starts the compile worker (idempotent). */
export function startCompiler(): void {
  if (worker || failed) return;
  try {
    worker = new Worker(new URL('./compile-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    failed = true;
    return;
  }
  worker.addEventListener('message', (e: MessageEvent<{ id: number; ok: boolean; spec?: VegaSpec; message?: string }>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if (e.data.ok) w.resolve(e.data.spec!);
    else w.reject(new Error(`Vega-Lite could not compile chart: ${e.data.message}`));
  });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    giveUp();
  });
}

/** The Vega spec of a Vega-Lite spec, compiled off the page's thread when it can be. */
export function compileChart(spec: ChartSpec): Promise<VegaSpec> {
  startCompiler();
  if (!worker) return inPage(spec);
  const id = ++seq;
  return new Promise<VegaSpec>((resolve, reject) => {
    waiting.set(id, { resolve, reject, spec });
    worker!.postMessage({ id, spec });
  });
}
