import { mountCompare } from '../compare/compare-panel.ts';
import type { PanelDef } from '../panels.ts';

/** Compare designs on common random numbers (web/src/compare/). */
export const comparePanel: PanelDef = {
  id: 'compare',
  label: 'Compare designs',
  mount(root, ctx) {
    const compare = mountCompare(root, ctx.store, () => ctx.releaseWorkers('compare'));
    return { onShow: () => compare.refresh(), releaseWorkers: () => compare.cancel() };
  },
};
