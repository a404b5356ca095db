import type { z } from 'zod';
import { NegotiationInputError } from './errors.ts';

/** `root.a[1].b` from a zod issue path. */
function pathString(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), root);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (Array.isArray(v)) return 'a list';
  return v === null ? 'null' : 'a mapping';
}

/** Every zod issue as `{ field, message }`, the field rooted at `root` and the message saying what was given. */
export function zodProblems(root: string, error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const field = pathString(root, issue.path);
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_type' && input === undefined) return { field, message: `is missing (expected ${issue.expected})` };
    if (issue.code === 'invalid_type') return { field, message: `expected ${issue.expected}, got ${show(input)}` };
    if (issue.code === 'unrecognized_keys') return { field, message: `unknown key(s) ${issue.keys.join(', ')}` };
    if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return { field, message: `${show(input)} ${issue.message}` };
    return { field, message: issue.message };
  });
}

/** Parses `input` with `schema` or throws a NegotiationInputError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(root: string, schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return r.data;
  throw new NegotiationInputError(zodProblems(root, r.error));
}
