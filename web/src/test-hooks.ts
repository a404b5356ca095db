import type { BatchSummary } from '../../src/index.ts';
import type { ChartView } from './results/chart-view.ts';
import type { EngineSpan } from './run/batch-timing.ts';

/**
 * Read-only hooks for the end-to-end tests and the benchmark: the rows of a chart's
 * dataset as the Vega view holds them, a title signal, the last summary. They exist
 * only in the e2e build (`__E2E__`, see web/vite.config.ts); in every other build the
 * registry is undefined, `installTestHooks` is empty and the minifier drops both.
 */
export const CHARTS: Map<string, ChartView> | undefined = __E2E__ ? new Map() : undefined;

/** Filled by the app in the e2e build: the last summary, and the engine's share of each batch (batch-timing.ts). */
export const hooks: { summary?: () => BatchSummary | undefined; engineSpans: EngineSpan[] } = { engineSpans: [] };

export function installTestHooks(): void {
  if (!__E2E__) return;
  Object.assign(window, {
    reliefLab: {
      chartData: (id: string, dataset: string) => CHARTS!.get(id)?.view?.data(dataset).map((r: object) => ({ ...r })) ?? null,
      chartSignal: (id: string, name: string) => CHARTS!.get(id)?.view?.signal(name) ?? null,
      chartSpec: (id: string) => CHARTS!.get(id)?.currentSpec ?? null,
      summary: () => hooks.summary?.() ?? null,
      engineSpans: () => hooks.engineSpans,
    },
  });
}
