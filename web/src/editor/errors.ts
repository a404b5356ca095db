import type { ScenarioError } from '../../../src/index.ts';
import { h } from '../dom.ts';

/** Shortens a message path until a field on screen shows it: design.tranches[0].lifts.x -> design.tranches[0]. */
function parentPath(p: string): string | null {
  const m = p.match(/^(.*)(\.[^.[\]]+|\[\d+\])$/);
  return m ? m[1] : null;
}

/**
 * Shows validation errors beside the fields they concern (the nearest field or list
 * on screen) and all of them, in the CLI's words, in the summary list.
 */
export function showErrors(root: HTMLElement, summary: HTMLElement, errors: ScenarioError[]): void {
  for (const slot of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const el of root.querySelectorAll('.invalid')) el.classList.remove('invalid');
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const e of errors) {
    let p: string | null = e.path;
    while (p !== null) {
      const slot = root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(p)}"]`);
      if (slot) {
        slot.hidden = false;
        slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : p === e.path ? e.message : `${e.path}: ${e.message}`;
        slot.parentElement?.classList.add('invalid');
        for (const c of slot.parentElement?.querySelectorAll('input, select') ?? []) c.setAttribute('aria-invalid', 'true');
        slot.closest('details')?.setAttribute('open', '');
        break;
      }
      p = parentPath(p);
    }
  }
  summary.replaceChildren();
  summary.hidden = errors.length === 0;
  summary.dataset.count = String(errors.length);
  if (errors.length) {
    summary.append(
      h('p', {}, `${errors.length} problem${errors.length === 1 ? '' : 's'}: fix to run again (the charts show the last valid version).`),
      h('ul', {}, ...errors.map((e) => h('li', {}, h('code', {}, e.path), `: ${e.message}`))),
    );
  }
}
