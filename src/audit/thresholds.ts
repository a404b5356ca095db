import type { Scenario } from '../scenario/schema.ts';
import { applyLevers, resolveLever } from '../scenario/levers.ts';
import { compileScenario, type CompiledScenario } from '../engine/compile.ts';
import { momentMarginOf, type Moment } from './stage-view.ts';

/**
 * The repeated game's thresholds at one moment of a design's schedule, found on the
 * engine's own value gaps: the critical detection probability (the design's
 * per-inspection p) and the critical discount factor (delta) above which complying
 * pays the type on every benchmark. With one benchmark, relief fully in force,
 * automatic permanent re-imposition and no lag, the first is MODEL.md result 1's
 * p* = g (1 - delta) / (delta (pi_R - pi_S)).
 */

/** The moment's margin for the scenario (compiled here). */
export function momentMargin(scenario: Scenario, moment: Moment): number {
  return momentMarginOf(compileScenario(scenario), moment);
}

/**
 * The smallest x in [lo, hi] from which `margin` stays >= 0 on a scan of `steps`
 * points, refined by bisection: null if the margin is negative at hi (nothing in
 * the range closes it), lo if it is never negative.
 */
export function smallestClosing(margin: (x: number) => number, lo: number, hi: number, steps = 16, iterations = 34): number | null {
  const xs = Array.from({ length: steps + 1 }, (_, i) => lo + ((hi - lo) * i) / steps);
  const ms = xs.map(margin);
  if (ms[steps] < 0 || Number.isNaN(ms[steps])) return null;
  let last = -1;
  for (let i = 0; i <= steps; i++) if (!(ms[i] >= 0)) last = i;
  if (last < 0) return lo;
  let a = xs[last];
  let b = xs[last + 1];
  for (let i = 0; i < iterations && b - a > 1e-15; i++) {
    const m = (a + b) / 2;
    if (margin(m) >= 0) b = m;
    else a = m;
  }
  return b;
}

/**
 * The design compiled with one numeric lever (by path) at x, the rest fixed;
 * memoised on x, since every moment of an audit scans the same grid.
 */
export function designInLever(scenario: Scenario, path: string): (x: number) => CompiledScenario {
  const lever = resolveLever(scenario, path);
  const memo = new Map<number, CompiledScenario>();
  return (x) => {
    let c = memo.get(x);
    if (!c) memo.set(x, (c = compileScenario(applyLevers(scenario, [lever], [x]))));
    return c;
  };
}

/** Critical value of a lever at each moment (smallestClosing in [lo, hi]). */
export function criticalValues(scenario: Scenario, path: string, moments: readonly Moment[], lo: number, hi: number): (number | null)[] {
  const design = designInLever(scenario, path);
  return moments.map((m) => smallestClosing((x) => momentMarginOf(design(x), m), lo, hi));
}

/** Critical per-inspection detection probability at each moment: null where even p = 1 leaves cheating paying. */
export function criticalDetection(scenario: Scenario, moments: readonly Moment[]): (number | null)[] {
  return criticalValues(scenario, 'design.verification.detectionProbability', moments, 0, 1);
}

/** Critical discount factor in [0, 0.999] (the schema's range) at each moment: null where even 0.999 leaves cheating paying. */
export function criticalDiscount(scenario: Scenario, moments: readonly Moment[]): (number | null)[] {
  return criticalValues(scenario, 'target.discountFactor', moments, 0, 0.999);
}
