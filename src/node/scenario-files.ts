import { basename, dirname, extname, resolve } from 'node:path';
import { decodeScenarioBytes } from '../scenario/encoding.ts';
import { resolveExtends } from '../scenario/extends.ts';
import { escapeControlCharacters } from '../scenario/text-safety.ts';
import { MAX_SCENARIO_CHARS, parseScenarioText, validateScenario } from '../scenario/validate.ts';
import type { Scenario } from '../scenario/schema.ts';
import { describeIoError, displayName, readFileBounded } from './file-io.ts';

export { describeIoError, writeFileAtomic } from './file-io.ts';

/** Most bytes read of a scenario file: UTF-8 takes at most 4 bytes per character, so more cannot fit MAX_SCENARIO_CHARS. */
export const MAX_SCENARIO_BYTES = 4 * MAX_SCENARIO_CHARS;

/**
 * The file-system side of scenarios: read a file, follow its `extends` chain
 * relative to the file, validate the merged result. The merge itself is pure
 * (src/scenario/extends.ts) so the browser gallery can do the same with fetch.
 */

/** One problem in one file: `file: path: message` when printed. */
export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

/** `io`: the file could not be read at all; `invalid`: it was read but is not a valid scenario. */
export type LoadFailure = { ok: false; kind: 'io' | 'invalid'; problems: FileProblem[] };
export type LoadResult = { ok: true; scenario: Scenario; file: string } | LoadFailure;

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Loads, resolves `extends` and validates a scenario file. Never throws for a bad
 * file: every problem comes back with the file it was found in.
 *
 * @example
 *   const r = loadScenarioFile('scenarios/escrow.yaml');
 *   if (!r.ok) console.error(formatProblems(r.problems));
 */
export function loadScenarioFile(file: string): LoadResult {
  const shown = displayName(file);
  const top = readScenarioData(resolve(file), shown);
  if (!top.ok) return top;
  let merged: Record<string, unknown>;
  try {
    merged = resolveExtends(top.data, resolve(file), extendsLookup(resolve(file)));
  } catch (e) {
    if (e instanceof ExtendsFailure) return e.failure;
    // resolveExtends' own messages read `extends: <problem>`; the field goes in the path.
    const message = e instanceof Error ? e.message : String(e);
    return invalid(shown, message.replace(/^extends: /, ''), message.startsWith('extends: ') ? 'extends' : '(file)');
  }
  const v = validateScenario(merged);
  if (!v.ok) return { ok: false, kind: 'invalid', problems: v.errors.map((err) => ({ file: shown, ...err })) };
  return { ok: true, scenario: v.scenario, file: shown };
}

/** `file: path: message`, one per line; control characters from a file's keys or values are shown escaped. */
export function formatProblems(problems: FileProblem[]): string {
  return problems.map((p) => escapeControlCharacters(`${p.file}: ${p.path}: ${p.message}`)).join('\n');
}

class ExtendsFailure extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.problems.map((p) => p.message).join('; '));
  }
}

/**
 * Resolves each `extends` relative to the file that names it. The chain is kept so a
 * cycle is named as such (a.yaml -> b.yaml -> a.yaml) rather than as a depth limit.
 */
function extendsLookup(topFile: string) {
  const chain = [topFile];
  return (ref: string, from: string) => {
    const fromShown = displayName(from);
    if (!SCENARIO_EXTENSIONS.includes(extname(ref).toLowerCase())) {
      throw new ExtendsFailure(invalid(fromShown, `${JSON.stringify(ref)} must name a .yaml, .yml or .json scenario file`, 'extends'));
    }
    const target = resolve(dirname(from), ref);
    if (chain.includes(target)) {
      const names = [...chain, target].map((f) => basename(f)).join(' -> ');
      throw new ExtendsFailure(invalid(fromShown, `cycle: ${names}; a scenario cannot extend itself`, 'extends'));
    }
    chain.push(target);
    const r = readScenarioData(target, displayName(target));
    if (!r.ok && r.kind === 'io') {
      // A base that cannot be read is a problem of the file that names it.
      const why = r.problems.map((p) => p.message.replace(/; check the path.*$/, '')).join('; ');
      const message = `${JSON.stringify(ref)}: ${why} (looked for ${displayName(target)}; extends paths are relative to the file that names them)`;
      throw new ExtendsFailure({ ok: false, kind: 'io', problems: [{ file: fromShown, path: 'extends', message }] });
    }
    if (!r.ok) throw new ExtendsFailure(r);
    return { name: target, data: r.data };
  };
}

type DataResult = { ok: true; data: Record<string, unknown> } | LoadFailure;

function readScenarioData(path: string, shown: string): DataResult {
  const text = readText(path, shown);
  if (typeof text !== 'string') return text;
  const p = parseScenarioText(text);
  if (!p.ok) return { ok: false, kind: 'invalid', problems: p.errors.map((e) => ({ file: shown, ...e })) };
  return { ok: true, data: p.data as Record<string, unknown> };
}

function readText(path: string, shown: string): string | LoadFailure {
  const r = readFileBounded(path, MAX_SCENARIO_BYTES);
  if (!r.ok) return /^is larger than/.test(r.message) ? invalid(shown, r.message) : ioFailure(shown, r.message);
  const d = decodeScenarioBytes(r.bytes);
  return d.ok ? d.text : invalid(shown, d.message);
}

function ioFailure(file: string, message: string): LoadFailure {
  return { ok: false, kind: 'io', problems: [{ file, path: '(file)', message }] };
}

function invalid(file: string, message: string, path = '(file)'): LoadFailure {
  return { ok: false, kind: 'invalid', problems: [{ file, path, message }] };
}
