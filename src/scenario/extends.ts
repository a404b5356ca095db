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
  if (typeof ref !== 'string') throw new Error(`extends: expected a file name, got ${typeof ref}`);
  if (depth >= MAX_EXTENDS_DEPTH) throw new Error(`extends: more than ${MAX_EXTENDS_DEPTH} levels (a cycle?) at ${name}`);
  const base = lookup(ref, name);
  const resolvedBase = resolveExtends(base.data, base.name, lookup, depth + 1);
  const { extends: _drop, ...child } = data;
  return mergeDeep(resolvedBase, child);
}

export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeDeep(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
