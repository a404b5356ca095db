import { h } from '../dom.ts';
import type { DocumentStore } from '../store/document.ts';
import { setAt } from '../store/document.ts';
import { showErrors } from './errors.ts';
import { renderForm } from './form.ts';
import { rawView, type RawFormat } from './raw-view.ts';

type Mode = 'form' | RawFormat;

/** Which sections and list items are open or closed, so a rebuild of the form keeps the reader's place. */
function openKeys(root: HTMLElement): Map<string, boolean> {
  return new Map([...root.querySelectorAll<HTMLDetailsElement>('details')].map((d) => [d.dataset.section ?? d.dataset.path ?? '', d.open]));
}

/** The file input is visually hidden: its label acts as the button, in tab order and with Enter and Space. */
function importButton(toolbar: HTMLElement): void {
  const input = toolbar.querySelector<HTMLInputElement>('input[type="file"]');
  const label = input && toolbar.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`);
  if (!input || !label) return;
  input.tabIndex = -1;
  label.tabIndex = 0;
  label.setAttribute('role', 'button');
  label.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    input.click();
  });
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
  importButton(toolbar);

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
      body.replaceChildren(
        renderForm({
          get state() {
            return store.state;
          },
          periodLengthMonths: s.lastValid.metadata.periodLengthMonths,
          onChange,
          replaceData,
          onBuilt: () => showErrors(body, summary, store.state.errors),
          isOpen: (key) => keep.get(key),
        }),
      );
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
