import { parseDocument } from 'yaml';
import { NegotiationInputError } from '../errors.ts';
import { createProtocol, type BargainingProtocol } from './protocol.ts';

/** Largest bargaining-problem text accepted, in characters. */
export const MAX_PROBLEM_CHARS = 200_000;

/**
 * Reads a bargaining problem from YAML (or JSON) text: plain data only (custom YAML tags
 * are refused), then the protocol's zod checks with every problem listed. The file system
 * is the caller's: this takes text.
 * @throws NegotiationInputError, `(file)` for unreadable text, else the field, e.g.
 *   `protocol.target.discount: 1.2 is not in (0, 1) (a discount factor per round)`.
 * @example parseBargainingProblem(readFileSync('problem.yaml', 'utf8'))
 */
export function parseBargainingProblem(text: string): BargainingProtocol {
  if (typeof text !== 'string' || text.trim() === '') throw new NegotiationInputError('(file)', 'is empty; a bargaining problem needs issues, coalition, target and deadlineRounds');
  if (text.length > MAX_PROBLEM_CHARS) throw new NegotiationInputError('(file)', `is ${text.length} characters; at most ${MAX_PROBLEM_CHARS} are accepted`);
  const doc = parseDocument(text, { uniqueKeys: true, customTags: [], logLevel: 'silent' });
  if (doc.errors.length > 0) throw new NegotiationInputError('(file)', `is not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) throw new NegotiationInputError('(file)', 'uses a YAML tag; bargaining problems are plain data');
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new NegotiationInputError('(file)', 'must be a YAML or JSON mapping');
  return createProtocol(data);
}
