import { resolveExtends } from '../../../src/index.ts';
import { parseScenarioText, validateScenario, type ScenarioError } from '../../../src/index.ts';
import type { Scenario } from '../../../src/index.ts';

/**
 * The scenarios shipped in scenarios/ (and scenarios/cases/), bundled as text at
 * build time. Names are paths relative to scenarios/, as `extends` writes them.
 */
const files = import.meta.glob(['../../../scenarios/*.yaml', '../../../scenarios/cases/*.yaml'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const PREFIX = '../../../scenarios/';

export const LIBRARY: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]) => [path.slice(PREFIX.length), text] as [string, string])
    .sort(([a], [b]) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b))),
);

export const BASELINE = 'baseline.yaml';

export type Loaded = { ok: true; data: Record<string, unknown>; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Resolves `ref` against the folder of `from` (both relative to scenarios/), like the CLI does with files. */
export function resolveRef(ref: string, from: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of ref.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Follows `extends` within the shipped library: a browser has no file system, so a
 * file imported or opened from a link can extend only scenarios shipped with the app.
 */
export function mergeExtends(data: Record<string, unknown>, name: string): Record<string, unknown> {
  const chain = [name];
  return resolveExtends(data, name, (ref, from) => {
    const target = resolveRef(ref, from);
    const text = LIBRARY.get(target);
    if (text === undefined) {
      throw new Error(`extends: ${JSON.stringify(ref)} is not a scenario shipped with the app (known: ${[...LIBRARY.keys()].join(', ')})`);
    }
    if (chain.includes(target)) throw new Error(`extends: cycle: ${[...chain, target].join(' -> ')}; a scenario cannot extend itself`);
    chain.push(target);
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(`extends: ${target}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return { name: target, data: parsed.data as Record<string, unknown> };
  });
}

/**
 * Reads scenario text from any source (gallery, file, link, saved design) the same
 * way: parse as data (never code), follow `extends`, validate with the CLI's schema
 * and messages. `data` is the merged document the editor works on.
 */
export function loadScenarioText(text: string, name: string): Loaded {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return parsed;
  return loadScenarioData(parsed.data as Record<string, unknown>, name);
}

export function loadScenarioData(raw: Record<string, unknown>, name: string): Loaded {
  let data: Record<string, unknown>;
  try {
    data = mergeExtends(raw, name);
  } catch (e) {
    return { ok: false, errors: [{ path: 'extends', message: (e instanceof Error ? e.message : String(e)).replace(/^extends: /, '') }] };
  }
  const v = validateScenario(data);
  return v.ok ? { ok: true, data, scenario: v.scenario } : { ok: false, errors: v.errors };
}

/** One line for the gallery, from metadata (or the problem, if a shipped file is broken). */
export function galleryEntry(file: string): { file: string; name: string; description: string; tags: string[]; errors?: ScenarioError[] } {
  const r = loadScenarioText(LIBRARY.get(file) ?? '', file);
  if (!r.ok) return { file, name: file, description: '', tags: [], errors: r.errors };
  const m = r.scenario.metadata;
  return { file, name: m.name, description: m.description, tags: m.tags };
}
