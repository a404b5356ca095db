import { LIBRARY, loadScenarioText } from '../scenarios/library.ts';
import type { DocumentStore } from './document.ts';
import { runSettings } from './run-settings.ts';
import type { ShareOptions } from './share-link.ts';

/** The seed and run count in the run form, and the shipped scenario the design came from (so the link carries only the changes). */
export function shareOptions(store: DocumentStore): ShareOptions {
  const whole = (x: number | string, fallback: number) => (typeof x === 'number' && Number.isInteger(x) ? x : fallback);
  const origin = store.state.origin;
  const text = LIBRARY.get(origin);
  const base = text === undefined ? undefined : loadScenarioText(text, origin);
  return { masterSeed: whole(runSettings.masterSeed, 1), runs: whole(runSettings.runs, 10_000), base: base?.ok ? { file: origin, data: base.data } : undefined };
}
