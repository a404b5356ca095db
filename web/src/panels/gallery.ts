import { renderGallery } from '../gallery.ts';
import type { PanelDef } from '../panels.ts';

/** The shipped scenarios and historical cases; opening one shows it in the workspace. */
export const galleryPanel: PanelDef = {
  id: 'gallery',
  label: 'Gallery',
  mount(root, ctx) {
    renderGallery(root, ctx.store, () => ctx.show('workspace'));
    return {};
  },
};
