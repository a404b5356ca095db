import type { CompiledScenario } from '../../compile.ts';
import { inspectionCatchProbability } from '../../detection.ts';
import { TypeBehaviour } from './type-behaviour.ts';
import { advanceChain, CHAIN_STATES, CLEAN, conditionOnReport, flagProbability, type PeriodBehaviour, type ReportLikelihood } from './violation-chain.ts';

/**
 * The coalition's belief over the target's type (sincere, opportunist, hardliner), by
 * Bayes' rule from the verifier's reports under a likelihood consistent with the
 * detection module. Each type's violation state is a hidden Markov chain
 * (violation-chain.ts) whose rates come from the type's behaviour (type-behaviour.ts);
 * the posterior is the prior times each type's forward likelihood, normalised:
 *
 *   P(type | r_1..r_n) ∝ P(type) x prod_k P(r_k | r_1..r_(k-1), type),
 *
 * each factor the type's filter's one-step predictive probability. Applied report by
 * report and renormalised each time, this is the exact posterior without any product
 * of small numbers. docs/model.md (the belief) has the derivation.
 */
export class BeliefState {
  /** chain[i * CHAIN_STATES + state]: P(type i's violation state after the last report read | reports, type i). */
  readonly chain: Float64Array;
  /** The inspection period of the last report read (-1: none yet; the chain is at "before period 0"). */
  readTo = -1;
  /** 1 where inspectors were denied all access in that period (the coalition sees a blackout). */
  readonly denied: Uint8Array;
  readonly behaviour: TypeBehaviour;
  private readonly step: PeriodBehaviour = { start: 0, gaming: 0, restoreHidden: 0, restoreShown: 0 };
  private readonly likelihood: ReportLikelihood = { flagIfHidden: 0, flagIfShown: 0, flagIfClean: 0 };
  private readonly weight: Float64Array;
  private readonly ahead: Float64Array;

  constructor(c: CompiledScenario) {
    this.chain = new Float64Array(c.types.length * CHAIN_STATES);
    this.ahead = new Float64Array(c.types.length * CHAIN_STATES);
    this.denied = new Uint8Array(c.horizon);
    this.behaviour = new TypeBehaviour(c);
    this.weight = new Float64Array(c.types.length);
    this.reset();
  }

  /** Before period 0: every type's target starts with nothing outstanding. */
  reset(): void {
    this.chain.fill(0);
    for (let i = 0; i < this.weight.length; i++) this.chain[i * CHAIN_STATES + CLEAN] = 1;
    this.readTo = -1;
    this.denied.fill(0);
  }

  /** The coalition notes whether inspectors have any access in period t (access the run has now). */
  noteAccess(t: number, access: number): void {
    if (t >= 0 && t < this.denied.length) this.denied[t] = access > 0 ? 0 : 1;
  }

