/**
 * Scenario files are UTF-8 text. A file saved as UTF-16 (Windows Notepad's
 * "Unicode") or a binary file read as UTF-8 turns into replacement characters and
 * NULs, which the YAML parser would report as a confusing string; this names the
 * encoding instead and says how to fix it.
 */

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

const SAVE_AS_UTF8 = 'save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)';

/**
 * Decodes the bytes of a scenario file: UTF-8 (an initial byte-order mark is
 * dropped); UTF-16 and UTF-32 (by their byte-order mark or their NUL bytes),
 * invalid UTF-8 and binary files are refused with a message naming the encoding.
 *
 * @example
 *   decodeScenarioBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))
 *   // { ok: false, message: 'is UTF-16 (little-endian) text; save the file as UTF-8 ...' }
 */
export function decodeScenarioBytes(bytes: Uint8Array): Decoded {
  const named = utf16or32(bytes);
  if (named) return { ok: false, message: `is ${named} text; ${SAVE_AS_UTF8}` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, message: `is not UTF-8 text (is it a binary file, or saved in another encoding such as Latin-1?); ${SAVE_AS_UTF8}` };
  }
  const problem = textEncodingProblem(text);
  return problem ? { ok: false, message: problem } : { ok: true, text };
}

/**
 * The encoding problem of text that was already decoded (a pasted or imported
 * file, a share link): NUL characters, which no scenario has, mean UTF-16 or
 * binary content read as UTF-8. Undefined when the text is fine.
 */
export function textEncodingProblem(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return undefined;
  return `contains NUL characters (the first at character ${nul + 1}): it looks like UTF-16 text or a binary file; ${SAVE_AS_UTF8}`;
}

function utf16or32(b: Uint8Array): string | undefined {
  const at = (i: number) => (i < b.length ? b[i] : -1);
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0 && at(3) === 0) return 'UTF-32 (little-endian)';
  if (at(0) === 0 && at(1) === 0 && at(2) === 0xfe && at(3) === 0xff) return 'UTF-32 (big-endian)';
  if (at(0) === 0xff && at(1) === 0xfe) return 'UTF-16 (little-endian)';
  if (at(0) === 0xfe && at(1) === 0xff) return 'UTF-16 (big-endian)';
  // Without a byte-order mark: ASCII text in UTF-16 has a NUL in every other byte.
  if (b.length >= 4 && at(0) !== 0 && at(1) === 0 && at(2) !== 0 && at(3) === 0) return 'UTF-16 (little-endian, no byte-order mark)';
  if (b.length >= 4 && at(0) === 0 && at(1) !== 0 && at(2) === 0 && at(3) !== 0) return 'UTF-16 (big-endian, no byte-order mark)';
  return undefined;
}
