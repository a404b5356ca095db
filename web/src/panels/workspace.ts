import { h } from '../dom.ts';
import { mountEditor } from '../editor/editor-panel.ts';
import { editorToolbar } from '../editor/toolbar.ts';
import type { PanelDef } from '../panels.ts';
import { mountResults } from '../results/results-panel.ts';

/** Design & run, the start page: the lever form beside the results. */
export const workspacePanel: PanelDef = {
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
};
