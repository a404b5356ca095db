import { z } from 'zod';
import { parseDocument } from 'yaml';
import { scenarioSchema, type Scenario } from './schema.ts';

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
 * evaluates anything: YAML custom tags are refused.
 */
export function parseScenarioText(text: string): { ok: true; data: unknown } | { ok: false; errors: ScenarioError[] } {
  if (text.length > MAX_SCENARIO_CHARS) {
    return { ok: false, errors: [{ path: '(file)', message: `is ${text.length} characters; at most ${MAX_SCENARIO_CHARS} are accepted` }] };
  }
  if (text.trim() === '') return { ok: false, errors: [{ path: '(file)', message: 'is empty; a scenario needs at least metadata, coalition and design' }] };
  try {
    // logLevel 'silent': problems come back as values to report, never as process warnings.
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, customTags: [], logLevel: 'silent' });
    if (doc.errors.length > 0) throw doc.errors[0];
    // An unknown tag (!include, !!js/function) would silently become a string: refuse it instead.
    const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag) return { ok: false, errors: [{ path: '(file)', message: `${firstLine(tag.message)}; scenario files are plain data, so YAML tags other than the standard ones are not accepted` }] };
    const data = doc.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return { ok: false, errors: [{ path: '(file)', message: 'has only comments or blank lines; a scenario needs at least metadata, coalition and design' }] };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, errors: [{ path: '(file)', message: `must be a YAML or JSON mapping (object), got ${describe(data)}` }] };
    }
    return { ok: true, data };
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `is not valid YAML or JSON: ${e instanceof Error ? firstLine(e.message) : String(e)}` }] };
  }
}

/** The parser's first line names the problem and its position; the code frame after it is dropped. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '');
}

/** Validates parsed data against the schema, reporting every problem at once. */
export function validateScenario(data: unknown): Validation {
  const r = scenarioSchema.safeParse(data, { reportInput: true });
  if (r.success) return { ok: true, scenario: r.data };
  const errors = r.error.issues.flatMap((i) => formatIssue(i));
  return { ok: false, errors: dedupe(errors) };
}

/** Parse and validate in one step. */
export function readScenario(text: string): Validation {
  const p = parseScenarioText(text);
  return p.ok ? validateScenario(p.data) : p;
}

export function formatErrors(errors: ScenarioError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

function pathString(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(scenario)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}

function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return describe(v);
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
