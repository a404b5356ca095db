import LZString from 'lz-string';
import { stringify } from 'yaml';

/**
 * Share links carry the scenario in the URL fragment (never sent to a server),
 * as YAML compressed with lz-string. Opening one decodes it to text, which is then
 * read like any imported file: parsed as data, validated, never run as code.
 */
export const SHARE_PARAM = 'scenario';
/** Longest fragment accepted: a compressed scenario is a few kB; anything far larger is not ours. */
export const MAX_LINK_CHARS = 200_000;

export function shareUrl(base: string, data: Record<string, unknown>): string {
  const url = new URL(base);
  url.hash = `${SHARE_PARAM}=${LZString.compressToEncodedURIComponent(stringify(data, { lineWidth: 0 }))}`;
  return url.toString();
}

export type Decoded = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'error'; message: string };

/** Reads the scenario text out of a location hash like "#scenario=...". */
export function decodeShareHash(hash: string): Decoded {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(`${SHARE_PARAM}=`)) return { kind: 'none' };
  const payload = h.slice(SHARE_PARAM.length + 1);
  if (payload.length > MAX_LINK_CHARS) return { kind: 'error', message: `share link: is ${payload.length} characters; at most ${MAX_LINK_CHARS} are accepted` };
  if (!/^[A-Za-z0-9+\-$]*$/.test(payload)) return { kind: 'error', message: 'share link: contains characters a Relief Lab link never has (was it edited or cut?)' };
  let text: string | null = null;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (!text) return { kind: 'error', message: 'share link: the scenario in it could not be decompressed (was the link cut short?)' };
  return { kind: 'text', text };
}
