import { formatErrors } from '../../src/scenario/validate.ts';
import { BASELINE, LIBRARY, loadScenarioText, type Loaded } from './scenarios/library.ts';
import { loadDraft } from './store/saved-designs.ts';
import { decodeShareHash } from './store/share-link.ts';

export interface Initial {
  origin: string;
  loaded: Extract<Loaded, { ok: true }>;
  /** A share link that could not be opened: shown, and the scenario below it kept. */
  problem?: { message: string; details: string[] };
}

function baseline(): Extract<Loaded, { ok: true }> {
  const r = loadScenarioText(LIBRARY.get(BASELINE)!, BASELINE);
  if (!r.ok) throw new Error(`the shipped baseline is invalid: ${formatErrors(r.errors)}`);
  return r;
}

/** The scenario shown first: the URL's share link if valid, else the draft the user left, else the baseline. */
export function initialDocument(hash: string): Initial {
  const draft = loadDraft();
  const fallback = (): Initial => {
    if (draft) {
      const r = loadScenarioText(draft.yaml, 'draft.yaml');
      if (r.ok) return { origin: draft.origin, loaded: r };
    }
    return { origin: BASELINE, loaded: baseline() };
  };
  const link = decodeShareHash(hash);
  if (link.kind === 'none') return fallback();
  if (link.kind === 'error') return { ...fallback(), problem: { message: `Could not open the share link; the current scenario is kept. ${link.message}`, details: [] } };
  const r = loadScenarioText(link.text, 'link.yaml');
  if (!r.ok) return { ...fallback(), problem: { message: 'Could not open the share link: its scenario is not valid; the current scenario is kept.', details: formatErrors(r.errors).split('\n') } };
  return { origin: 'share link', loaded: r };
}
