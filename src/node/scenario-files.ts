import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { resolveExtends } from '../scenario/extends.ts';
import { MAX_SCENARIO_CHARS, parseScenarioText, validateScenario } from '../scenario/validate.ts';
import type { Scenario } from '../scenario/schema.ts';

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

/** `file: path: message`, one per line. */
export function formatProblems(problems: FileProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n');
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
  try {
    const st = statSync(path);
    if (st.isDirectory()) return ioFailure(shown, `is a folder, not a scenario file; name a .yaml or .json file inside it`);
    // Refuse before reading: UTF-8 takes at most 4 bytes per character, so this size cannot fit the limit.
    if (st.size > 4 * MAX_SCENARIO_CHARS) {
      return invalid(shown, `is ${st.size} bytes; at most ${MAX_SCENARIO_CHARS} characters are accepted`);
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    return ioFailure(shown, describeIoError(e, 'read'));
  }
}

/** Turns a Node file-system error into a sentence that says what to do. */
export function describeIoError(e: unknown, action: 'read' | 'write'): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? 'file not found; check the path (relative paths start from the current folder)' : 'folder does not exist; create it first or choose another path';
    case 'EACCES':
    case 'EPERM':
      return `permission denied; check that you may ${action} this file`;
    case 'EISDIR':
      return action === 'read' ? 'is a folder, not a scenario file' : 'is a folder; give a file name for the output';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder; check the path';
    case 'ENOSPC':
      return 'the disk is full; free some space and try again';
    default:
      return `could not ${action} the file (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}

function ioFailure(file: string, message: string): LoadFailure {
  return { ok: false, kind: 'io', problems: [{ file, path: '(file)', message }] };
}

function invalid(file: string, message: string, path = '(file)'): LoadFailure {
  return { ok: false, kind: 'invalid', problems: [{ file, path, message }] };
}

/** Paths are shown as the user would type them: relative to the current folder when inside it. */
function displayName(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') ? rel : abs;
}

let tempCounter = 0;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the
 * same folder (so the rename stays on one file system and is atomic), is flushed to
 * disk, then renamed over the target. On any error the temporary file is removed
 * and an existing target is left untouched.
 *
 * @throws Error with a message that says what to do (the cause is kept in `cause`).
 */
export function writeFileAtomic(path: string, content: string): void {
  const target = resolve(path);
  // pid + counter is unique per process without a clock or random source.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${tempCounter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    const buf = Buffer.from(content, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw new Error(`${displayName(path)}: ${describeIoError(e, 'write')}; nothing was written`, { cause: e });
  }
}
