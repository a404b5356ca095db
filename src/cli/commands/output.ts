import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { formatProblems, type LoadFailure } from '../../node/scenario-files.ts';
import { outTarget, writeOutput, type OutTarget } from '../../node/file-io.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';

/**
 * Fails early, before a long batch, when --out cannot be written: the folder is
 * missing, the target is a folder, a socket or anything else that is neither a
 * regular file, a device, a FIFO nor `-`. The write itself is checked again.
 */
export function checkOutPath(out: string): void {
  target(out);
}

function target(out: string): OutTarget {
  try {
    return outTarget(out);
  } catch (e) {
    throw new CliFailure(`relief-lab: --out ${(e as Error).message}; nothing was written.`, EXIT.failure);
  }
}

/**
 * Prints to stdout (no --out, or --out -), or writes the report to the target:
 * a regular file whole or not at all, a device or FIFO by streaming; then says so
 * on stderr.
 */
export function emit(io: CliIo, text: string, out: string | undefined, what: string): void {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  const t = target(out);
  try {
    writeOutput(t, text, io.stdout);
  } catch (e) {
    throw new CliFailure(`relief-lab: ${e instanceof Error ? e.message : String(e)}`, EXIT.failure);
  }
  if (t.kind !== 'stdout') io.stderr(`relief-lab: wrote ${what} to ${escapeControlCharacters(out)}\n`);
}

/** A scenario that did not load: every problem on its own line, then what to do. */
export function loadFailure(f: LoadFailure): CliFailure {
  // A file that cannot be read: its one line already says what to do.
  if (f.kind === 'io') return new CliFailure(formatProblems(f.problems), EXIT.failure);
  const files = [...new Set(f.problems.map((p) => escapeControlCharacters(p.file)))].join(', ');
  const n = f.problems.length;
  const hint = `${files}: ${n} problem${n === 1 ? '' : 's'} (listed above as file: field: problem); fix them and run again. Fields and allowed values: scenarios/schema.json.`;
  return new CliFailure(`${formatProblems(f.problems)}\nrelief-lab: ${hint}`, EXIT.failure);
}
