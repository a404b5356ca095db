import { mountEditor } from './editor/editor-panel.ts';
import { editorToolbar } from './editor/toolbar.ts';
import { initialDocument } from './boot.ts';
import { renderGallery } from './gallery.ts';
import { showNotice } from './notice.ts';
import { renderSaved } from './saved-view.ts';
import { DocumentStore } from './store/document.ts';
import { saveDraft } from './store/saved-designs.ts';
import { mountResults } from './results/results-panel.ts';
import { mountCompare } from './compare/compare-panel.ts';
import { CHARTS } from './results/chart-card.ts';

type Tab = 'gallery' | 'workspace' | 'compare' | 'saved';

const init = initialDocument(location.hash);
// The link has been read; clearing it means a reload resumes the (autosaved) draft instead of re-opening the link.
if (location.hash) history.replaceState(null, '', location.pathname + location.search);
const store = new DocumentStore({ origin: init.origin, data: init.loaded.data, scenario: init.loaded.scenario });
store.subscribe((s) => saveDraft(s.origin, s.data));
saveDraft(store.state.origin, store.state.data);

const views = {
  gallery: document.getElementById('view-gallery')!,
  workspace: document.getElementById('view-workspace')!,
  compare: document.getElementById('view-compare')!,
  saved: document.getElementById('view-saved')!,
};

function show(tab: Tab): void {
  for (const [k, el] of Object.entries(views)) el.hidden = k !== tab;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  document.body.dataset.tab = tab;
  if (tab === 'saved') renderSaved(views.saved, store, () => show('workspace'));
  if (tab === 'compare') compare.refresh();
}

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) b.addEventListener('click', () => show(b.dataset.tab as Tab));

const results = mountResults(document.getElementById('results')!, store);
mountEditor(document.getElementById('editor')!, store, editorToolbar(store, () => compare.refresh()), () => results.leverEdited());
renderGallery(views.gallery, store, () => show('workspace'));
const compare = mountCompare(views.compare, store, () => results.cancel());

if (init.problem) showNotice('error', init.problem.message, init.problem.details);
show('workspace');
/**
 * Read-only access to what is drawn, for the end-to-end tests and the benchmark:
 * the rows of a chart's dataset as the Vega view holds them, and the last summary.
 */
Object.assign(window, {
  reliefLab: {
    chartData: (id: string, dataset: string) => CHARTS.get(id)?.view?.data(dataset).map((r: object) => ({ ...r })) ?? null,
    chartSignal: (id: string, name: string) => CHARTS.get(id)?.view?.signal(name) ?? null,
    summary: () => results.summary() ?? null,
  },
});
document.body.dataset.ready = 'true';
