import { h } from '../dom.ts';
import type { DocumentStore } from '../store/document.ts';
import { setAt } from '../store/document.ts';
import { showErrors } from './errors.ts';
import { renderForm } from './form.ts';
import { rawView, type RawFormat } from './raw-view.ts';

type Mode = 'form' | RawFormat;

/** Which sections and list items are open, so a rebuild of the form keeps the reader's place. */
function openKeys(root: HTMLElement): Set<string> {
  return new Set([...root.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.section ?? d.dataset.path ?? ''));
}

function restoreOpen(root: HTMLElement, keys: Set<string>): void {
  for (const d of root.querySelectorAll<HTMLDetailsElement>('details')) {
    const k = d.dataset.section ?? d.dataset.path ?? '';
    if (keys.has(k)) d.open = true;
  }
}

/**
 * The editor column: lever form or raw YAML/JSON, with validation inline (beside
 * each field) and in a summary list in the CLI's words. Every edit goes to the
 * store; `onLeverEdit` is told so live preview can follow.
 */
export function mountEditor(root: HTMLElement, store: DocumentStore, toolbar: HTMLElement, onLeverEdit: () => void): void {
  let mode: Mode = 'form';
  const title = h('h2', { class: 'doc-title' });
  const badge = h('span', { class: 'badge', 'data-testid': 'validity' });
  const summary = h('div', { class: 'error-summary', role: 'alert', 'data-testid': 'validation', hidden: true });
  const modeTabs = h('div', { class: 'mode-tabs', role: 'tablist', 'aria-label': 'Editor mode' });
  const body = h('div', { class: 'editor-body' });
  root.replaceChildren(h('div', { class: 'doc-head' }, title, badge), toolbar, modeTabs, summary, body);

  let rebuild = false;
  const onChange = (path: (string | number)[], value: unknown) => {
    // A shock's kind decides which of its fields apply (a regime change's typePrior): redraw them.
    if (path[0] === 'shocks' && path[path.length - 1] === 'kind') rebuild = true;
    store.edit(setAt(store.state.data, path, value));
    onLeverEdit();
  };
  const replaceData = (data: Record<string, unknown>) => {
    rebuild = true;
    store.edit(data);
    onLeverEdit();
  };

  function renderBody(): void {
    const keep = openKeys(body);
    const s = store.state;
    if (mode === 'form') {
      body.replaceChildren(renderForm({ state: s, periodLengthMonths: s.lastValid.metadata.periodLengthMonths, onChange, replaceData }));
      if (keep.size) restoreOpen(body, keep);
    } else {
      body.replaceChildren(
        rawView(s.data, mode, (data) => {
          store.edit(data);
          onLeverEdit();
        }, (errors) => showErrors(body, summary, errors)),
      );
    }
    showErrors(body, summary, s.errors);
  }

  function renderModes(): void {
    modeTabs.replaceChildren(
      ...(['form', 'yaml', 'json'] as Mode[]).map((m) => {
        const b = h('button', { type: 'button', role: 'tab', 'aria-selected': String(m === mode), 'data-mode': m }, m === 'form' ? 'Levers' : m.toUpperCase());
        b.addEventListener('click', () => {
          mode = m;
          renderModes();
          renderBody();
        });
        return b;
      }),
    );
  }

  function renderHead(): void {
    const s = store.state;
    title.textContent = s.lastValid.metadata.name;
    title.title = `from ${s.origin}`;
    badge.textContent = s.errors.length ? `${s.errors.length} problem${s.errors.length === 1 ? '' : 's'}` : 'valid';
    badge.dataset.valid = String(s.errors.length === 0);
  }

  store.subscribe((s, kind) => {
    renderHead();
    if (kind === 'replace' || rebuild) {
      rebuild = false;
      renderBody();
    } else showErrors(body, summary, s.errors);
  });
  renderModes();
  renderHead();
  renderBody();
}
