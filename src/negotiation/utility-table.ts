import type { DesignPoint } from './design-family.ts';
import { NegotiationInputError } from './errors.ts';
import { checkEstimate, type Estimate } from './estimate.ts';

/**
 * What simulation hands the negotiation stage: for every design of a family, every
 * party's expected utility (with its Monte Carlo SE) when the target is of each type,
 * and the same for the outside option (no deal: sanctions stay, evasion grows).
 *
 * `utility[party][type]` is that party's expected utility if the design is signed and the
 * target is of `type`. The target party's own type is private; the others know the prior.
 */
export interface UtilityTable {
  /** Party names, e.g. ['coalition', 'target'] or ['us', 'eu', 'target']; at least two. */
  parties: string[];
  /** The party whose type is private information. */
  targetParty: string;
  /** The target's types and the prior over them (summing to 1). */
  targetTypes: { name: string; prior: number }[];
  designs: { design: DesignPoint; utility: Record<string, Record<string, Estimate>> }[];
  outsideOption: Record<string, Record<string, Estimate>>;
}

/** A finite bargaining problem: utility vectors (one entry per party), their SEs, and the disagreement point. */
export interface BargainingPoints {
  parties: string[];
  /** One per design; `utility[i]` is party i's utility. */
  points: { id: string; utility: number[]; se: number[] }[];
  disagreement: { utility: number[]; se: number[] };
}

/** Priors must sum to 1 within this. */
const PRIOR_TOLERANCE = 1e-9;

/**
 * Checks a utility table: at least one design, two parties, the target among them, a prior
 * that sums to 1, and a finite { mean, se } for every party, type and design.
 * @throws NegotiationInputError naming the entry, e.g. `table.designs` for an empty family,
 *   `table.designs[3].utility.target.opportunist.se`.
 */
export function validateUtilityTable(table: UtilityTable): UtilityTable {
  if (!table || typeof table !== 'object') throw new NegotiationInputError('table', 'is missing');
  if (!Array.isArray(table.designs) || table.designs.length === 0) {
    throw new NegotiationInputError('table.designs', 'is empty: the design family has no designs to compare');
  }
  if (!Array.isArray(table.parties) || table.parties.length < 2) throw new NegotiationInputError('table.parties', 'needs at least two parties');
  if (new Set(table.parties).size !== table.parties.length) throw new NegotiationInputError('table.parties', 'names a party twice');
  if (!table.parties.includes(table.targetParty)) {
    throw new NegotiationInputError('table.targetParty', `${JSON.stringify(table.targetParty)} is not one of the parties (${table.parties.join(', ')})`);
  }
  if (!Array.isArray(table.targetTypes) || table.targetTypes.length === 0) throw new NegotiationInputError('table.targetTypes', 'is empty: give at least one type with its prior');
  let total = 0;
  table.targetTypes.forEach((t, i) => {
    if (!(typeof t.prior === 'number' && t.prior >= 0 && t.prior <= 1)) throw new NegotiationInputError(`table.targetTypes[${i}].prior`, `${String(t.prior)} is not in [0, 1]`);
    total += t.prior;
  });
  if (Math.abs(total - 1) > PRIOR_TOLERANCE) throw new NegotiationInputError('table.targetTypes', `priors sum to ${total}; they must sum to 1`);
  const check = (field: string, byParty: Record<string, Record<string, Estimate>> | undefined): void => {
    for (const party of table.parties) {
      for (const t of table.targetTypes) checkEstimate(`${field}.${party}.${t.name}`, byParty?.[party]?.[t.name]);
    }
  };
  check('table.outsideOption', table.outsideOption);
  table.designs.forEach((d, i) => check(`table.designs[${i}].utility`, d.utility));
  return table;
}

/**
 * The bargaining problem when the target's type is known to be `type` (complete
 * information): each design's utility vector and the outside options as the disagreement point.
 * @throws NegotiationInputError for an invalid table or an unknown type.
 * @example problemForType(table, 'sincere').points[0].utility // [coalition, target]
 */
export function problemForType(table: UtilityTable, type: string): BargainingPoints {
  validateUtilityTable(table);
  if (!table.targetTypes.some((t) => t.name === type)) {
    throw new NegotiationInputError('type', `${JSON.stringify(type)} is not a target type (${table.targetTypes.map((t) => t.name).join(', ')})`);
  }
  const at = (byParty: Record<string, Record<string, Estimate>>) => ({
    utility: table.parties.map((p) => byParty[p][type].mean),
    se: table.parties.map((p) => byParty[p][type].se),
  });
  return {
    parties: [...table.parties],
    points: table.designs.map((d) => ({ id: d.design.id, ...at(d.utility) })),
    disagreement: at(table.outsideOption),
  };
}
