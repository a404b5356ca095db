import type { PanelDef } from '../panels.ts';

/**
 * The tab of the analysis panel. The panel (analysis-panel.ts) brings the studies and
 * the experiments layer, whose chunk service holds the engine; it loads in its own
 * chunk when the tab is first shown, so the engine stays out of the page's first bundle.
 */
export const analysisPanel: PanelDef = {
  id: 'analysis',
  label: 'Stress & sensitivity',
  mount(root, ctx) {
    let panel: { cancel(): void; refresh(): void } | undefined;
    void import('./analysis-panel.ts').then((m) => {
      panel = m.mountAnalysis(root, ctx.store, () => ctx.releaseWorkers('analysis'));
    });
    return { onShow: () => panel?.refresh(), releaseWorkers: () => panel?.cancel() };
  },
};
