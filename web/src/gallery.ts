import { formatErrors } from '../../src/index.ts';
import { h } from './dom.ts';
import { showNotice } from './notice.ts';
import { BASELINE, galleryEntry, LIBRARY, loadScenarioText } from './scenarios/library.ts';
import type { DocumentStore } from './store/document.ts';
import { openOver } from './store/open-document.ts';

/**
 * Every scenario shipped in scenarios/ with its one-line description. Opening one
 * makes it the document being edited; the baseline comes first as the place to start.
 */
export function renderGallery(root: HTMLElement, store: DocumentStore, open: () => void): void {
  const card = (file: string) => {
    const e = galleryEntry(file);
    const button = h('button', { type: 'button', 'data-open': file }, file === BASELINE ? 'Start from the baseline' : 'Open');
    button.addEventListener('click', () => {
      const r = loadScenarioText(LIBRARY.get(file)!, file);
      if (!r.ok) {
        showNotice('error', `${file} is not a valid scenario.`, formatErrors(r.errors).split('\n'));
        return;
      }
      openOver(store, file, r.data, r.scenario);
      open();
    });
    return h(
      'article',
      { class: `card${file === BASELINE ? ' card-baseline' : ''}`, 'data-file': file },
      h('h3', {}, e.name),
      h('p', { class: 'description' }, e.errors ? `Invalid: ${formatErrors(e.errors).split('\n')[0]}` : e.description || 'No description.'),
      h('p', { class: 'meta' }, h('code', {}, `scenarios/${file}`), ...e.tags.map((t) => h('span', { class: 'tag' }, t))),
      button,
    );
  };
  const files = [...LIBRARY.keys()];
  const groups: [string, string[]][] = [
    ['Presets: the baseline with another sequencing', files.filter((f) => !f.includes('/'))],
    ['Historical cases', files.filter((f) => f.startsWith('cases/'))],
  ];
  root.replaceChildren(
    h('h2', {}, 'Scenario gallery'),
    h('p', { class: 'lead' }, `${LIBRARY.size} scenarios ship with Relief Lab. Presets change only the design of the baseline, so their differences are differences of design; cases are documented historical arrangements.`),
    ...groups.filter(([, fs]) => fs.length).flatMap(([title, fs]) => [h('h3', {}, title), h('div', { class: 'gallery', 'data-testid': 'gallery' }, ...fs.map(card))]),
  );
}
