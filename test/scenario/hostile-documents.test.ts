import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, loadScenarioFile } from '../../src/node/scenario-files.ts';
import { mergeDeep, resolveExtends } from '../../src/scenario/extends.ts';
import { checkPlainData, MAX_DOCUMENT_KEYS, MAX_NESTING_DEPTH } from '../../src/scenario/document.ts';
import { decodeScenarioBytes } from '../../src/scenario/encoding.ts';
import { parseScenarioText, readScenario, validateScenario } from '../../src/scenario/validate.ts';
import { csvTextCell, escapeControlCharacters, neutraliseCsvText, yamlCommentLine } from '../../src/scenario/text-safety.ts';
import { csvCell } from '../../src/report/csv.ts';

/**
 * Issue #17, the document rules (src/scenario): defects 3, 4, 5, 6, 9 and 10,
 * each with the input that exposed it.
 */
const dir = mkdtempSync(join(tmpdir(), 'relief-docs-'));
copyFileSync('scenarios/baseline.yaml', join(dir, 'baseline.yaml'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const baselineText = readFileSync('scenarios/baseline.yaml', 'utf8');

function load(name: string, text: string | Buffer) {
  writeFileSync(join(dir, name), text);
  const r = loadScenarioFile(join(dir, name));
  return { ok: r.ok, text: r.ok ? '' : formatProblems(r.problems) };
}

describe('__proto__ through extends (defect 3)', () => {
  it('merging never replaces a prototype: the key stays an own key and nothing is inherited', () => {
    const over = JSON.parse('{"coalition": {"__proto__": {"collapseCohesion": 1}}}');
    const merged = mergeDeep({ coalition: { members: [] } }, over);
    const coalition = merged.coalition as Record<string, unknown>;
    expect(Object.getPrototypeOf(coalition)).toBe(Object.prototype);
    expect(coalition.collapseCohesion).toBeUndefined();
    expect(Object.keys(coalition)).toEqual(['members', '__proto__']);
    expect(({} as Record<string, unknown>).collapseCohesion).toBeUndefined();
  });

  it('on the CLI: coalition: { __proto__: { collapseCohesion: 1 } } under an extends is reported by path', () => {
    const r = load('proto-extends.yaml', 'extends: baseline.yaml\ncoalition: { __proto__: { collapseCohesion: 1 } }\n');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/proto-extends\.yaml: coalition\.__proto__: the key "__proto__" is not allowed in a scenario/);
  });

  it('the same without extends, and lifts: { trade: 0.5, __proto__: 0.7 }, are reported too', () => {
    const alone = readScenario(baselineText.replace(/^coalition:\n/m, 'coalition:\n  __proto__: { collapseCohesion: 1 }\n'));
    expect(!alone.ok && alone.errors.map((e) => e.path)).toEqual(['coalition.__proto__']);
    const lifts = load('proto-lifts.yaml', 'extends: baseline.yaml\ndesign: { tranches: [ { id: t, lifts: { trade: 0.5, __proto__: 0.7 } } ] }\n');
    expect(lifts.text).toMatch(/design\.tranches\[0\]\.lifts\.__proto__: the key "__proto__" is not allowed/);
  });

  it('data built in code (the web editor, a share link) gets the same check', () => {
    const data = resolveExtends(JSON.parse('{"extends": "b", "design": {"__proto__": {"x": 1}}}'), 'a', () => ({ name: 'b', data: parse(baselineText) }));
    const v = validateScenario(data);
    expect(!v.ok && v.errors[0]).toEqual({ path: 'design.__proto__', message: expect.stringMatching(/is not allowed in a scenario/) });
  });
});

describe('many keys (defect 4)', () => {
  it(`a document with more than ${MAX_DOCUMENT_KEYS} keys is refused with the limit`, () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n');
    const r = parseScenarioText(`${keys}\n`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ path: '(file)', message: `has more than ${MAX_DOCUMENT_KEYS} keys; a scenario has a few hundred, so this is not one (at most ${MAX_DOCUMENT_KEYS} are accepted)` }]);
  });

  it('a JSON share-link payload of the same size is refused the same way', () => {
    const json = JSON.stringify(Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i])));
    const r = parseScenarioText(json);
    expect(!r.ok && r.errors[0].message).toMatch(/^has more than 20000 keys/);
  });

  it('duplicate keys are still found (one set per mapping), including 1 and "1", which are one key as data', () => {
    const r = parseScenarioText('design:\n  a: 1\n  b: 2\n  1: x\n  "1": y\n');
    expect(!r.ok && r.errors).toEqual([{ path: 'design.1', message: 'appears twice in the same mapping (lines 4 and 5); keys must be unique' }]);
  });

  it('checkPlainData counts keys in data that did not come from text', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_DOCUMENT_KEYS + 1 }, (_, i) => [`k${i}`, i]));
    expect(checkPlainData({ design: wide })[0].message).toMatch(/^has more than 20000 keys/);
  });
});

