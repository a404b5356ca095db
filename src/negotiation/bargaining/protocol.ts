import { z } from 'zod';
import { parameterRangeSchema, type ParameterRange } from '../design-family.ts';
import { parseOrThrow } from '../zod-problems.ts';
import { compileUtility, type CompiledUtility, type UtilitySpec } from './issues.ts';

/** The two sides of the table. */
export type Party = 'coalition' | 'target';
export const PARTIES: readonly Party[] = ['coalition', 'target'];

/** A target type: its prior probability and its utility over the issues (private: only the target knows which). */
export interface TargetTypeSpec {
  name: string;
  prior: number;
  utility: UtilitySpec;
}

/**
 * An alternating-offers bargaining protocol over one or more design parameters (issues).
 * In each round the proposer offers a value for every issue; the responder accepts, rejects
 * or walks away; either may walk away instead of proposing. Roles alternate, the first
 * proposer moving in even rounds. After a rejection the talks break down with probability
 * `breakdownProbability`; after round `deadlineRounds - 1` they end. Payoffs are discounted
 * per round: agreement x in round r (0-based) gives party i d_i^r u_i(x); talks ending at
 * round r give d_i^r times its reservation utility (a breakdown after a rejection in round
 * r ends them at r + 1, as does the deadline after the last round).
 */
export interface BargainingProtocol {
  issues: ParameterRange[];
  /**
   * `utility` is the coalition's utility of the terms; `utilityByType`, where given,
   * replaces it when the target is of that type (a deal implemented with a cheating type
   * is worth less, and no deal with a hardliner may cost more: its own reservation).
   */
  coalition: { discount: number; utility: UtilitySpec; utilityByType?: Record<string, UtilitySpec> };
  target: { discount: number; types: TargetTypeSpec[] };
  breakdownProbability: number;
  deadlineRounds: number;
  firstProposer: Party;
  /** 'private': the coalition knows only the prior over the target's type; 'complete': it knows the type. */
  information: 'private' | 'complete';
  /** The target's true type; when absent, each session draws it from the prior with its rng. */
  targetType?: string;
}

/** Longest negotiation accepted, in rounds: each round is an offer and a reply. */
export const MAX_DEADLINE_ROUNDS = 10_000;

const finite = z.number().refine(Number.isFinite, 'is not a finite number');
const discount = z.number().gt(0, 'is not in (0, 1) (a discount factor per round)').lt(1, 'is not in (0, 1) (a discount factor per round)');

const utilitySchema = z
  .object({
    issues: z.record(z.string(), z.object({ weight: z.number().min(0, 'must be >= 0').max(1, 'must be <= 1'), prefers: z.enum(['high', 'low']) }).strict()).optional(),
    tabulated: z.array(z.tuple([finite, finite])).optional(),
    reservation: finite,
  })
  .strict()
  .superRefine((u, ctx) => {
    if ((u.issues === undefined) === (u.tabulated === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either issues (weights per issue) or tabulated ([issue value, utility] points), not both or neither' });
      return;
    }
    if (u.issues) {
      const total = Object.values(u.issues).reduce((s, w) => s + w.weight, 0);
      if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['issues'], message: `weights sum to ${total}; they must sum to 1 (utilities in [0, 1])` });
    }
  });

