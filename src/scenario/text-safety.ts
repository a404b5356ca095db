/**
 * User text (a scenario's name, a key from a file, a file name) that ends up in a
 * line of a file, a terminal or a spreadsheet. A name is data, so it must not be
 * able to start a new line of a YAML file, set a terminal's window title or run
 * a spreadsheet formula. One home for these rules: the CLI, the web app and the
 * classroom server show user text through them.
 */

/**
 * Characters that change how text is shown rather than being shown: C0 controls
 * (newline, ESC, BEL, ...), DEL, C1 controls (U+009B is a one-byte CSI in some
 * terminals), the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates, which can make text read differently from its bytes.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set without the g flag: `test` on a global regex would keep state between calls. */
const CONTROL_ANY = new RegExp(CONTROL.source);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every control character shown as an escape (`\n`, `\x1b`,
 * `\u202e`), so it stays on one line and prints as what it is. Text without
 * control characters comes back unchanged.
 *
 * @example
 *   escapeControlCharacters('a\u001b]0;pwned\u0007') // 'a\\x1b]0;pwned\\x07'
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? escapeCode(c.charCodeAt(0)));
}

/** Whether the text holds a character escapeControlCharacters would escape. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_ANY.test(text);
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or
 * carriage return before one) as a formula. OWASP's advice for CSV: prefix such
 * a cell with a single quote, which spreadsheets show as text. Numbers are never
 * passed here (a negative number must stay a number).
 *
 * @example
 *   neutraliseCsvText('=1+2') // "'=1+2"
 *   neutraliseCsvText('Baseline') // 'Baseline'
 */
export function neutraliseCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell of user text: neutralised (neutraliseCsvText), then quoted when
 * it holds a comma, a quote or a line break (RFC 4180).
 *
 * @example
 *   csvTextCell('=HYPERLINK("x")') // "\"'=HYPERLINK(\"\"x\"\")\""
 */
export function csvTextCell(text: string): string {
  const s = neutraliseCsvText(text);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One `#` comment line of a YAML file holding user text: control characters are
 * escaped, so a name with a line break cannot end the comment and add a real key
 * (`extends: ../../evil.yaml`) to the file.
 *
 * @example
 *   yamlCommentLine('Scenario "a\nextends: x.yaml"') // '# Scenario "a\\nextends: x.yaml"\n'
 */
export function yamlCommentLine(text: string): string {
  return `# ${escapeControlCharacters(text)}\n`;
}
