import LZString from 'lz-string';
import { stringify } from 'yaml';
import { mergeDeep } from '../../../src/index.ts';

/**
 * Share links carry the scenario in the URL fragment (never sent to a server),
 * as YAML compressed with lz-string, with the master seed and run count. A design
 * opened from a shipped scenario travels as `extends: <that file>` plus only what
 * was changed, so a link is a few hundred characters, not ten thousand. The
 * fragment ends with `&end`: a link without it was cut short when it was copied,
 * and says so. Opening one decodes it to text, which is then read like any
 * imported file: parsed as data, validated, never run as code.
 *
 *   #v=2&seed=1&runs=10000&scenario=<lz-string>&end
 */
export const SHARE_PARAM = 'scenario';
/** Longest fragment accepted: a compressed scenario is a few kB; anything far larger is not ours. */
export const MAX_LINK_CHARS = 200_000;

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What `data` changes in `base`, such that mergeDeep(base, diff) equals data (objects
 * merge, anything else replaces, as `extends` does); undefined when a key of `base`
 * was removed, which `extends` cannot say.
 */
export function changesFrom(base: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) if (!(k in data)) return undefined;
  for (const [k, v] of Object.entries(data)) {
    const b = base[k];
    if (equal(b, v)) continue;
    if (isObject(b) && isObject(v)) {
      const inner = changesFrom(b, v);
      if (!inner) return undefined;
      out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

export interface ShareOptions {
  masterSeed: number;
  runs: number;
  /** A shipped scenario the design came from, and that scenario's data (extends resolved): the link then carries only the changes. */
  base?: { file: string; data: Record<string, unknown> };
}

export function shareUrl(base: string, data: Record<string, unknown>, o: ShareOptions): string {
  const url = new URL(base);
  const changes = o.base ? changesFrom(o.base.data, data) : undefined;
  // Only if the changes really give back the design (a guard against any edge of the merge rules).
  const doc = o.base && changes && equal(mergeDeep(o.base.data, changes), data) ? { extends: o.base.file, ...changes } : data;
  url.hash = `v=2&seed=${o.masterSeed}&runs=${o.runs}&${SHARE_PARAM}=${LZString.compressToEncodedURIComponent(stringify(doc, { lineWidth: 0 }))}&end`;
  return url.toString();
}

export type Decoded =
  | { kind: 'none' }
  | { kind: 'text'; text: string; masterSeed?: number; runs?: number; /** A v2 link with its end marker: not cut short, so its problems are real. */ complete: boolean }
  | { kind: 'error'; message: string };

const INCOMPLETE = 'the link is incomplete: it was cut short when it was copied or pasted. Copy the whole link again (it ends with "&end").';

/** Reads the scenario text (and seed and run count) out of a location hash like "#v=2&seed=1&runs=10000&scenario=...&end". */
export function decodeShareHash(hash: string): Decoded {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  // Not URLSearchParams: lz-string's alphabet has '+', which it would read as a space.
  const params = new Map(h.split('&').map((part) => [part.split('=')[0], part.slice(part.indexOf('=') + 1)] as [string, string]));
  if (!params.has(SHARE_PARAM)) return { kind: 'none' };
  const v2 = params.get('v') === '2';
  const complete = v2 && params.has('end');
  if (v2 && !complete) return { kind: 'error', message: `share link: ${INCOMPLETE}` };
  const payload = params.get(SHARE_PARAM)!;
  if (payload.length > MAX_LINK_CHARS) return { kind: 'error', message: `share link: is ${payload.length} characters; at most ${MAX_LINK_CHARS} are accepted` };
  if (!/^[A-Za-z0-9+\-$]*$/.test(payload)) return { kind: 'error', message: 'share link: contains characters a Relief Lab link never has (was it edited or cut?)' };
  let text: string | null = null;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (!text) return { kind: 'error', message: `share link: ${complete ? 'the scenario in it could not be decompressed (was it edited?)' : INCOMPLETE}` };
  const whole = (name: string) => {
    const x = Number(params.get(name));
    return params.has(name) && Number.isInteger(x) ? x : undefined;
  };
  return { kind: 'text', text, masterSeed: whole('seed'), runs: whole('runs'), complete };
}
