import { stringify } from 'yaml';
import { formatErrors, MAX_SCENARIO_CHARS } from '../../../src/index.ts';
import { yamlCommentLine } from '../../../src/scenario/text-safety.ts';
import { download, h } from '../dom.ts';
import { clearNotice, showNotice } from '../notice.ts';
import { loadScenarioText } from '../scenarios/library.ts';
import type { DocumentStore } from '../store/document.ts';
import { saveDesign } from '../store/saved-designs.ts';
import { shareOptions } from '../store/share-options.ts';
import { shareUrl } from '../store/share-link.ts';

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'scenario';
}

/**
 * Save, share, import and export of the scenario being edited. An import is read
 * like any file (parse as data, follow extends, validate); if anything is wrong the
 * problems are listed and the current scenario stays.
 */
export function editorToolbar(store: DocumentStore, onSaved: () => void): HTMLElement {
  const nameInput = h('input', { type: 'text', placeholder: 'Design name', 'aria-label': 'Design name', maxlength: 80, 'data-testid': 'save-name' });
  const save = h('button', { type: 'button', 'data-testid': 'save' }, 'Save');
  save.addEventListener('click', () => {
    try {
      const name = nameInput.value.trim() || store.state.lastValid.metadata.name;
      saveDesign(name, store.state.data);
      showNotice('info', `Saved "${name}" in this browser.`);
      onSaved();
    } catch (e) {
      showNotice('error', e instanceof Error ? e.message : String(e));
    }
  });

  const linkOut = h('input', { type: 'text', readonly: true, class: 'share-url', 'aria-label': 'Share link', 'data-testid': 'share-url', hidden: true });
  const share = h('button', { type: 'button', 'data-testid': 'share' }, 'Share link');
  share.addEventListener('click', async () => {
    const url = shareUrl(location.href.split('#')[0], store.state.data, shareOptions(store));
    linkOut.value = url;
    linkOut.hidden = false;
    linkOut.select();
    try {
      await navigator.clipboard.writeText(url);
      showNotice('info', 'Link copied: it carries the whole scenario, so whoever opens it sees this design.');
    } catch {
      showNotice('info', 'Copy the link from the box: it carries the whole scenario.');
    }
  });

  const fileInput = h('input', { type: 'file', accept: '.yaml,.yml,.json,application/json,text/yaml', 'data-testid': 'import-file', class: 'visually-hidden', id: 'import-file' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    if (file.size > 4 * MAX_SCENARIO_CHARS) {
      showNotice('error', `Could not import ${file.name}: it is ${file.size} bytes; at most ${MAX_SCENARIO_CHARS} characters are accepted. The current scenario is unchanged.`);
      return;
    }
    const r = loadScenarioText(await file.text(), file.name);
    if (!r.ok) {
      showNotice('error', `Could not import ${file.name}; the current scenario is unchanged.`, formatErrors(r.errors).split('\n'));
      return;
    }
    clearNotice();
    store.replace(`import: ${file.name}`, r.data, r.scenario);
  });
  const importLabel = h('label', { for: 'import-file', class: 'button' }, 'Import file');

  const exportYaml = h('button', { type: 'button', 'data-testid': 'export-yaml' }, 'Export YAML');
  exportYaml.addEventListener('click', () => {
    const name = store.state.lastValid.metadata.name;
    const header = yamlCommentLine(`Relief Lab scenario "${name}", exported from the web app.`) + yamlCommentLine(`Run it with: relief-lab run ${fileSafe(name)}.yaml`);
    download(`${fileSafe(name)}.yaml`, header + stringify(store.state.data, { lineWidth: 0 }), 'text/yaml');
  });

  return h('div', { class: 'toolbar' }, h('span', { class: 'group' }, nameInput, save), h('span', { class: 'group' }, share, importLabel, fileInput, exportYaml), linkOut);
}
