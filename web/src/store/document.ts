import type { Scenario } from '../../../src/index.ts';
import type { ScenarioError } from '../../../src/index.ts';
import { loadScenarioData } from '../scenarios/library.ts';

/**
 * The scenario being edited: the document as data (what the user wrote, extends
 * already merged), whether it is valid, and the last valid scenario (defaults
 * filled), which the editor shows for fields the document leaves out.
 */
export interface DocumentState {
  /** Where it came from, for the header: "baseline.yaml", "import: my.yaml", "saved: Escrow v2". */
  origin: string;
  data: Record<string, unknown>;
  errors: ScenarioError[];
  scenario: Scenario | null;
  lastValid: Scenario;
  /** Edited since it was opened: exports and comparisons then say "edited" beside its name. */
  edited: boolean;
}

export type ChangeKind = 'replace' | 'edit';
type Listener = (state: DocumentState, kind: ChangeKind) => void;

export class DocumentStore {
  private listeners: Listener[] = [];
  state: DocumentState;
  /** The document a replace displaced, so opening a scenario by mistake can be undone. */
  private displaced?: DocumentState;

  constructor(initial: { origin: string; data: Record<string, unknown>; scenario: Scenario; edited?: boolean }) {
    this.state = { origin: initial.origin, data: initial.data, errors: [], scenario: initial.scenario, lastValid: initial.scenario, edited: initial.edited ?? false };
  }

  subscribe(fn: Listener): void {
    this.listeners.push(fn);
  }

  /** A new document (gallery, import, link, saved design): only valid ones get here. */
  replace(origin: string, data: Record<string, unknown>, scenario: Scenario): void {
    this.displaced = this.state;
    this.state = { origin, data, errors: [], scenario, lastValid: scenario, edited: false };
    this.emit('replace');
  }

  /** Puts back the document the last replace displaced, edits and all; false when there is none. */
  undoReplace(): boolean {
    const back = this.displaced;
    if (!back) return false;
    this.displaced = this.state;
    this.state = back;
    this.emit('replace');
    return true;
  }

  /** An edit of the current document, valid or not; an invalid edit keeps the last valid scenario for display and runs. */
  edit(data: Record<string, unknown>): void {
    const r = loadScenarioData(data, 'edited.yaml');
    this.state = r.ok
      ? { ...this.state, data: r.data, errors: [], scenario: r.scenario, lastValid: r.scenario, edited: true }
      : { ...this.state, data, errors: r.errors, scenario: null, edited: true };
    this.emit('edit');
  }

  private emit(kind: ChangeKind): void {
    for (const fn of this.listeners) fn(this.state, kind);
  }
}

/** Path helpers over plain data, for form fields bound to a path. */
export type Path = (string | number)[];

export function getAt(obj: unknown, path: Path): unknown {
  let node: any = obj;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[k];
  }
  return node;
}

/** Returns a copy of obj with the value at path set (undefined deletes it), creating objects on the way. */
export function setAt(obj: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const root = structuredClone(obj);
  let node: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (node[k] === null || typeof node[k] !== 'object') node[k] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[k];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

/** The path as validation messages write it: design.tranches[0].lifts.trade */
export function pathString(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
