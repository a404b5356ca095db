/**
 * MODEL.md's closed-form results (1 to 7) as plain formulas, written from the
 * mathematics and not from the engine's code, so that a simulation checked against
 * them is checked against something independent. The tests (test/engine/closed-form.test.ts,
 * test/negotiation/rubinstein.test.ts) and notebooks/validation.ipynb read these, one
 * implementation. Result 7's formula is the negotiation module's `rubinsteinShare`,
 * re-exported here.
 *
 * Notation: g the cheat gain per period, delta the discount factor, R = pi_R - pi_S the
 * relief's value per period (the analytic scenarios set pi_S = 0), p the detection and
 * q the false-alarm probability per inspection.
 */
export { rubinsteinShare } from '../negotiation/bargaining/rubinstein.ts';

/**
 * Two-sided 99.99% normal quantile: the tolerance of every Monte Carlo check, in
 * standard errors. A correct fixed-seed check fails by chance for about 1 seed in 10,000.
 */
export const MONTE_CARLO_Z = 3.89;

/**
 * Result 1, the grim re-imposition threshold: the detection probability above which a
 * best-responding target complies, p* = g (1 - delta) / (delta R).
 * @example grimThreshold(1, 0.9, 2) // 0.0555... (= 1/18)
 */
export function grimThreshold(cheatGain: number, discountFactor: number, reliefGap: number): number {
  return (cheatGain * (1 - discountFactor)) / (discountFactor * reliefGap);
}

/**
 * Result 1 solved for the discount factor: the target complies iff delta >= delta* =
 * g / (g + p R), the same threshold as p* read the other way.
 * @example grimCriticalDiscountFactor(3, 10, 0.5) // 0.375
 */
export function grimCriticalDiscountFactor(cheatGain: number, reliefGap: number, detectionProbability: number): number {
  return cheatGain / (cheatGain + detectionProbability * reliefGap);
}

/**
 * Result 2: expected inspections until the first run of k consecutive false alarms,
 * each inspection raising one independently with probability q: (1 - q^k) / ((1 - q) q^k).
 * @example expectedInspectionsToFalseReimposition(0.5, 2) // 6
 */
export function expectedInspectionsToFalseReimposition(falseAlarmProbability: number, k: number): number {
  const q = falseAlarmProbability;
  return (1 - q ** k) / ((1 - q) * q ** k);
}

/**
 * Result 3, the example: the belief in sincerity after n clean reports when the
 * sincere type never violates (a flag only by false alarm, q) and the other always does
 * (flagged with p): mu_n = mu0 (1-q)^n / [mu0 (1-q)^n + (1-mu0)(1-p)^n].
 */
export function beliefAfterCleanReports(priorSincere: number, p: number, q: number, n: number): number {
  const clean = priorSincere * (1 - q) ** n;
  return clean / (clean + (1 - priorSincere) * (1 - p) ** n);
}

/**
 * Result 3, in general: the exact posterior of the first type after a sequence of
 * reports (true = flagged), as products of report likelihoods normalised once at the
 * end (not the engine's sequential update). A type with violation rate v is flagged
 * with probability v p + (1 - v) q.
 * @param prior the prior over types; rates each type's violation rate
 */
export function exactPosteriorOfFirstType(prior: readonly number[], rates: readonly number[], p: number, q: number, flags: readonly boolean[]): number {
  const w = prior.map((mu, i) => {
    const flagged = rates[i] * p + (1 - rates[i]) * q;
    let l = mu;
    for (const f of flags) l *= f ? flagged : 1 - flagged;
    return l;
  });
  return w[0] / w.reduce((a, b) => a + b, 0);
}

/**
 * Result 4: the chance a logit (quantal) target complies in the first period of the
 * grim setting, 1 / (1 + exp(-beta (V_comply - V_cheat))), with the Q-values of the first
 * choice and the best response after it. The best response's value is
 * V* = max(R / (1 - delta), (R + g) / (1 - delta (1 - p))) (comply for good, or cheat
 * until caught; caught, the target earns pi_S = 0 for good). Complying now earns R, then
 * V*: V_comply = R + delta V*. Cheating now earns R + g and keeps the relief unless caught:
 * V_cheat = R + g + delta (1 - p) V*. Above p* this is V_comply = R / (1 - delta),
 * V_cheat = R + g + delta (1 - p) R / (1 - delta).
 * @example quantalComplyProbability(1, { cheatGain: 4, reliefGap: 2, discountFactor: 0.9, detectionProbability: 0.3 }) // 0.8022 (V_comply 20, V_cheat 18.6)
 */
export function quantalComplyProbability(rationality: number, x: { cheatGain: number; reliefGap: number; discountFactor: number; detectionProbability: number }): number {
  const { cheatGain: g, reliefGap: R, discountFactor: delta, detectionProbability: p } = x;
  const best = Math.max(R / (1 - delta), (R + g) / (1 - delta * (1 - p)));
  const vComply = R + delta * best;
  const vCheat = R + g + delta * (1 - p) * best;
  return 1 / (1 + Math.exp(-rationality * (vComply - vCheat)));
}

/**
 * Result 5: the aid leakage share, lambda = baseLeakage (1 - safeguardEffectiveness)^s
 * with s safeguards on; the mean delivered share of aid sent is then 1 - lambda (with
 * clear exemptions, so that nothing is held back by over-compliance).
 */
export function leakageShare(baseLeakage: number, safeguardEffectiveness: number, safeguardsOn: number): number {
  return baseLeakage * (1 - safeguardEffectiveness) ** safeguardsOn;
}

export interface ScheduledTranche {
  lifts: Record<string, number>;
  requiredLevel: number;
  sustainedPeriods: number;
  earliestPeriod: number;
}

/**
 * Result 6: the period each tranche is released under perfect information (p = 1,
 * q = 0) with an always-complying target whose benchmarks all start at 0 and rise by
 * `implementationRate` a period. By hand: a level r is reached at the end of period
 * ceil(r / rate) - 1, certified by that period's inspection, read lagPeriods + 1 periods
 * later, then held for max(1, sustained) periods; never before the tranche's earliest
 * period, never before the previous tranche.
 */
export function perfectInformationReleases(tranches: readonly ScheduledTranche[], implementationRate: number, reportLagPeriods: number): number[] {
  let previous = 0;
  return tranches.map((t) => {
    const reached = Math.ceil(t.requiredLevel / implementationRate) - 1;
    previous = Math.max(t.earliestPeriod, previous, reached + reportLagPeriods + 1 + Math.max(1, t.sustainedPeriods) - 1);
    return previous;
  });
}

/** Result 6: the share of the package in force at `period` when the tranches release at `releases` (categories weighted by pain). */
export function sanctionsInForceOnSchedule(tranches: readonly ScheduledTranche[], releases: readonly number[], painWeights: Record<string, number>, period: number): number {
  let lifted = 0;
  tranches.forEach((t, i) => {
    if (period >= releases[i]) for (const [category, share] of Object.entries(t.lifts)) lifted += share * painWeights[category];
  });
  return 1 - lifted;
}

/**
 * Result 7's tolerance: with T rounds the error of the round-one share contracts by
 * d1 d2 every two rounds from at most 1, so |x_T - x*| <= (d1 d2)^floor((T - 1) / 2).
 */
export function finiteHorizonShareBound(d1: number, d2: number, deadlineRounds: number): number {
  return (d1 * d2) ** Math.floor((deadlineRounds - 1) / 2);
}
