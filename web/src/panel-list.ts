import { mountCompare } from './compare/compare-panel.ts';
import { analysisPanel } from './panels/analysis-tab.ts';
import { editorToolbar } from './editor/toolbar.ts';
import { mountEditor } from './editor/editor-panel.ts';
import { h } from './dom.ts';
import { renderGallery } from './gallery.ts';
import type { PanelDef } from './panels.ts';
import { mountResults } from './results/results-panel.ts';
import { renderSaved } from './saved-view.ts';

/** The panels in tab order. The workspace is the start page; the others mount when first shown. */
export const DEFAULT_PANEL = 'workspace';

export const PANELS: PanelDef[] = [
  {
    id: 'gallery',
    label: 'Gallery',
    mount(root, ctx) {
      renderGallery(root, ctx.store, () => ctx.show('workspace'));
      return {};
    },
  },
  {
    id: 'workspace',
    label: 'Design & run',
    eager: true,
    mount(root, ctx) {
      root.classList.add('workspace');
      const editor = h('div', { class: 'editor-column', id: 'editor' });
      const results = h('div', { class: 'results-column', id: 'results' });
      root.append(editor, results);
      const panel = mountResults(results, ctx.store, () => ctx.releaseWorkers('workspace'));
      mountEditor(editor, ctx.store, editorToolbar(ctx.store, () => undefined), () => panel.leverEdited());
      return { releaseWorkers: () => panel.cancel() };
    },
  },
  {
    id: 'compare',
    label: 'Compare designs',
    mount(root, ctx) {
      const compare = mountCompare(root, ctx.store, () => ctx.releaseWorkers('compare'));
      return { onShow: () => compare.refresh(), releaseWorkers: () => compare.cancel() };
    },
  },
  analysisPanel,
  {
    id: 'saved',
    label: 'Saved designs',
    mount(root, ctx) {
      return { onShow: () => renderSaved(root, ctx.store, () => ctx.show('workspace')) };
    },
  },
];
