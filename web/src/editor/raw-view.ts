import { stringify } from 'yaml';
import { parseScenarioText, type ScenarioError } from '../../../src/index.ts';
import { h } from '../dom.ts';

export type RawFormat = 'yaml' | 'json';

export function serialise(data: Record<string, unknown>, format: RawFormat): string {
  return format === 'json' ? JSON.stringify(data, null, 2) : stringify(data, { lineWidth: 0 });
}

/**
 * The document as YAML or JSON text. Typing re-parses (as data only: YAML custom
 * tags are refused) after a short pause; text that parses becomes the document,
 * whether or not it validates, so errors show the same way as for the form. Text
 * that does not parse leaves the document as it was and says why.
 */
export function rawView(
  data: Record<string, unknown>,
  format: RawFormat,
  onData: (data: Record<string, unknown>) => void,
  onParseError: (errors: ScenarioError[]) => void,
): HTMLElement {
  const area = h('textarea', { class: 'raw', spellcheck: 'false', 'aria-label': `Scenario as ${format.toUpperCase()}`, 'data-format': format });
  area.value = serialise(data, format);
  let timer: ReturnType<typeof setTimeout> | undefined;
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const p = parseScenarioText(area.value);
      if (p.ok) onData(p.data as Record<string, unknown>);
      else onParseError(p.errors);
    }, 300);
  });
  return h('div', { class: 'raw-view' }, area);
}
