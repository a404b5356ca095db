/**
 * Characters that must not reach a terminal raw from a user's file: C0 and C1 controls
 * (which include the escape that starts terminal commands), DEL, and the invisible and
 * bidirectional format characters that can make text display as something it is not.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const UNSAFE_BEYOND_C0 = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * User text (strategy, player and node names) made safe to print: every unsafe
 * character becomes a visible `\u{...}` escape, so a name can neither move the cursor,
 * recolour the terminal nor hide itself.
 *
 * @example escapeText('Sta\u001b[31my') // 'Sta\\u{1b}[31my'
 */
export function escapeText(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * JSON text whose strings have the same characters escaped as `\uXXXX` (still valid
 * JSON, the same value when parsed). JSON.stringify already escapes C0 controls but
 * leaves C1 controls and format characters raw.
 */
export function escapeJson(json: string): string {
  // C0 controls are left alone: inside strings JSON.stringify has escaped them already,
  // and outside strings they are the indentation's newlines.
  return json.replace(UNSAFE_BEYOND_C0, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
