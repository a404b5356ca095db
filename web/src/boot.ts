import { formatErrors } from '../../src/index.ts';
import { BASELINE, LIBRARY, loadScenarioText, type Loaded } from './scenarios/library.ts';
import { loadDraft } from './store/saved-designs.ts';
import { decodeShareHash } from './store/share-link.ts';

export interface Initial {
  origin: string;
  /** Opened from a link that changes a shipped scenario (or a draft that was edited). */
  edited: boolean;
  loaded: Extract<Loaded, { ok: true }>;
  /** The master seed and run count a share link carried. */
  run?: { masterSeed?: number; runs?: number };
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
      if (r.ok) return { origin: draft.origin, edited: draft.edited, loaded: r };
    }
    return { origin: BASELINE, edited: false, loaded: baseline() };
  };
  const link = decodeShareHash(hash);
  if (link.kind === 'none') return fallback();
  if (link.kind === 'error') return { ...fallback(), problem: { message: `Could not open the share link; the current scenario is kept. ${link.message}`, details: [] } };
  const r = loadScenarioText(link.text, 'link.yaml');
  if (!r.ok) {
    // A complete link (it has its end marker) whose scenario is invalid has real problems; an old link without the marker may just be cut.
    const message = link.complete
      ? 'Could not open the share link: its scenario is not valid; the current scenario is kept.'
      : 'Could not open the share link: it is incomplete or damaged (was it cut short when it was copied?); the current scenario is kept.';
    return { ...fallback(), problem: { message, details: link.complete ? formatErrors(r.errors).split('\n') : [] } };
  }
  // A link that extends a shipped scenario keeps it as its origin, so sharing it again stays short.
  const base = /^extends:\s*(\S+)/m.exec(link.text)?.[1]?.replace(/^['"]|['"]$/g, '');
  const origin = base && LIBRARY.has(base) ? base : 'share link';
  return { origin, edited: true, loaded: r, run: { masterSeed: link.masterSeed, runs: link.runs } };
}
