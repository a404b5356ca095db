import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeIoError, formatProblems, writeFileAtomic, type LoadFailure } from '../../node/scenario-files.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';

/**
 * Fails early, before a long batch, when --out cannot be written: the folder is
 * missing or the target is a folder. The write itself is still atomic.
 */
export function checkOutPath(out: string): void {
  try {
    if (!statSync(dirname(resolve(out))).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (e) {
    throw new CliFailure(`relief-lab: --out ${out}: ${describeIoError(e, 'write')}; nothing was written.`, EXIT.failure);
  }
  let isDir = false;
  try {
    isDir = statSync(resolve(out)).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (isDir) throw new CliFailure(`relief-lab: --out ${out}: is a folder; give a file name, e.g. --out ${out.replace(/\/+$/, '')}/report.txt. Nothing was written.`, EXIT.failure);
}

/** Prints to stdout, or writes the file whole or not at all and says so on stderr. */
export function emit(io: CliIo, text: string, out: string | undefined, what: string): void {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  try {
    writeFileAtomic(out, text);
  } catch (e) {
    throw new CliFailure(`relief-lab: ${e instanceof Error ? e.message : String(e)}`, EXIT.failure);
  }
  io.stderr(`relief-lab: wrote ${what} to ${out}\n`);
}

/** A scenario that did not load: every problem on its own line, then what to do. */
export function loadFailure(f: LoadFailure): CliFailure {
  // A file that cannot be read: its one line already says what to do.
  if (f.kind === 'io') return new CliFailure(formatProblems(f.problems), EXIT.failure);
  const files = [...new Set(f.problems.map((p) => p.file))].join(', ');
  const n = f.problems.length;
  const hint = `${files}: ${n} problem${n === 1 ? '' : 's'} (listed above as file: field: problem); fix them and run again. Fields and allowed values: scenarios/schema.json.`;
  return new CliFailure(`${formatProblems(f.problems)}\nrelief-lab: ${hint}`, EXIT.failure);
}
