import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import { checkDocumentNodes, checkPlainData, fieldPath, lexicalLimits, NESTING_TOO_DEEP } from './document.ts';
import { textEncodingProblem } from './encoding.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { escapeControlCharacters } from './text-safety.ts';

/** One validation problem: where, what was there, what is allowed. */
export interface ScenarioError {
  path: string;
  message: string;
}

export type Validation = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Largest scenario text accepted, in characters: scenarios are small; a huge file is a mistake. */
export const MAX_SCENARIO_CHARS = 2_000_000;

/**
 * Parses scenario text (YAML, of which JSON is a subset) into plain data. Never
 * evaluates anything: YAML custom tags are refused. The document rules of
 * document.ts apply before the data is built: at most MAX_DOCUMENT_KEYS keys,
 * MAX_NESTING_DEPTH levels, unique keys (checked in linear time), no `__proto__`.
 */
export function parseScenarioText(text: string): { ok: true; data: unknown } | { ok: false; errors: ScenarioError[] } {
  if (text.length > MAX_SCENARIO_CHARS) {
    return { ok: false, errors: [{ path: '(file)', message: `is ${text.length} characters; at most ${MAX_SCENARIO_CHARS} are accepted` }] };
  }
  if (text.trim() === '') return { ok: false, errors: [{ path: '(file)', message: 'is empty; a scenario needs at least metadata, coalition and design' }] };
  const encoding = textEncodingProblem(text);
  if (encoding) return { ok: false, errors: [{ path: '(file)', message: encoding }] };
  try {
    const limit = lexicalLimits(text);
    if (limit) return { ok: false, errors: [limit] };
    const lineCounter = new LineCounter();
    // logLevel 'silent': problems come back as values to report, never as process warnings.
    // uniqueKeys false: the parser's own check compares every key with every other
    // (quadratic); checkDocumentNodes does it with one set per mapping.
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, customTags: [], logLevel: 'silent', lineCounter });
    if (doc.errors.length > 0) throw doc.errors[0];
    // An unknown tag (!include, !!js/function) would silently become a string: refuse it instead.
    const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag) return { ok: false, errors: [{ path: '(file)', message: `${escapeControlCharacters(firstLine(tag.message))}; scenario files are plain data, so YAML tags other than the standard ones are not accepted` }] };
    const shape = checkDocumentNodes(doc, lineCounter);
    if (shape) return { ok: false, errors: [shape] };
    const data = doc.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return { ok: false, errors: [{ path: '(file)', message: 'has only comments or blank lines; a scenario needs at least metadata, coalition and design' }] };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, errors: [{ path: '(file)', message: `must be a YAML or JSON mapping (object), got ${describeDocument(data)}` }] };
    }
    return { ok: true, data };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // The parser builds nested lists and mappings by recursion, so very deep nesting stops it with a stack overflow.
    if (e instanceof RangeError || /Maximum call stack size exceeded/.test(message)) return { ok: false, errors: [{ path: '(file)', message: NESTING_TOO_DEEP }] };
    return { ok: false, errors: [{ path: '(file)', message: `is not valid YAML or JSON: ${escapeControlCharacters(firstLine(message))}` }] };
  }
}

/**
 * What a whole document is when it is not a mapping, without quoting it: a file
 * that is not a scenario (a password file behind a symbolic link) must not have
 * its content echoed in an error message.
 */
function describeDocument(v: unknown): string {
  if (typeof v === 'string') return `text (${v.length} characters) rather than a mapping of fields; is this the right file?`;
  return describe(v);
}

/** The parser's first line names the problem and its position; the code frame after it is dropped. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '');
}

/** Validates parsed data against the schema, reporting every problem at once. */
export function validateScenario(data: unknown): Validation {
  // The document rules first: a forbidden key would be dropped silently by the schema's records.
  const shape = checkPlainData(data);
  if (shape.some((p) => p.path === '(file)' || !/"__proto__"/.test(p.message))) return { ok: false, errors: shape };
  const r = scenarioSchema.safeParse(data, { reportInput: true });
  if (r.success && shape.length === 0) return { ok: true, scenario: r.data };
  const forbidden = new Set(shape.map((p) => p.path));
  const errors = r.success ? [] : r.error.issues.flatMap((i) => formatIssue(i)).filter((e) => !forbidden.has(e.path));
  return { ok: false, errors: dedupe([...shape, ...errors]).map(oneLine) };
}