describe('user text in a line of a file (defect 5) and in a CSV cell (defect 6)', () => {
  it('a name with a newline cannot add a top-level extends to an exported YAML file', () => {
    const name = 'Plan\nextends: ../../evil.yaml';
    const exported = yamlCommentLine(`Relief Lab scenario "${name}", exported from the web app.`) + stringify({ metadata: { name } });
    expect(exported.split('\n')[0]).toBe('# Relief Lab scenario "Plan\\nextends: ../../evil.yaml", exported from the web app.');
    const back = parse(exported);
    expect(Object.keys(back)).toEqual(['metadata']);
    expect(back.metadata.name).toBe(name);
  });

  it('every control character is shown escaped; ordinary text is unchanged', () => {
    expect(escapeControlCharacters('a\u001b]0;pwned\u0007b\r\n\t\u009b\u202e\u2028')).toBe('a\\x1b]0;pwned\\x07b\\r\\n\\t\\x9b\\u202e\\u2028');
    expect(escapeControlCharacters('Baseline (step-for-step) — Iran, 2015 ✓')).toBe('Baseline (step-for-step) — Iran, 2015 ✓');
  });

  it('CSV cells that a spreadsheet would read as formulas are neutralised (OWASP: = + - @ tab CR)', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCsvText(`${lead}1+2`)).toBe(`'${lead}1+2`);
    expect(neutraliseCsvText('Baseline')).toBe('Baseline');
    expect(csvTextCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvTextCell('a,b')).toBe('"a,b"');
    // Numbers stay numbers: a negative mean is not a formula.
    expect([csvCell('=1+2'), csvCell(-0.25), csvCell(NaN), csvCell(undefined)]).toEqual(["'=1+2", '-0.25', '', '']);
  });
});

describe('clear messages (defect 10)', () => {
  it(`deep nesting names the limit (${MAX_NESTING_DEPTH} levels), whether the parser overflows or not`, () => {
    const expected = [{ path: expect.any(String), message: `nests lists and mappings more than ${MAX_NESTING_DEPTH} levels deep; at most ${MAX_NESTING_DEPTH} are accepted` }];
    for (const depth of [100, 5_000, 100_000]) {
      const r = parseScenarioText(`metadata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      expect(!r.ok && r.errors, `depth ${depth}`).toEqual(expected);
    }
    const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(!parseScenarioText(block).ok && (parseScenarioText(block) as { errors: unknown }).errors).toEqual(expected);
  });

  it('a UTF-16 file names its encoding and says to save it as UTF-8', () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baselineText, 'utf16le')]);
    expect(load('utf16.yaml', utf16le).text).toBe(`${join(dir, 'utf16.yaml')}: (file): is UTF-16 (little-endian) text; save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)`);
    const noBom = Buffer.from(baselineText, 'utf16le');
    expect(load('utf16-nobom.yaml', noBom).text).toMatch(/is UTF-16 \(little-endian, no byte-order mark\) text; save the file as UTF-8/);
    const be = Buffer.from(Buffer.from('\ufeff' + baselineText, 'utf16le').swap16());
    expect(decodeScenarioBytes(be)).toEqual({ ok: false, message: expect.stringMatching(/^is UTF-16 \(big-endian\) text/) });
    expect(decodeScenarioBytes(Buffer.from([0x6d, 0x3a, 0x20, 0xc3, 0x28]))).toEqual({ ok: false, message: expect.stringMatching(/^is not UTF-8 text/) });
    // Text already decoded (a pasted file, a share link) with NULs in it.
    const pasted = parseScenarioText(Buffer.from(baselineText, 'utf16le').toString('utf8'));
    expect(!pasted.ok && pasted.errors[0].message).toMatch(/contains NUL characters .* it looks like UTF-16 text or a binary file; save the file as UTF-8/);
    // A UTF-8 byte-order mark is fine.
    expect(load('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(baselineText)])).ok).toBe(true);
  });

  it('a NUL byte in extends is shown escaped and named, not passed to the file system', () => {
    const r = load('nul-extends.yaml', 'extends: "base\\0.yaml"\n');
    expect(r.text).toBe(`${join(dir, 'nul-extends.yaml')}: extends: "base\\x00.yaml" contains a control character; give a plain file name, e.g. extends: baseline.yaml`);
    expect(r.text).not.toMatch(/ERR_INVALID_ARG_VALUE|\u0000/);
  });

  it('a key with an escape sequence is printed escaped in the problem list', () => {
    const r = load('esc-key.yaml', 'extends: baseline.yaml\n"\\e]0;pwned\\a": 1\n');
    expect(r.text).toContain('esc-key.yaml: ["\\u001b]0;pwned\\u0007"]: unknown key');
    expect(r.text).not.toMatch(/[\u001b\u0007]/);
  });
});