export const protocolSchema = z
  .object({
    issues: z.array(parameterRangeSchema),
    coalition: z.object({ discount, utility: utilitySchema, utilityByType: z.record(z.string(), utilitySchema).optional() }).strict(),
    target: z
      .object({
        discount,
        types: z.array(z.object({ name: z.string().min(1, 'is empty'), prior: z.number().min(0, 'is not in [0, 1]').max(1, 'is not in [0, 1]'), utility: utilitySchema }).strict()),
      })
      .strict(),
    breakdownProbability: z.number().min(0, 'is not in [0, 1) (a breakdown probability per round)').lt(1, 'is not in [0, 1) (a breakdown probability per round)').default(0),
    deadlineRounds: z.number().int('is not a whole number').min(1, 'must be at least 1').max(MAX_DEADLINE_ROUNDS, `must be at most ${MAX_DEADLINE_ROUNDS}`),
    firstProposer: z.enum(['coalition', 'target']).default('coalition'),
    information: z.enum(['private', 'complete']).default('private'),
    targetType: z.string().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.issues.length === 0) ctx.addIssue({ code: 'custom', path: ['issues'], message: 'is empty: bargain over at least one design parameter' });
    const names = new Set<string>();
    p.issues.forEach((issue, i) => {
      if (names.has(issue.name)) ctx.addIssue({ code: 'custom', path: ['issues', i, 'name'], message: `${JSON.stringify(issue.name)} appears twice` });
      names.add(issue.name);
      if (issue.integer) ctx.addIssue({ code: 'custom', path: ['issues', i, 'integer'], message: 'whole-number issues are not supported in bargaining yet; bargain over a continuous range' });
    });
    const checkIssues = (u: { issues?: Record<string, unknown>; tabulated?: [number, number][] }, path: (string | number)[]) => {
      for (const key of Object.keys(u.issues ?? {})) {
        if (!names.has(key)) ctx.addIssue({ code: 'custom', path: [...path, 'issues', key], message: `is not an issue of this negotiation (${[...names].join(', ')})` });
      }
      if (!u.tabulated) return;
      if (p.issues.length !== 1) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tabulated'], message: `is for a negotiation over one issue; this one has ${p.issues.length}` });
        return;
      }
      const { low, high, name } = p.issues[0];
      const xs = u.tabulated.map(([x]) => x);
      if (xs.length === 0 || xs[0] !== low || xs[xs.length - 1] !== high) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tabulated'], message: `must run from ${name} = ${low} to ${name} = ${high} (the negotiated range)` });
      }
      xs.forEach((x, j) => {
        if (j > 0 && !(x > xs[j - 1])) ctx.addIssue({ code: 'custom', path: [...path, 'tabulated', j], message: `${name} = ${x} after ${xs[j - 1]}: the points must be strictly increasing` });
      });
    };
    checkIssues(p.coalition.utility, ['coalition', 'utility']);
    if (p.target.types.length === 0) ctx.addIssue({ code: 'custom', path: ['target', 'types'], message: 'is empty: give the target at least one type' });
    const typeNames = new Set<string>();
    let total = 0;
    p.target.types.forEach((t, i) => {
      if (typeNames.has(t.name)) ctx.addIssue({ code: 'custom', path: ['target', 'types', i, 'name'], message: `${JSON.stringify(t.name)} appears twice` });
      typeNames.add(t.name);
      total += t.prior;
      checkIssues(t.utility, ['target', 'types', i, 'utility']);
    });
    if (p.target.types.length > 0 && Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['target', 'types'], message: `priors sum to ${total}; they must sum to 1` });
    for (const [name, u] of Object.entries(p.coalition.utilityByType ?? {})) {
      if (!typeNames.has(name)) ctx.addIssue({ code: 'custom', path: ['coalition', 'utilityByType', name], message: `is not one of the target's types (${[...typeNames].join(', ')})` });
      checkIssues(u, ['coalition', 'utilityByType', name]);
    }
    if (p.targetType !== undefined && !typeNames.has(p.targetType)) {
      ctx.addIssue({ code: 'custom', path: ['targetType'], message: `${JSON.stringify(p.targetType)} is not one of the target's types (${[...typeNames].join(', ')})` });
    }
  });

/**
 * Checks a bargaining protocol and fills its defaults (no breakdown, the coalition proposes
 * first, private information).
 * @throws NegotiationInputError listing every problem, each naming its field, e.g.
 *   `protocol.coalition.discount: 1 is not in (0, 1) (a discount factor per round)`,
 *   `protocol.breakdownProbability: 1 is not in [0, 1)`, `protocol.issues[0].low: 0.9 is above high (0.3)`.
 * @example createProtocol({ issues: [{ name: 'share', low: 0, high: 1 }], coalition: {...}, target: {...}, deadlineRounds: 50 })
 */
export function createProtocol(input: unknown): BargainingProtocol {
  return parseOrThrow('protocol', protocolSchema, input) as BargainingProtocol;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/**
 * A protocol checked once, frozen, with its utilities compiled: sessions of it skip the
 * checks (a tournament starts thousands). Only `compileProtocol` makes one, so holding
 * one means it was validated.
 */
export class CompiledProtocol {
  private constructor(
    readonly protocol: Readonly<BargainingProtocol>,
    /** The coalition's utility when the target is of each type. */
    readonly coalitionUtility: ReadonlyMap<string, CompiledUtility>,
    /** Each target type's utility. */
    readonly typeUtility: ReadonlyMap<string, CompiledUtility>,
  ) {}

  /** @internal use compileProtocol */
  static of(input: unknown): CompiledProtocol {
    if (input instanceof CompiledProtocol) return input;
    const p = deepFreeze(createProtocol(input));
    // Types without their own coalition utility share one compiled object, so an expectation over them is that object, bit for bit.
    const shared = compileUtility(p.coalition.utility, p.issues);
    const coalition = (type: string) => (p.coalition.utilityByType?.[type] ? compileUtility(p.coalition.utilityByType[type], p.issues) : shared);
    return new CompiledProtocol(
      p,
      new Map(p.target.types.map((t) => [t.name, coalition(t.name)])),
      new Map(p.target.types.map((t) => [t.name, compileUtility(t.utility, p.issues)])),
    );
  }
}

/**
 * Checks and compiles a protocol once, for many sessions.
 * @throws NegotiationInputError as createProtocol.
 */
export function compileProtocol(input: unknown): CompiledProtocol {
  return CompiledProtocol.of(input);
}

/** Who proposes in round r. */
export function proposerAt(protocol: BargainingProtocol, round: number): Party {
  const other: Party = protocol.firstProposer === 'coalition' ? 'target' : 'coalition';
  return round % 2 === 0 ? protocol.firstProposer : other;
}

/** The other side. */
export function opponentOf(party: Party): Party {
  return party === 'coalition' ? 'target' : 'coalition';
}