/** A problem on one line: a refinement's message may quote ids or names from the file, control characters and all. */
function oneLine(e: ScenarioError): ScenarioError {
  return { path: escapeControlCharacters(e.path), message: escapeControlCharacters(e.message) };
}

/** Parse and validate in one step. */
export function readScenario(text: string): Validation {
  const p = parseScenarioText(text);
  return p.ok ? validateScenario(p.data) : p;
}

export function formatErrors(errors: ScenarioError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

const pathString = fieldPath;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${quote(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}

function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return quote(v);
  return describe(v);
}

/** A value in quotes, on one line, with every control character escaped (JSON alone leaves C1 and bidi controls). */
function quote(v: string): string {
  return escapeControlCharacters(JSON.stringify(v));
}

function formatIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): ScenarioError[] {
  const path = [...prefix, ...issue.path];
  const at = pathString(path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return [{ path: at, message: `is missing (expected ${expectedName(issue.expected)})` }];
      // zod reports a fractional number given to .int() as a type error; say what is wrong with the value.
      if (issue.expected === 'int' && typeof input === 'number') return [{ path: at, message: `${show(input)} is not a whole number` }];
      if (typeof input === 'number' && !Number.isFinite(input)) return [{ path: at, message: `${input} is not allowed; give a finite number` }];
      return [{ path: at, message: `expected ${expectedName(issue.expected)}, got ${describe(input)}` }];
    case 'too_big':
    case 'too_small':
      if (issue.origin === 'number') return [{ path: at, message: `${show(input)} ${issue.message}` }];
      return [{ path: at, message: `has ${sizeOf(input)} item(s); ${issue.message}` }];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: pathString([...path, k]), message: `unknown key (check the spelling; ${allowedKeys(path)})` }));
    case 'invalid_value':
      return [{ path: at, message: `${show(input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'invalid_union': {
      // Report the branch that got furthest: the one with the fewest problems.
      const branches = issue.errors.map((errs) => errs.flatMap((e) => formatIssue(e, path)));
      const typeOnly = branches.every((b) => b.length === 1 && b[0].message.startsWith('expected'));
      if (typeOnly) return [{ path: at, message: `${describe(input)} is not allowed here (a number, or { uniform: [low, high] })` }];
      const best = branches.filter((b) => !(b.length === 1 && b[0].message.startsWith('expected'))).sort((a, b) => a.length - b.length)[0];
      return best ?? [{ path: at, message: issue.message }];
    }
    case 'invalid_format':
    case 'custom':
    default:
      if (issue.code === 'custom' || input === undefined || typeof input === 'object') return [{ path: at, message: issue.message }];
      return [{ path: at, message: `${show(input)} ${issue.message}` }];
  }
}

/** zod's type names in the words of a scenario file's author. */
function expectedName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'tuple':
      return 'a list of two numbers [low, high]';
    case 'int':
      return 'a whole number';
    default:
      return expected;
  }
}

function sizeOf(v: unknown): number {
  return Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : 0;
}

/** The keys the schema allows at a path, so an unknown key's message says what was meant. */
function allowedKeys(path: readonly PropertyKey[]): string {
  let node: any = scenarioSchema;
  for (const p of path) {
    node = objectBranch(unwrap(node));
    if (node?._zod?.def?.type === 'object') node = node._zod.def.shape[p as string];
    else if (node?._zod?.def?.type === 'array') node = node._zod.def.element;
    else return 'see scenarios/schema.json';
  }
  node = objectBranch(unwrap(node));
  const shape = node?._zod?.def?.shape;
  return shape ? `allowed: ${Object.keys(shape).join(', ')}` : 'see scenarios/schema.json';
}

/** In a union (a number or { uniform: [low, high] }), the branch that is a mapping. */
function objectBranch(node: any): any {
  if (node?._zod?.def?.type !== 'union') return node;
  return node._zod.def.options.map(unwrap).find((o: any) => o?._zod?.def?.type === 'object') ?? node;
}

function unwrap(node: any): any {
  while (node?._zod?.def && ['default', 'prefault', 'optional', 'pipe', 'nullable'].includes(node._zod.def.type)) {
    node = node._zod.def.innerType ?? node._zod.def.in;
  }
  return node;
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
