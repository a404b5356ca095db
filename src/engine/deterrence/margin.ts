/**
 * The target's deterrence calculation: what cheating on one benchmark is worth
 * against what it risks, derived from the design the target is in. The engine's
 * best-response and quantal targets decide with it, and the design audit reads the
 * same numbers, so the two can never disagree.
 *
 * Model: the target compares complying from now on with cheating from now on.
 * Cheating gains g per period; each period it is detected with probability p, then
 * (after the report lag and dispute window, `punishmentDelayPeriods`) the consequence
 * completes the threshold with probability theta and fires with credibility kappa,
 * costing K per period for as long as the re-imposition lasts (folded into K, as is
 * kappa per tranche: a lapsing licence needs no vote). A public report of a
 * detection costs r once. Solving the two Bellman equations gives
 *
 *   V_comply - V_cheat = M / (1 - delta + delta P),   P = p theta kappa,
 *   M = delta^(1 + delay) p theta K / (1 - delta) + delta p r - g,
 *
 * so with one benchmark, relief fully in force, automatic permanent re-imposition
 * and no lag, the target complies iff g <= delta p (pi_R - pi_S) / (1 - delta):
 * the grim-trigger threshold of MODEL.md result 1, by construction.
 */
export interface DeterrenceInputs {
  discountFactor: number;
  /** Chance per period that a violation on this benchmark is detected. */
  detectionPerPeriod: number;
  /** Chance that this detection completes the k-of-n threshold (1 when k = 1). */
  thresholdFactor: number;
  /** Utility per period the consequence takes away, each tranche weighted by the credibility of re-imposing it. */
  stakePerPeriod: number;
  /** Stake-weighted credibility of the consequence (kappa), in [0, 1]. */
  credibility: number;
  /** Periods between the violation and the consequence biting, beyond the next period. */
  punishmentDelayPeriods: number;
  /** delta^punishmentDelayPeriods, when the caller has it from a table (saves a pow in the hot loop). */
  delayDiscount?: number;
  /** One-off reputational cost of a publicly reported detection. */
  reputationalCost: number;
  /** Utility per period gained by cheating on this benchmark. */
  cheatGain: number;
}

/** Incentive-compatibility margin M: positive means complying pays (in utility per period units scaled by 1/(1-delta)). */
export function complianceMargin(x: DeterrenceInputs): number {
  const d = x.discountFactor;
  const p = x.detectionPerPeriod;
  const delay = x.delayDiscount ?? Math.pow(d, x.punishmentDelayPeriods);
  return (d * delay * p * x.thresholdFactor * x.stakePerPeriod) / (1 - d) + d * p * x.reputationalCost - x.cheatGain;
}

/** V_comply - V_cheat, the value gap the quantal target responds to. */
export function valueGap(x: DeterrenceInputs): number {
  const d = x.discountFactor;
  const P = x.detectionPerPeriod * x.thresholdFactor * x.credibility;
  return complianceMargin(x) / (1 - d + d * P);
}

/** Logit choice: P(comply) = 1 / (1 + exp(-beta (V_comply - V_cheat))). */
export function quantalComplyProbability(rationality: number, gap: number): number {
  return 1 / (1 + Math.exp(-rationality * gap));
}
