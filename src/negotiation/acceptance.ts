import { Z95 } from '../montecarlo/confidence.ts';
import { NegotiationInputError } from './errors.ts';
import { checkEstimate, zScore, type Estimate } from './estimate.ts';
import { validateUtilityTable, type UtilityTable } from './utility-table.ts';

/** One target type facing one design. */
export interface TypeDecision {
  type: string;
  prior: number;
  utility: Estimate;
  outsideOption: Estimate;
  /** utility - outsideOption: the type signs iff this is >= 0. */
  margin: number;
  /** The margin's z score against Monte Carlo error. */
  z: number;
  signs: boolean;
  /** The decision holds beyond Monte Carlo error at 95% (|z| > 1.96, or exact values). */
  clear: boolean;
}

/** Who signs one design, and what the coalition learns when it is signed. */
export interface Acceptance {
  byType: TypeDecision[];
  /** P(signed) under the prior: the prior mass of the types that sign. */
  signingProbability: number;
  /** P(signed) if every unclear decision went against signing, and if every one went for it. */
  signingProbabilityRange: [number, number];
  /**
   * The type mix among signers, prior restricted to them and renormalised (Bayes: the
   * coalition's belief at signing, which implementation starts from). Null if nobody signs.
   */
  signersMix: Record<string, number> | null;
  /** signersMix[type] / prior[type]: above 1, the design attracts that type (adverse selection when it is a cheating type). */
  selection: Record<string, number> | null;
}

/**
 * Which target types sign a design: a type signs iff its expected utility of the design is
 * at least its outside option (indifference signs, so the decision flips exactly where the
 * utility crosses the outside option). Returns P(signed) under the prior and the type mix
 * among signers.
 * @param types each type's prior, expected utility of the design and outside option
 * @throws NegotiationInputError for no types, a prior outside [0, 1] or not summing to 1, a bad estimate.
 * @example acceptance([{ type: 'sincere', prior: 0.6, utility: { mean: 2, se: 0 }, outsideOption: { mean: 1, se: 0 } },
 *                      { type: 'hardliner', prior: 0.4, utility: { mean: 0, se: 0 }, outsideOption: { mean: 1, se: 0 } }]).signingProbability // 0.6
 */
export function acceptance(types: { type: string; prior: number; utility: Estimate; outsideOption: Estimate }[]): Acceptance {
  if (!Array.isArray(types) || types.length === 0) throw new NegotiationInputError('types', 'is empty: give at least one target type');
  let total = 0;
  const byType = types.map((t, i): TypeDecision => {
    if (!(typeof t.prior === 'number' && t.prior >= 0 && t.prior <= 1)) throw new NegotiationInputError(`types[${i}].prior`, `${String(t.prior)} is not in [0, 1]`);
    total += t.prior;
    const utility = checkEstimate(`types[${i}].utility`, t.utility);
    const outsideOption = checkEstimate(`types[${i}].outsideOption`, t.outsideOption);
    const margin = utility.mean - outsideOption.mean;
    const z = zScore(utility, outsideOption);
    const signs = margin >= 0;
    return { type: t.type, prior: t.prior, utility, outsideOption, margin, z, signs, clear: Math.abs(z) > Z95 };
  });
  if (Math.abs(total - 1) > 1e-9) throw new NegotiationInputError('types', `priors sum to ${total}; they must sum to 1`);
  const mass = (pred: (d: TypeDecision) => boolean) => byType.filter(pred).reduce((s, d) => s + d.prior, 0);
  const signingProbability = mass((d) => d.signs);
  const signingProbabilityRange: [number, number] = [mass((d) => d.signs && d.clear), mass((d) => d.signs || !d.clear)];
  if (signingProbability === 0) return { byType, signingProbability, signingProbabilityRange, signersMix: null, selection: null };
  const signersMix: Record<string, number> = {};
  const selection: Record<string, number> = {};
  for (const d of byType) {
    signersMix[d.type] = d.signs ? d.prior / signingProbability : 0;
    selection[d.type] = d.prior > 0 ? signersMix[d.type] / d.prior : 0;
  }
  return { byType, signingProbability, signingProbabilityRange, signersMix, selection };
}

/**
 * Acceptance of every design of a utility table by the target party's types.
 * @throws NegotiationInputError for an invalid table.
 */
export function acceptanceByDesign(table: UtilityTable): { id: string; acceptance: Acceptance }[] {
  validateUtilityTable(table);
  return table.designs.map((d, i) => ({ id: d.design.id, acceptance: acceptanceOf(table, i) }));
}

/**
 * A non-target party's expected utility of offering a design, before knowing the type:
 * sum over types of prior x (its utility of the signed design if that type signs, its
 * outside option if not). This is where adverse selection costs: a lenient design signed
 * only by cheating types is worth what implementation with them is worth. The SE combines
 * the per-type SEs as independent, with the signing decisions taken as given.
 * @throws NegotiationInputError for an invalid table, an unknown party or design index.
 */
export function valueOfOffering(table: UtilityTable, designIndex: number, party: string): Estimate {
  validateUtilityTable(table);
  if (!table.parties.includes(party) || party === table.targetParty) throw new NegotiationInputError('party', `${JSON.stringify(party)} is not a non-target party of the table`);
  if (!(Number.isInteger(designIndex) && designIndex >= 0 && designIndex < table.designs.length)) {
    throw new NegotiationInputError('designIndex', `${designIndex} is not in [0, ${table.designs.length - 1}]`);
  }
  return offeringValue(table, designIndex, party, acceptanceOf(table, designIndex));
}

/** Acceptance of design i of a table already validated. */
function acceptanceOf(table: UtilityTable, i: number): Acceptance {
  const tp = table.targetParty;
  const d = table.designs[i];
  return acceptance(table.targetTypes.map((t) => ({ type: t.name, prior: t.prior, utility: d.utility[tp][t.name], outsideOption: table.outsideOption[tp][t.name] })));
}

/** valueOfOffering on a validated table, given the design's acceptance. */
export function offeringValue(table: UtilityTable, designIndex: number, party: string, acc: Acceptance): Estimate {
  const d = table.designs[designIndex];
  let mean = 0;
  let variance = 0;
  acc.byType.forEach((t) => {
    const e = t.signs ? d.utility[party][t.type] : table.outsideOption[party][t.type];
    mean += t.prior * e.mean;
    variance += (t.prior * e.se) ** 2;
  });
  return { mean, se: Math.sqrt(variance) };
}

/**
 * Where along a one-parameter family a type's decision flips: the parameter values at
 * which margin = utility - outside option changes sign between neighbouring designs, by
 * linear interpolation (exact when the margin is linear between them), plus exact zeros.
 * @param samples (parameter value, margin) pairs in any order
 * @example signingThresholds([{ x: 0, margin: -1 }, { x: 1, margin: 1 }]) // [0.5]
 */
export function signingThresholds(samples: { x: number; margin: number }[]): number[] {
  const s = [...samples].sort((a, b) => a.x - b.x);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i].margin === 0) {
      out.push(s[i].x);
      continue;
    }
    if (i + 1 < s.length && s[i + 1].margin !== 0 && Math.sign(s[i].margin) !== Math.sign(s[i + 1].margin)) {
      out.push(s[i].x + ((s[i + 1].x - s[i].x) * (0 - s[i].margin)) / (s[i + 1].margin - s[i].margin));
    }
  }
  return out;
}
