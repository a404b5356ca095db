import { acceptanceByDesign, offeringValue, type Acceptance } from './acceptance.ts';
import type { Estimate } from './estimate.ts';
import { kalaiSmorodinskyBestPoint, kalaiSmorodinskyOnHull } from './kalai-smorodinsky.ts';
import { nashBestPoint, nashOnHull, type BestPoint, type FrontierPoint } from './nash.ts';
import { paretoFrontier, type ParetoResult } from './pareto.ts';
import { problemForType, validateUtilityTable, type UtilityTable } from './utility-table.ts';
import { zoneOfAgreement, type ZoneMember } from './zone.ts';

/** The bargaining picture when the target is known to be one type. */
export interface TypeAnalysis {
  type: string;
  prior: number;
  zone: ZoneMember[];
  pareto: ParetoResult;
  nash: BestPoint | null;
  kalaiSmorodinsky: BestPoint | null;
  /** On the convex hull of the designs (two parties only; null otherwise or with no agreement possible). */
  nashOnHull: FrontierPoint | null;
  kalaiSmorodinskyOnHull: FrontierPoint | null;
}

/** Everything the negotiation stage reports about a family of designs. */
export interface FamilyAnalysis {
  /** Per design: who signs it and, for each non-target party, the expected value of offering it. */
  designs: { id: string; acceptance: Acceptance; valueOfOffering: Record<string, Estimate> }[];
  byType: TypeAnalysis[];
  /** For each non-target party, the design it would rather offer not knowing the type (highest expected value; ties: lowest index). */
  bestOffer: Record<string, { index: number; id: string; value: Estimate }>;
}

/**
 * The negotiation stage on a utility table: acceptance and adverse selection per design,
 * the value of offering each design to an unknown type, and per type the zone of
 * agreement, the Pareto frontier and the Nash and Kalai-Smorodinsky solutions (the best
 * design, and for two parties the exact point on the hull).
 * @throws NegotiationInputError for an invalid table.
 */
export function analyseFamily(table: UtilityTable): FamilyAnalysis {
  validateUtilityTable(table);
  const others = table.parties.filter((p) => p !== table.targetParty);
  const accept = acceptanceByDesign(table);
  const designs = accept.map((row, i) => ({
    id: row.id,
    acceptance: row.acceptance,
    valueOfOffering: Object.fromEntries(others.map((p) => [p, offeringValue(table, i, p, row.acceptance)])),
  }));
  const bestOffer: FamilyAnalysis['bestOffer'] = {};
  for (const p of others) {
    let best = 0;
    designs.forEach((d, i) => {
      if (d.valueOfOffering[p].mean > designs[best].valueOfOffering[p].mean) best = i;
    });
    bestOffer[p] = { index: best, id: designs[best].id, value: designs[best].valueOfOffering[p] };
  }
  const two = table.parties.length === 2;
  const byType = table.targetTypes.map((t): TypeAnalysis => {
    const problem = problemForType(table, t.name);
    return {
      type: t.name,
      prior: t.prior,
      zone: zoneOfAgreement(problem),
      pareto: paretoFrontier(problem.points.map((p) => p.utility)),
      nash: nashBestPoint(problem),
      kalaiSmorodinsky: kalaiSmorodinskyBestPoint(problem),
      nashOnHull: two ? nashOnHull(problem) : null,
      kalaiSmorodinskyOnHull: two ? kalaiSmorodinskyOnHull(problem) : null,
    };
  });
  return { designs, byType, bestOffer };
}
