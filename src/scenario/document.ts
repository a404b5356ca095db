import { isMap, isScalar, isSeq, Lexer, type Document, type LineCounter } from 'yaml';
import { escapeControlCharacters } from './text-safety.ts';

/**
 * The shape rules every scenario document obeys before the schema looks at it,
 * whatever it came from (a file, a share link, a saved design, a classroom
 * message): a bounded number of keys, bounded nesting, unique keys (checked in
 * linear time) and no key that would change an object's prototype. Each rule
 * names the path and the limit, so the message says what to change.
 */

/** Most mapping keys a document may hold. The largest shipped scenario has about 400. */
export const MAX_DOCUMENT_KEYS = 20_000;

/** Deepest nesting of mappings and lists. Scenarios nest about 6 levels deep. */
export const MAX_NESTING_DEPTH = 64;

/**
 * Keys refused everywhere: assigned on a plain object, `__proto__` replaces its
 * prototype, so a hidden value would be read through inheritance and never be
 * reported as unknown.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__'];

/** One problem with a document's shape: where (a field path, or "(file)") and what. */
export interface ShapeProblem {
  path: string;
  message: string;
}

const TOO_MANY_KEYS = `has more than ${MAX_DOCUMENT_KEYS} keys; a scenario has a few hundred, so this is not one (at most ${MAX_DOCUMENT_KEYS} are accepted)`;
const TOO_DEEP = `nests lists and mappings more than ${MAX_NESTING_DEPTH} levels deep; at most ${MAX_NESTING_DEPTH} are accepted`;

/** The message for nesting too deep for the parser itself (it stops with a stack overflow). */
export const NESTING_TOO_DEEP = TOO_DEEP;

/** A field path as the validator prints it: `design.tranches[0].lifts`, control characters escaped. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(scenario)';
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const key = String(p);
      // An empty key, or one with spaces, dots or brackets, would make the path ambiguous: quote it.
      if (key === '' || /[\s.[\]"]/.test(key)) return `[${escapeControlCharacters(JSON.stringify(key))}]`;
      return i === 0 ? escapeControlCharacters(key) : `.${escapeControlCharacters(key)}`;
    })
    .join('');
}

const forbiddenMessage = (key: string) =>
  `the key ${JSON.stringify(key)} is not allowed in a scenario (it would change how the object behaves, not add a field); remove it`;

/** Texts longer than this are checked by the lexer before they are parsed (64 KiB: about 20,000 keys of the shortest form). */
const LEXICAL_CHECK_CHARS = 64 * 1024;

/**
 * The limits checked from the lexer alone, before anything is built, so a
 * document far over them is refused in a fraction of the time a parse takes:
 * - keys: the value (`:`) and explicit-key (`?`) indicators, one per key that has
 *   either, so the count never exceeds the real number of keys (flow-mapping keys
 *   without a value, `{ a, b }`, have neither; checkDocumentNodes counts them);
 * - flow nesting (`[[[[...`), which would otherwise overflow the parser's stack.
 *   Block nesting needs a line per level, indented, so the size limit bounds it.
 *
 * @example
 *   lexicalLimits('a: 1\nb: [2, 3]\n') // undefined
 */
export function lexicalLimits(text: string): ShapeProblem | undefined {
  // A short text cannot hold many more keys than the limit, and parsing it costs little: the parse checks it.
  if (text.length <= LEXICAL_CHECK_CHARS) return undefined;
  let keys = 0;
  let flowDepth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === ':' || token === '?') {
      if (++keys > MAX_DOCUMENT_KEYS) return { path: '(file)', message: TOO_MANY_KEYS };
    } else if (token === '[' || token === '{') {
      if (++flowDepth > MAX_NESTING_DEPTH) return { path: '(file)', message: TOO_DEEP };
    } else if (token === ']' || token === '}') {
      flowDepth = Math.max(0, flowDepth - 1);
    }
  }
  return undefined;
}

/**
 * Checks a parsed YAML document before it becomes plain data: duplicate keys
 * (one Set per mapping, so linear in the number of keys, where the parser's
 * own check is quadratic), the key count, the nesting depth, forbidden keys and
 * keys that are not plain text. Returns the first problem, or undefined.
 * Aliases are not followed here; `toJS({ maxAliasCount })` bounds them.
 *
 * @example
 *   const doc = parseDocument(text, { uniqueKeys: false, lineCounter });
 *   const p = checkDocumentNodes(doc, lineCounter); // { path: 'metadata', message: 'appears twice ...' }
 */
export function checkDocumentNodes(doc: Document, lines?: LineCounter): ShapeProblem | undefined {
  let keys = 0;
  // An explicit stack, not recursion: the depth is what is being checked.
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_NESTING_DEPTH) return { path: fieldPath(path.slice(0, MAX_NESTING_DEPTH)), message: TOO_DEEP };
    if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    } else if (isMap(node)) {
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        if (++keys > MAX_DOCUMENT_KEYS) return { path: '(file)', message: TOO_MANY_KEYS };
        const k = pair.key;
        if (!(isScalar(k) && ['string', 'number', 'boolean'].includes(typeof k.value)) && !(isScalar(k) && k.value === null)) {
          return { path: fieldPath(path), message: 'has a key that is a list, a mapping or an alias; keys in a scenario are plain names' };
        }
        // The key as plain data will have it: 1 and "1" are the same key there.
        const name = String(k.value);
        const where = k.range?.[0];
        if (seen.has(name)) {
          const lineOf = (offset: number | undefined) => (lines && offset !== undefined ? lines.linePos(offset).line : undefined);
          const first = lineOf(seen.get(name));
          const second = lineOf(where);
          const lineNote = first !== undefined && second !== undefined ? ` (lines ${first} and ${second})` : '';
          return { path: fieldPath([...path, name]), message: `appears twice in the same mapping${lineNote}; keys must be unique` };
        }
        seen.set(name, where);
        if (FORBIDDEN_KEYS.includes(name)) return { path: fieldPath([...path, name]), message: forbiddenMessage(name) };
        stack.push({ node: pair.value, path: [...path, name] });
      }
    }
    // Scalars and aliases are leaves.
  }
  return undefined;
}

/**
 * The same rules for data that is already plain (built by the web editor,
 * merged through `extends`, received as JSON): key count, nesting and
 * forbidden keys, reported by path. Returns every forbidden key, or the first
 * limit exceeded.
 *
 * @example
 *   checkPlainData(JSON.parse('{"coalition": {"__proto__": {}}}'))
 *   // [{ path: 'coalition.__proto__', message: 'the key "__proto__" is not allowed ...' }]
 */
export function checkPlainData(data: unknown): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  let keys = 0;
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: data, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length > MAX_NESTING_DEPTH) return [{ path: fieldPath(path.slice(0, MAX_NESTING_DEPTH)), message: TOO_DEEP }];
    // A shared object (a YAML alias) is checked once; a cycle cannot come from text but could from code.
    if (seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const k of Object.keys(value)) {
      if (++keys > MAX_DOCUMENT_KEYS) return [{ path: '(file)', message: TOO_MANY_KEYS }];
      if (FORBIDDEN_KEYS.includes(k)) problems.push({ path: fieldPath([...path, k]), message: forbiddenMessage(k) });
      else stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Sets `key` on `target` as an own data property, whatever the key is: plain
 * assignment of `__proto__` would replace the object's prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
