import { setOwn } from './document.ts';
import { escapeControlCharacters, hasControlCharacters } from './text-safety.ts';

/**
 * `extends: other.yaml` lets a preset state only what differs from its base, so a
 * comparison of designs is fair by construction. Objects merge key by key; lists and
 * values in the child replace the base's. Pure: the caller supplies the lookup.
 */
export type ScenarioLookup = (ref: string, from: string) => { name: string; data: Record<string, unknown> };

export const MAX_EXTENDS_DEPTH = 8;

export function resolveExtends(data: Record<string, unknown>, name: string, lookup: ScenarioLookup, depth = 0): Record<string, unknown> {
  const ref = data.extends;
  if (ref === undefined) return data;
  checkExtendsRef(ref);
  if (depth >= MAX_EXTENDS_DEPTH) throw new Error(`extends: more than ${MAX_EXTENDS_DEPTH} levels (a cycle?) at ${name}`);
  const base = lookup(ref, name);
  const resolvedBase = resolveExtends(base.data, base.name, lookup, depth + 1);
  const { extends: _drop, ...child } = data;
  return mergeDeep(resolvedBase, child);
}

/**
 * Checks that an `extends` value can name a file: a non-empty string without
 * control characters (a NUL byte would otherwise reach the file system as an
 * "invalid argument"). Throws `extends: <problem>`.
 */
export function checkExtendsRef(ref: unknown): asserts ref is string {
  if (typeof ref !== 'string') throw new Error(`extends: expected a file name, got ${ref === null ? 'null' : Array.isArray(ref) ? 'a list' : typeof ref}`);
  if (ref.trim() === '') throw new Error('extends: is empty; give the file name of the base scenario, e.g. extends: baseline.yaml');
  if (hasControlCharacters(ref)) {
    throw new Error(`extends: "${escapeControlCharacters(ref)}" contains a control character; give a plain file name, e.g. extends: baseline.yaml`);
  }
}

/**
 * The base with `over` laid on top, key by key, into new objects (neither input
 * is changed). Every key becomes an own property, `__proto__` included, so no
 * key can replace a merged object's prototype and hide a value from validation
 * (which then reports such a key by its path).
 */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) setOwn(out, k, base[k]);
  for (const k of Object.keys(over)) {
    const v = over[k];
    const b = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    setOwn(out, k, isPlainObject(b) && isPlainObject(v) ? mergeDeep(b, v) : v);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
