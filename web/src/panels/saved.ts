import type { PanelDef } from '../panels.ts';
import { renderSaved } from '../saved-view.ts';

/** The designs saved in this browser. */
export const savedPanel: PanelDef = {
  id: 'saved',
  label: 'Saved designs',
  mount(root, ctx) {
    return { onShow: () => renderSaved(root, ctx.store, () => ctx.show('workspace')) };
  },
};
