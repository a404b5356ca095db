import { initialDocument } from './boot.ts';
import { h } from './dom.ts';
import { showNotice } from './notice.ts';
import { DEFAULT_PANEL, PANELS, type PanelContext, type PanelHandle } from './panels.ts';
import { DocumentStore } from './store/document.ts';
import { saveDraft } from './store/saved-designs.ts';
import { runSettings } from './store/run-settings.ts';
import { installTestHooks } from './test-hooks.ts';
import { warmWorkers } from './run/batch-runner.ts';

// The batch worker loads its bundle while the page starts, rather than after.
warmWorkers();
// User Timing measures of the startup phases, for bench/web.ts (what a long startup task is made of).
performance.mark('startup:module');
const init = initialDocument(location.hash);
// The link has been read; clearing it means a reload resumes the (autosaved) draft instead of re-opening the link.
if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
const store = new DocumentStore({ origin: init.origin, data: init.loaded.data, scenario: init.loaded.scenario, edited: init.edited });
store.subscribe((s) => saveDraft(s.origin, s.data, localStorage, s.edited));
saveDraft(store.state.origin, store.state.data, localStorage, store.state.edited);
// A share link's seed and run count go into the run form.
if (init.run?.masterSeed !== undefined) runSettings.masterSeed = init.run.masterSeed;
if (init.run?.runs !== undefined) runSettings.runs = init.run.runs;

performance.measure('startup:document', 'startup:module');
const tabList = document.getElementById('tabs')!;
const main = document.getElementById('panels')!;
const handles = new Map<string, PanelHandle>();
const tabs = new Map<string, HTMLButtonElement>();
const sections = new Map<string, HTMLElement>();

/** The panel the address names (`?view=compare`); the workspace when it names none or an unknown one. */
function panelInUrl(): string {
  const v = new URLSearchParams(location.search).get('view');
  return PANELS.some((p) => p.id === v) ? v! : DEFAULT_PANEL;
}

function urlFor(id: string): string {
  const url = new URL(location.href);
  url.hash = '';
  if (id === DEFAULT_PANEL) url.searchParams.delete('view');
  else url.searchParams.set('view', id);
  return url.pathname + url.search;
}

const ctx: PanelContext = {
  store,
  show: (id) => show(id, true),
  releaseWorkers(except) {
    for (const [id, handle] of handles) if (id !== except) handle.releaseWorkers?.();
  },
};

function mount(id: string): PanelHandle {
  let handle = handles.get(id);
  if (!handle) {
    handle = PANELS.find((p) => p.id === id)!.mount(sections.get(id)!, ctx);
    handles.set(id, handle);
  }
  return handle;
}

let current = '';
/** Shows a panel; `push` adds a history entry, so Back returns to the panel before. */
function show(id: string, push: boolean): void {
  const handle = mount(id);
  for (const [k, el] of sections) el.hidden = k !== id;
  for (const [k, b] of tabs) {
    b.setAttribute('aria-selected', String(k === id));
    b.tabIndex = k === id ? 0 : -1;
  }
  // Not data-tab: that names the tab buttons, and a selector for a tab must not find the body.
  document.body.dataset.view = id;
  if (push && id !== current) history.pushState({ view: id }, '', urlFor(id));
  current = id;
  handle.onShow?.();
}

for (const p of PANELS) {
  const tab = h('button', { type: 'button', role: 'tab', id: `tab-${p.id}`, 'data-tab': p.id, 'aria-controls': `view-${p.id}`, 'aria-selected': 'false', tabindex: -1 }, p.label);
  tab.addEventListener('click', () => show(p.id, true));
  tabs.set(p.id, tab);
  tabList.append(tab);
  const section = h('section', { id: `view-${p.id}`, class: 'view', 'data-view': p.id, role: 'tabpanel', 'aria-labelledby': `tab-${p.id}`, hidden: true });
  sections.set(p.id, section);
  main.append(section);
}
// Arrow keys move between tabs (the ARIA tabs pattern: one tab stop for the whole bar).
tabList.addEventListener('keydown', (e) => {
  const ids = PANELS.map((p) => p.id);
  const at = ids.indexOf(current);
  const to = e.key === 'ArrowRight' ? (at + 1) % ids.length : e.key === 'ArrowLeft' ? (at - 1 + ids.length) % ids.length : e.key === 'Home' ? 0 : e.key === 'End' ? ids.length - 1 : -1;
  if (to < 0) return;
  e.preventDefault();
  show(ids[to], true);
  tabs.get(ids[to])!.focus();
});
window.addEventListener('popstate', () => show(panelInUrl(), false));

/** Lets the page paint and handle input between the steps of startup, so none is one long task. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start(): Promise<void> {
  await nextTask();
  performance.mark('startup:panels');
  for (const p of PANELS) if (p.eager) mount(p.id);
  performance.measure('startup:workspace', 'startup:panels');
  await nextTask();
  if (init.problem) showNotice('error', init.problem.message, init.problem.details);
  show(panelInUrl(), false);
  installTestHooks();
  document.body.dataset.ready = 'true';
}
void start();

// The skip link: straight to Run (the form and its 300-odd controls come before it in tab order).
document.querySelector('.skip-link')!.addEventListener('click', (e) => {
  e.preventDefault();
  show('workspace', true);
  document.querySelector<HTMLButtonElement>('[data-testid="run"]')!.focus();
});

