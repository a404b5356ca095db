import { showNotice } from '../notice.ts';
import type { Scenario } from '../../../src/index.ts';
import type { DocumentStore } from './document.ts';

/**
 * Opens a scenario over the one being edited (gallery, saved designs) and says so,
 * with Undo: the displaced draft, edits included, comes back with one click.
 */
export function openOver(store: DocumentStore, origin: string, data: Record<string, unknown>, scenario: Scenario): void {
  const before = store.state;
  store.replace(origin, data, scenario);
  const was = `${before.lastValid.metadata.name}${before.edited ? ', with your edits' : ''}`;
  showNotice('info', `Opened "${scenario.metadata.name}" in place of "${was}".`, [], {
    label: 'Undo',
    run: () => {
      store.undoReplace();
      showNotice('info', `Back to "${was}".`);
    },
  });
}
