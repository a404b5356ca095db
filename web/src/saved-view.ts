import { formatErrors } from '../../src/index.ts';
import { h } from './dom.ts';
import { showNotice } from './notice.ts';
import { loadScenarioText } from './scenarios/library.ts';
import type { DocumentStore } from './store/document.ts';
import { openOver } from './store/open-document.ts';
import { deleteDesign, listSaved } from './store/saved-designs.ts';

/** Designs saved in this browser: open one (validated like a file) or delete it. */
export function renderSaved(root: HTMLElement, store: DocumentStore, open: () => void): void {
  const list = listSaved();
  const rows = list.ok
    ? list.designs.map((d) => {
        const openBtn = h('button', { type: 'button' }, 'Open');
        openBtn.addEventListener('click', () => {
          const r = loadScenarioText(d.yaml, `${d.name}.yaml`);
          if (!r.ok) return showNotice('error', `Saved design "${d.name}" is not a valid scenario (the schema may have changed since it was saved).`, formatErrors(r.errors).split('\n'));
          openOver(store, `saved: ${d.name}`, r.data, r.scenario);
          open();
        });
        const del = h('button', { type: 'button', class: 'small danger' }, 'Delete');
        del.addEventListener('click', () => {
          deleteDesign(d.name);
          renderSaved(root, store, open);
        });
        return h('li', { 'data-saved': d.name }, h('strong', {}, d.name), h('span', { class: 'muted' }, ` saved ${d.savedAt.replace('T', ' ').slice(0, 16)} UTC `), openBtn, del);
      })
    : [];
  root.replaceChildren(
    h('h2', {}, 'Saved designs'),
    h('p', { class: 'lead' }, 'Designs saved with "Save" in the editor stay in this browser (local storage) until you delete them. Export YAML to keep a file.'),
    list.ok ? '' : h('p', { class: 'error' }, list.error),
    rows.length ? h('ul', { class: 'saved-list', 'data-testid': 'saved-list' }, ...rows) : h('p', { class: 'muted', 'data-testid': 'saved-empty' }, 'No saved designs yet.'),
  );
}
