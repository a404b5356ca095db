import { h } from './dom.ts';

/**
 * The banner under the header for things the user must see: a rejected import or
 * share link (with every problem listed), a saved design, a copied link, a scenario
 * opened over the draft (with Undo).
 */
export function showNotice(kind: 'error' | 'info', message: string, details: string[] = [], action?: { label: string; run: () => void }): void {
  const el = document.getElementById('notice')!;
  const close = h('button', { type: 'button', class: 'small', 'aria-label': 'Dismiss' }, 'Dismiss');
  close.addEventListener('click', () => clearNotice());
  const act = action ? h('button', { type: 'button', class: 'small', 'data-testid': 'notice-action' }, action.label) : null;
  act?.addEventListener('click', () => {
    clearNotice();
    action!.run();
  });
  el.replaceChildren(h('p', {}, message), details.length ? h('ul', {}, ...details.map((d) => h('li', {}, d))) : '', act ?? '', act ? ' ' : '', close);
  el.dataset.kind = kind;
  el.hidden = false;
}

export function clearNotice(): void {
  const el = document.getElementById('notice')!;
  el.hidden = true;
  el.replaceChildren();
  delete el.dataset.kind;
}
