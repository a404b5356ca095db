/**
 * Exact, compact text for numeric arrays in partial-result files: the IEEE 754
 * bytes, little-endian, in base64. Decimal JSON would also round-trip doubles,
 * but not -0, and is about 2.5x larger for these arrays.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  const parts: string[] = [];
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    if (out.length >= 65536) {
      parts.push(out);
      out = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
  }
  parts.push(out);
  return parts.join('');
}

export function base64ToBytes(text: string, what: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) throw new Error(`${what} is not base64 text`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text.charCodeAt(i + j);
      const v = ch === 61 ? 0 : ch < 128 ? LOOKUP[ch] : -1;
      if (v < 0) throw new Error(`${what} is not base64 text (bad character at ${i + j})`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function float64ToBase64(a: Float64Array): string {
  const bytes = new Uint8Array(a.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i], true);
  return bytesToBase64(bytes);
}

export function base64ToFloat64(text: string, what: string, expectedLength?: number): Float64Array {
  const bytes = base64ToBytes(text, what);
  if (bytes.length % 8 !== 0) throw new Error(`${what} does not hold whole 8-byte numbers`);
  const n = bytes.length / 8;
  if (expectedLength !== undefined && n !== expectedLength) throw new Error(`${what} holds ${n} numbers; expected ${expectedLength}`);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
