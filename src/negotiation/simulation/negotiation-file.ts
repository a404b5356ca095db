import { parseDocument } from 'yaml';
import { z } from 'zod';
import { NegotiationInputError } from '../errors.ts';
import { parseOrThrow } from '../zod-problems.ts';
import { MAX_RUNS_PER_DESIGN } from './simulate-family.ts';

/** Largest negotiation file accepted, in characters. */
export const MAX_NEGOTIATION_FILE_CHARS = 200_000;

const weights = z.record(z.string(), z.number());
const discount = z.number().gt(0, 'is not in (0, 1) (a discount factor per round)').lt(1, 'is not in (0, 1) (a discount factor per round)');

/**
 * The negotiation file (`relief-lab negotiate <file>`, YAML or JSON): a base scenario, a
 * family of designs over it, the runs per design, each party's weights, the no-deal world,
 * and optionally a bargaining run. Fields, defaults and ranges: docs/negotiation.md.
 */
export const negotiationFileSchema = z
  .object({
    name: z.string().min(1, 'is empty').default('negotiation'),
    description: z.string().default(''),
    scenario: z.string().min(1, 'is empty; name the base scenario file, relative to this file'),
    family: z.unknown(),
    runsPerDesign: z.number().int('is not a whole number').min(2, `is not in [2, ${MAX_RUNS_PER_DESIGN}]`).max(MAX_RUNS_PER_DESIGN, `is not in [2, ${MAX_RUNS_PER_DESIGN}]`).default(200),
    masterSeed: z.number().int('is not a whole number').min(0, 'is not in [0, 2^53)').max(Number.MAX_SAFE_INTEGER, 'is not in [0, 2^53)').default(1),
    utility: z.object({ coalition: weights.optional(), target: weights.optional(), members: z.record(z.string(), weights).optional() }).strict().default({}),
    noDeal: z.object({ levers: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])).default({}) }).strict().default({ levers: {} }),
    bargaining: z
      .object({
        parameter: z.string().min(1, 'is empty'),
        at: z.record(z.string(), z.number()).optional(),
        discount: z.object({ coalition: discount, target: discount }).strict(),
        deadlineRounds: z.number().int('is not a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(20),
        breakdownProbability: z.number().min(0, 'is not in [0, 1)').lt(1, 'is not in [0, 1)').default(0),
        firstProposer: z.enum(['coalition', 'target']).default('coalition'),
        information: z.enum(['private', 'complete']).default('private'),
        coalition: z.string().default('subgame-perfect'),
        target: z.string().default('subgame-perfect'),
        sessions: z.number().int('is not a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(200),
        seed: z.number().int('is not a whole number').min(0, 'is not in [0, 2^53)').max(Number.MAX_SAFE_INTEGER, 'is not in [0, 2^53)').default(1),
        implementDesigns: z.number().int('is not a whole number').min(0, 'must be at least 0').max(50, 'must be at most 50').default(6),
      })
      .strict()
      .optional(),
  })
  .strict();

export type NegotiationFile = z.output<typeof negotiationFileSchema>;

/**
 * Reads a negotiation file from YAML or JSON text (plain data: YAML tags refused) and
 * checks it; the family and weights are checked against the scenario later (simulateFamily).
 * @throws NegotiationInputError listing every problem, e.g. `negotiation.bargaining.discount.target: 1.2 is not in (0, 1) ...`.
 */
export function parseNegotiationFile(text: string): NegotiationFile {
  if (typeof text !== 'string' || text.trim() === '') throw new NegotiationInputError('(file)', 'is empty; a negotiation file needs a scenario and a family');
  if (text.length > MAX_NEGOTIATION_FILE_CHARS) throw new NegotiationInputError('(file)', `is ${text.length} characters; at most ${MAX_NEGOTIATION_FILE_CHARS} are accepted`);
  const doc = parseDocument(text, { uniqueKeys: true, customTags: [], logLevel: 'silent' });
  if (doc.errors.length > 0) throw new NegotiationInputError('(file)', `is not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) throw new NegotiationInputError('(file)', 'uses a YAML tag; negotiation files are plain data');
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new NegotiationInputError('(file)', 'must be a YAML or JSON mapping');
  return parseOrThrow('negotiation', negotiationFileSchema, data);
}