  /**
   * One report's Bayes update, in place on `posterior`: each type's chain is carried
   * forward to the report's inspection period (periods without a report advance it
   * unobserved), the posterior is multiplied by each type's predictive probability of
   * the report and normalised, and each chain is conditioned on the report. A report
   * impossible under every type leaves the posterior as it was. Returns the report's
   * probability under the prior predictive (the normaliser).
   *
   * @param inspectedAt the period of the inspection the report is about (read later, after the lag)
   * @param flagIfHidden p' at the report's access (detection.ts flagProbabilityIfViolating)
   * @param flagIfShown the chance it flags a violation that shows (shownFlagProbability)
   * @param flagIfClean q, the false-alarm probability
   * @example
   *   s.belief.readReport(s.posterior, due - 1 - lag, s.repFlag[r] === 1, s.repPModel[r], shownFlagProbability(c), falseAlarmProbability(c));
   */
  readReport(posterior: Float64Array, inspectedAt: number, flagged: boolean, flagIfHidden: number, flagIfShown: number, flagIfClean: number): number {
    const n = this.weight.length;
    const b = this.step;
    const likelihood = this.likelihood;
    likelihood.flagIfHidden = flagIfHidden;
    likelihood.flagIfShown = flagIfShown;
    likelihood.flagIfClean = flagIfClean;
    for (let u = this.readTo + 1; u <= inspectedAt; u++) {
      const denied = u < this.denied.length && this.denied[u] === 1;
      for (let i = 0; i < n; i++) advanceChain(this.chain, i * CHAIN_STATES, this.behaviour.at(i, u, denied, b));
    }
    this.readTo = Math.max(this.readTo, inspectedAt);
    let z = 0;
    for (let i = 0; i < n; i++) {
      const pf = flagProbability(this.chain, i * CHAIN_STATES, likelihood);
      this.weight[i] = posterior[i] * (flagged ? pf : 1 - pf);
      z += this.weight[i];
    }
    if (z > 0) for (let i = 0; i < n; i++) posterior[i] = this.weight[i] / z;
    for (let i = 0; i < n; i++) conditionOnReport(this.chain, i * CHAIN_STATES, flagged, likelihood);
    return z;
  }

  /**
   * Belief in sincerity if the report about period `inspectedAt` flags, changing
   * nothing: what a detection now would leave, for the target's reckoning of the
   * consequence (the trigger fires at that belief). Reports already in flight are not
   * anticipated: the chain is carried forward from the last report read.
   *
   * @example
   *   const b = s.belief.beliefIfFlagged(s.posterior, t, flagProbabilityIfViolating(c, access), shownFlagProbability(c), q);
   */
  beliefIfFlagged(posterior: ArrayLike<number>, inspectedAt: number, flagIfHidden: number, flagIfShown: number, flagIfClean: number): number {
    const n = this.weight.length;
    const f = this.ahead;
    f.set(this.chain);
    const b = this.step;
    for (let u = this.readTo + 1; u <= inspectedAt; u++) {
      const denied = u < this.denied.length && this.denied[u] === 1;
      for (let i = 0; i < n; i++) advanceChain(f, i * CHAIN_STATES, this.behaviour.at(i, u, denied, b));
    }
    const l = this.likelihood;
    l.flagIfHidden = flagIfHidden;
    l.flagIfShown = flagIfShown;
    l.flagIfClean = flagIfClean;
    let z = 0;
    let sincere = 0;
    for (let i = 0; i < n; i++) {
      const w = posterior[i] * flagProbability(f, i * CHAIN_STATES, l);
      z += w;
      if (i === 0) sincere = w;
    }
    return z > 0 ? sincere / z : posterior[0];
  }
}

/**
 * The chance an inspection flags a violation that shows (honest statistics), weighted
 * over benchmarks as flagProbabilityIfViolating is: 1 whenever inspectors have any
 * access, and a report is only made with some access.
 */
export function shownFlagProbability(c: CompiledScenario): number {
  let p = 0;
  for (let b = 0; b < c.nBenchmarks; b++) p += c.benchWeight[b] * inspectionCatchProbability(c, b, 1, false);
  return Math.min(1, p);
}

/**
 * Belief in sincerity after one more flagged report under a fixed per-report violation
 * rate v per type: P(flag | type) = v p + (1 - v) q. The target's reckoning of what a
 * detection would do to the coalition (deterrence/stakes.ts) still reads this one-step
 * approximation of the belief above; the posterior itself is BeliefState's.
 */
export function beliefAfterFlag(posterior: ArrayLike<number>, assumedViolation: ArrayLike<number>, p: number, q: number): number {
  let z = 0;
  let s = 0;
  for (let i = 0; i < posterior.length; i++) {
    const w = posterior[i] * (assumedViolation[i] * p + (1 - assumedViolation[i]) * q);
    z += w;
    if (i === 0) s = w;
  }
  return z > 0 ? s / z : posterior[0];
}
