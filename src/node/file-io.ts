import { closeSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { escapeControlCharacters } from '../scenario/text-safety.ts';

/**
 * Every file the CLI reads or writes goes through here, so the rules hold for all
 * of them: reads stop at a limit whatever the file is (a regular file, a device
 * such as /dev/zero, a FIFO, a symbolic link to either), because the size a
 * device reports is 0; writes replace a regular file whole or not at all, stream
 * to a device, a FIFO or standard output, and refuse anything else rather than
 * replace it.
 */

/** The bytes of a file, or what went wrong in a sentence that says what to do. */
export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads at most `maxBytes` bytes of `path`, in chunks, and stops there: a file
 * with more is refused without reading the rest, so /dev/zero costs `maxBytes`
 * of memory and no more. A FIFO is read until its writer closes it. Never throws.
 *
 * @example
 *   const r = readFileBounded('scenarios/baseline.yaml', 8_000_000);
 *   if (!r.ok) console.error(`baseline.yaml: ${r.message}`);
 */
export function readFileBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, message: 'is a folder, not a scenario file; name a .yaml or .json file inside it' };
    if (st.isFile() && st.size > maxBytes) return { ok: false, message: tooLarge(maxBytes, `it has ${st.size}`) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        const kind = st.isFile() ? 'the file grew while being read' : `it is ${kindOf(st)}, which never ends or is far too long; reading stopped there`;
        return { ok: false, message: tooLarge(maxBytes, kind) };
      }
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, message: describeIoError(e, 'read') };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(maxBytes: number, detail: string): string {
  return `is larger than ${maxBytes} bytes, the most accepted (${detail})`;
}

/** Where `--out` sends a report. */
export type OutTarget =
  | { kind: 'stdout' }
  /** A regular file or a new name: written to a temporary file, then renamed over it. */
  | { kind: 'file'; path: string }
  /** A device, a FIFO or an alias of an open file (/dev/stdout): opened and written in place. */
  | { kind: 'stream'; path: string };

/**
 * Decides how `--out` can be written, without writing: `-` is standard output; a
 * device or a FIFO is streamed to (never replaced, which as root would put a
 * regular file where /dev/null was); a regular file or a new name in an existing
 * folder is replaced atomically (through a symbolic link, the file it points to).
 * Anything else (a folder, a socket, a block device, a link to nowhere) is refused.
 *
 * @throws Error whose message names the problem and what to do, prefixed by the path.
 */
export function outTarget(out: string): OutTarget {
  if (out === '-') return { kind: 'stdout' };
  const shown = escapeControlCharacters(out);
  const refuse = (why: string) => new Error(`${shown}: ${why}`);
  const abs = resolve(out);
  let link: Stats;
  try {
    link = lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(describeIoError(e, 'write'));
    // A new name: its folder must exist.
    try {
      if (!statSync(dirname(abs)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (e2) {
      throw refuse(describeIoError(e2, 'write'));
    }
    return { kind: 'file', path: abs };
  }
  let st: Stats;
  try {
    st = statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw refuse('is a symbolic link to a file that does not exist; remove the link or choose another path');
    throw refuse(describeIoError(e, 'write'));
  }
  if (st.isDirectory()) throw refuse(`is a folder; give a file name, e.g. --out ${shown.replace(/\/+$/, '')}/report.txt`);
  if (st.isCharacterDevice() || st.isFIFO()) return { kind: 'stream', path: abs };
  if (st.isFile()) {
    if (!link.isSymbolicLink()) return { kind: 'file', path: abs };
    // /dev/stdout, /dev/fd/N, /proc/self/fd/N name a file this process has open: write into it, never replace it.
    if (/^\/(dev|proc)\//.test(abs)) return { kind: 'stream', path: abs };
    return { kind: 'file', path: realpathSync(abs) };
  }
  throw refuse(`is ${kindOf(st)}, not a regular file; --out writes a regular file (replaced whole), a device or FIFO (written in place) or - (standard output)`);
}

function kindOf(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Writes `content` to an `--out` target (outTarget): standard output through
 * `stdout`, a regular file atomically (writeFileAtomic), a device or FIFO by
 * streaming to it.
 *
 * @throws Error with a message that says what to do and that nothing (or, for a
 *   stream, not all) was written.
 */
export function writeOutput(target: OutTarget, content: string, stdout: (text: string) => void): void {
  if (target.kind === 'stdout') return stdout(content);
  if (target.kind === 'file') return writeFileAtomic(target.path, content);
  let fd: number | undefined;
  try {
    fd = openSync(target.path, 'w');
    writeAll(fd, Buffer.from(content, 'utf8'));
  } catch (e) {
    throw new Error(`${displayName(target.path)}: ${describeIoError(e, 'write')}; the output is incomplete`, { cause: e });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

let tempCounter = 0;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the
 * same folder (so the rename stays on one file system and is atomic), is flushed to
 * disk, then renamed over the target. On any error the temporary file is removed
 * and an existing target is left untouched. Only for regular files and new names:
 * `outTarget` decides that.
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
    writeAll(fd, Buffer.from(content, 'utf8'));
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
    case 'EPIPE':
      return 'the program reading the pipe closed it';
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return 'the path contains a character a file name cannot have (such as a NUL byte); check the path';
    case 'ENAMETOOLONG':
      return 'the path is too long; check it';
    case 'ELOOP':
      return 'the path has a loop of symbolic links; check it';
    default:
      return `could not ${action} the file (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}

/** Paths are shown as the user would type them: relative to the current folder when inside it, control characters escaped. */
export function displayName(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return escapeControlCharacters(rel !== '' && !rel.startsWith('..') ? rel : abs);
}
