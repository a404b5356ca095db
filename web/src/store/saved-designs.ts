import { stringify } from 'yaml';

/**
 * Named designs kept in the browser (localStorage), so a reload loses nothing.
 * Stored as scenario YAML, the same text as an exported file, and read back through
 * the same validation as any imported file.
 */
export interface SavedDesign {
  name: string;
  yaml: string;
  savedAt: string;
}

const KEY = 'relief-lab/designs@1';
const DRAFT_KEY = 'relief-lab/draft@1';
export const MAX_NAME_LENGTH = 80;

export type SavedList = { ok: true; designs: SavedDesign[] } | { ok: false; error: string };

function isSaved(x: unknown): x is SavedDesign {
  const d = x as SavedDesign;
  return !!d && typeof d.name === 'string' && typeof d.yaml === 'string' && typeof d.savedAt === 'string';
}

export function listSaved(storage: Storage = localStorage): SavedList {
  const raw = storage.getItem(KEY);
  if (raw === null) return { ok: true, designs: [] };
  try {
    const list = JSON.parse(raw);
    if (!Array.isArray(list)) throw new Error('not a list');
    return { ok: true, designs: list.filter(isSaved) };
  } catch (e) {
    return { ok: false, error: `saved designs in this browser are unreadable (${e instanceof Error ? e.message : String(e)}); saving will start a new list` };
  }
}

/** Saves (or overwrites) a named design. Throws with a readable message if the name is empty or storage is full. */
export function saveDesign(name: string, data: Record<string, unknown>, storage: Storage = localStorage): SavedDesign {
  const clean = name.trim();
  if (clean === '') throw new Error('design name: give a name to save the design under');
  if (clean.length > MAX_NAME_LENGTH) throw new Error(`design name: is ${clean.length} characters; at most ${MAX_NAME_LENGTH}`);
  const current = listSaved(storage);
  const designs = current.ok ? current.designs.filter((d) => d.name !== clean) : [];
  const design = { name: clean, yaml: stringify(data, { lineWidth: 0 }), savedAt: new Date().toISOString() };
  designs.push(design);
  designs.sort((a, b) => a.name.localeCompare(b.name));
  try {
    storage.setItem(KEY, JSON.stringify(designs));
  } catch (e) {
    throw new Error(`could not save "${clean}": the browser's storage is full or disabled (${e instanceof Error ? e.name : String(e)})`);
  }
  return design;
}

export function deleteDesign(name: string, storage: Storage = localStorage): void {
  const current = listSaved(storage);
  if (!current.ok) return;
  storage.setItem(KEY, JSON.stringify(current.designs.filter((d) => d.name !== name)));
}

/** The document being edited, kept on every change so a reload resumes where the user was. */
export function saveDraft(origin: string, data: Record<string, unknown>, storage: Storage = localStorage, edited = false): void {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify({ origin, edited, yaml: stringify(data, { lineWidth: 0 }) }));
  } catch {
    // A full storage only loses the draft; named designs report their own errors.
  }
}

export function loadDraft(storage: Storage = localStorage): { origin: string; yaml: string; edited: boolean } | null {
  try {
    const d = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null');
    return d && typeof d.origin === 'string' && typeof d.yaml === 'string' ? { origin: d.origin, yaml: d.yaml, edited: d.edited === true } : null;
  } catch {
    return null;
  }
}
