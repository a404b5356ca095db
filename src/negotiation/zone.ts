import { Z95 } from '../montecarlo/confidence.ts';
import { NegotiationInputError } from './errors.ts';
import type { BargainingPoints } from './utility-table.ts';

/** One design inside the zone of possible agreement. */
export interface ZoneMember {
  /** Index into the problem's points. */
  index: number;
  id: string;
  /** Each party's gain over its outside option, u_i - d_i >= 0. */
  gains: number[];
  /** Each gain's z score against its Monte Carlo error (independent estimates assumed). */
  z: number[];
  /** Every party's gain is positive beyond Monte Carlo error at 95%. */
  clear: boolean;
}

/**
 * The disagreement point: each party's utility of no deal (its outside option), the
 * reference every bargaining solution measures gains from.
 */
export function disagreementPoint(problem: BargainingPoints): number[] {
  return [...problem.disagreement.utility];
}

/**
 * The zone of possible agreement: the designs every party weakly prefers to no deal
 * (u_i >= d_i for all i). Weak, as in acceptance: a party indifferent between a design and
 * no deal signs it, so the zone and acceptance agree exactly at the boundary. `clear` says
 * which designs are inside beyond Monte Carlo error.
 * @throws NegotiationInputError for a problem without points or with mismatched lengths.
 * @example zoneOfAgreement(problemForType(table, 'sincere')).map((m) => m.id)
 */
export function zoneOfAgreement(problem: BargainingPoints): ZoneMember[] {
  if (problem.points.length === 0) throw new NegotiationInputError('problem.points', 'is empty: no designs to compare');
  const n = problem.parties.length;
  const d = problem.disagreement;
  if (d.utility.length !== n) throw new NegotiationInputError('problem.disagreement.utility', `has ${d.utility.length} entries for ${n} parties`);
  const out: ZoneMember[] = [];
  problem.points.forEach((p, index) => {
    if (p.utility.length !== n) throw new NegotiationInputError(`problem.points[${index}].utility`, `has ${p.utility.length} entries for ${n} parties`);
    const gains = p.utility.map((u, i) => u - d.utility[i]);
    if (gains.some((g) => !(g >= 0))) return;
    const z = gains.map((g, i) => {
      const se = Math.hypot(p.se[i] ?? 0, d.se[i] ?? 0);
      return se === 0 ? (g === 0 ? 0 : Infinity) : g / se;
    });
    out.push({ index, id: p.id, gains, z, clear: z.every((v) => v > Z95) });
  });
  return out;
}
