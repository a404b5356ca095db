import type { Scenario, TargetTypeName } from '../../scenario/schema.ts';
import { MAX_HORIZON_PERIODS, TARGET_TYPES } from '../../scenario/schema.ts';
import { compileScenario } from '../compile.ts';
import { SLOT } from '../core.ts';
import type { Policy, PolicyDefinition } from '../policy.ts';
import { runSeed } from '../rng.ts';
import { createRunner, scenarioPolicies } from '../simulate.ts';
import { PlanCache } from '../deterrence/plan-cache.ts';
import { TARGET_DEVIATIONS } from '../actors/target/policies/deviations.ts';

/**
 * The deviation test, our standard of truth for a policy called best-response: no
 * scripted deviation from a family kept in the code may earn the target a higher mean
 * discounted utility, beyond Monte Carlo error. Runs are paired: run i of every policy
 * uses the same seed, so (with addressed chance) the same type, resolves and shocks,
 * and the difference's standard error is that of the paired differences. Results are
 * by target type, since a best response is one per type.
 */

export interface DeviationCase {
  /** The deviation's name, with its parameter when it has one ("cheat-first-periods(k=6)"). */
  name: string;
  definition: PolicyDefinition<'target'>;
  params: Record<string, unknown>;
}

/** The family: every deviation, the ones with a period parameter at a few points of the horizon. */
export function targetDeviationFamily(horizon: number): DeviationCase[] {
  const ks = [...new Set([1, 6, 12, Math.floor(horizon / 2)].filter((k) => k > 0 && k < horizon))];
  return TARGET_DEVIATIONS.flatMap((d) =>
    d.name === 'cheat-first-periods' || d.name === 'cheat-from-period' || d.name === 'cheat-once-at'
      ? ks.map((k) => ({ name: `${d.name}(k=${k})`, definition: d, params: { periods: k } }))
      : [{ name: d.name, definition: d, params: {} }],
  );
}

export interface DeviationRow {
  type: TargetTypeName;
  deviation: string;
  /** Runs of this type. */
  runs: number;
  /** Mean discounted utility of the policy under test, and of the deviation. */
  policyUtility: number;
  deviationUtility: number;
  /** Mean of (deviation - policy) over paired runs, and its standard error. */
  gain: number;
  se: number;
  /** The deviation earns more beyond `z` standard errors. */
  beats: boolean;
}

export interface DeviationReport {
  runs: number;
  /** Periods each run's discounted utility was scored over: the horizon plus the extension (scoringExtension). */
  scoredPeriods: number;
  z: number;
  rows: DeviationRow[];
  /** Per type, the deviation with the largest gain. */
  worst: DeviationRow[];
}

export interface DeviationOptions {
  runs: number;
  masterSeed?: number;
  /** Standard errors a gain must exceed to count as beating the policy (default 3.89: 1 in 10,000 by chance). */
  z?: number;
  family?: DeviationCase[];
  /**
   * 'extended' (default): score utility over the horizon plus scoringExtension periods, since
   * the target is long-lived and its plan counts what follows the recorded window (a
   * violation in the last periods is caught and punished after it); 'recorded': over the
   * horizon only, which rewards cheating just before the window closes.
   */
  window?: 'extended' | 'recorded';
}

/** Share of the discounted weight beyond the horizon that the extension may leave out. */
const EXTENSION_WEIGHT_LEFT = 0.05;
/** The longest extension, in periods (a cap on the test's cost for patient targets). */
const MAX_EXTENSION_PERIODS = 120;

/**
 * Periods after the horizon over which the deviation test still scores utility: enough
 * that what is left beyond weighs at most 5% (delta^L <= 0.05), at most 120 periods and
 * never past the longest horizon a scenario may have.
 */
export function scoringExtension(horizon: number, discountFactor: number): number {
  if (discountFactor <= 0) return 0;
  const wanted = discountFactor >= 1 ? MAX_EXTENSION_PERIODS : Math.ceil(Math.log(EXTENSION_WEIGHT_LEFT) / Math.log(discountFactor));
  return Math.max(0, Math.min(MAX_EXTENSION_PERIODS, MAX_HORIZON_PERIODS - horizon, wanted));
}

/** Runs the deviation test of the scenario's own target policy against the family. */
export function deviationTest(recorded: Scenario, options: DeviationOptions): DeviationReport {
  const extension = options.window === 'recorded' ? 0 : scoringExtension(recorded.horizonPeriods, recorded.target.discountFactor);
  const scenario: Scenario = extension > 0 ? { ...recorded, horizonPeriods: recorded.horizonPeriods + extension } : recorded;
  const c = compileScenario(scenario);
  const z = options.z ?? 3.89;
  const seedBase = options.masterSeed ?? 1;
  // The family's period parameters are points of the recorded horizon, as a reader names them.
  const family = options.family ?? targetDeviationFamily(recorded.horizonPeriods);
  const base = scenarioPolicies(c);
  // Every runner plays the same design, so the plans (the best response's, the belief's, the
  // leverage measure's) are solved once for the whole family.
  const plans = new PlanCache(c.types.length);
  const utilities = (policies: Policy[]) => {
    const runner = createRunner(scenario, policies, { plans: plans.get });
    const u = new Float64Array(options.runs);
    const type = new Uint8Array(options.runs);
    for (let i = 0; i < options.runs; i++) {
      const r = runner.run(runSeed(seedBase, i));
      u[i] = r.summary.targetUtility;
      type[i] = TARGET_TYPES.indexOf(r.targetType);
    }
    return { u, type };
  };
  const reference = utilities(base);
  const rows: DeviationRow[] = [];
  for (const dev of family) {
    const policies = [...base];
    policies[SLOT.target] = dev.definition.create(dev.params, c, -1) as Policy;
    const other = utilities(policies);
    for (let ti = 0; ti < TARGET_TYPES.length; ti++) {
      let n = 0;
      let sumP = 0;
      let sumD = 0;
      let sumG = 0;
      let sumG2 = 0;
      for (let i = 0; i < options.runs; i++) {
        if (reference.type[i] !== ti) continue;
        if (other.type[i] !== ti) throw new Error('paired runs drew different types: chance is not shared (engine bug)');
        const g = other.u[i] - reference.u[i];
        n++;
        sumP += reference.u[i];
        sumD += other.u[i];
        sumG += g;
        sumG2 += g * g;
      }
      if (n === 0) continue;
      const gain = sumG / n;
      const variance = n > 1 ? Math.max(0, (sumG2 - n * gain * gain) / (n - 1)) : 0;
      const se = Math.sqrt(variance / n);
      // A gain of exactly zero on every run (the deviation acted as the policy did) never beats it.
      rows.push({ type: TARGET_TYPES[ti], deviation: dev.name, runs: n, policyUtility: sumP / n, deviationUtility: sumD / n, gain, se, beats: gain > z * se && gain > 1e-12 });
    }
  }
  const worst = TARGET_TYPES.flatMap((t) => {
    const of = rows.filter((r) => r.type === t);
    return of.length > 0 ? [of.reduce((a, b) => (b.gain > a.gain ? b : a))] : [];
  });
  return { runs: options.runs, scoredPeriods: c.horizon, z, rows, worst };
}
