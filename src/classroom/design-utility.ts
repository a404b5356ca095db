import type { BargainingProtocol, Party, UtilityTable } from '../negotiation/index.ts';
import type { NegotiationIssue } from './negotiation-stage.ts';
import type { SideUtilityModel } from './side-utility.ts';

export type { SideUtilityModel } from './side-utility.ts';

/**
 * Each side's utility of a whole design, from a simulated utility table (simulateFamily).
 *
 * Over one lever the table is the utility (tabulated, linear between its five designs),
 * exactly what `familyProtocol` bargains with. Over several levers src/negotiation's
 * protocol takes only linear additive utilities (tabulated ones are one-issue), so the
 * table of the 2^K corner designs is fitted with main effects: the coefficient of lever k
 * is the mean utility of the corners at its high end less the mean at its low end, the
 * constant makes the fit's mean the corners' mean (ordinary least squares on a two-level
 * factorial). Interactions are left out; `error` is the largest gap between the fit and
 * a simulated corner, shown to the facilitator.
 *
 * The coalition's utility is its expectation over the prior of types: a linear utility in
 * the protocol is normalised to [0, 1] (weights summing to 1), so one per type would not
 * average to the expected utility; over several levers the coalition bargains with that one.
 */
export interface DesignUtilityFit {
  models: { coalition: SideUtilityModel; target: Record<string, SideUtilityModel> };
  error: { coalition: number; target: Record<string, number> };
  /** The target's types with prior > 0 (the table's) and their priors. */
  priors: Record<string, number>;
  /** The fits as constant + coefficients per lever position, and no deal's utility (several levers only). */
  linear: { coalition: LinearFit; target: Record<string, LinearFit> } | null;
}

interface LinearFit {
  constant: number;
  coefficients: number[];
  reservation: number;
}

/** Fits every side's utility (see the module's doc). */
export function fitDesignUtilities(table: UtilityTable, issues: readonly NegotiationIssue[]): DesignUtilityFit {
  const types = table.targetTypes;
  const expected = (u: Record<string, { mean: number }>) => types.reduce((a, t) => a + t.prior * u[t.name].mean, 0);
  const coalitionOf = table.designs.map((d) => expected(d.utility.coalition));
  const coalitionNoDeal = expected(table.outsideOption.coalition);
  const priors = Object.fromEntries(types.map((t) => [t.name, t.prior]));
  if (issues.length === 1) {
    const path = issues[0].path;
    const order = table.designs.map((d, i) => ({ x: d.design.parameters[path], i })).sort((a, b) => a.x - b.x);
    const tab = (ys: number[], reservation: number): SideUtilityModel => ({ kind: 'tabulated', issue: path, points: order.map(({ x, i }) => [x, ys[i]]), reservation });
    const target: Record<string, SideUtilityModel> = {};
    const error: Record<string, number> = {};
    for (const t of types) {
      target[t.name] = tab(table.designs.map((d) => d.utility.target[t.name].mean), table.outsideOption.target[t.name].mean);
      error[t.name] = 0;
    }
    return { models: { coalition: tab(coalitionOf, coalitionNoDeal), target }, error: { coalition: 0, target: error }, priors, linear: null };
  }
  const positions = table.designs.map((d) => issues.map((x) => (d.design.parameters[x.path] - x.low) / (x.high - x.low)));
  const fit = (ys: number[], reservation: number) => {
    const coefficients = issues.map((_, k) => {
      const hi = ys.filter((_, d) => positions[d][k] > 0.5);
      const lo = ys.filter((_, d) => positions[d][k] <= 0.5);
      return mean(hi) - mean(lo);
    });
    const constant = mean(ys) - coefficients.reduce((a, c, k) => a + c * mean(positions.map((p) => p[k])), 0);
    const at = (p: number[]) => constant + coefficients.reduce((a, c, k) => a + c * p[k], 0);
    const error = Math.max(...ys.map((y, d) => Math.abs(y - at(positions[d]))));
    const model: SideUtilityModel = {
      kind: 'linear',
      constant,
      perIssue: Object.fromEntries(issues.map((x, k) => [x.path, { low: x.low, high: x.high, coefficient: coefficients[k] }])),
      reservation,
    };
    return { model, error, linear: { constant, coefficients, reservation } };
  };
  const coalition = fit(coalitionOf, coalitionNoDeal);
  const target: Record<string, ReturnType<typeof fit>> = {};
  for (const t of types) target[t.name] = fit(table.designs.map((d) => d.utility.target[t.name].mean), table.outsideOption.target[t.name].mean);
  const each = <T,>(f: (x: ReturnType<typeof fit>) => T) => Object.fromEntries(Object.entries(target).map(([k, v]) => [k, f(v)]));
  return {
    models: { coalition: coalition.model, target: each((v) => v.model) },
    error: { coalition: coalition.error, target: each((v) => v.error) },
    priors,
    linear: { coalition: coalition.linear, target: each((v) => v.linear) },
  };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * The fit as a protocol's linear utility: u = (raw - worst) / span over the box, weights
 * |coefficient| / span (summing to 1), the preferred end the coefficient's sign, no deal's
 * utility on the same scale. A side the levers do not move at all (span 0) gets equal
 * weights on a span of 1e-9 of its level: which design hardly matters to it, and no deal
 * compares exactly.
 */
function linearSpec(f: LinearFit, issues: readonly NegotiationIssue[]) {
  let span = f.coefficients.reduce((a, c) => a + Math.abs(c), 0);
  const flat = span <= 1e-12 * Math.max(1, Math.abs(f.constant));
  if (flat) span = 1e-9 * Math.max(1, Math.abs(f.constant));
  const worst = flat ? f.constant : f.constant + f.coefficients.reduce((a, c) => a + Math.min(0, c), 0);
  const weights = flat ? issues.map(() => 1 / issues.length) : f.coefficients.map((c) => Math.abs(c) / span);
  return {
    issues: Object.fromEntries(issues.map((x, k) => [x.path, { weight: weights[k], prefers: flat || f.coefficients[k] >= 0 ? 'high' : 'low' }])),
    reservation: (f.reservation - worst) / span,
  };
}

/**
 * The alternating-offers protocol over several levers from the fit: the coalition's
 * prior-expected utility, each target type's own, private information, the coalition
 * proposing first, no breakdown (createProtocol's input; createMatch checks it).
 */
export function linearProtocol(fit: DesignUtilityFit, issues: readonly NegotiationIssue[], options: { discount: Record<Party, number>; deadlineRounds: number }): BargainingProtocol {
  if (!fit.linear) throw new Error('linearProtocol: the fit is over one lever; use familyProtocol');
  const lin = fit.linear;
  return {
    issues: issues.map((x) => ({ name: x.path, low: x.low, high: x.high })),
    coalition: { discount: options.discount.coalition, utility: linearSpec(lin.coalition, issues) },
    target: { discount: options.discount.target, types: Object.entries(lin.target).map(([name, f]) => ({ name, prior: fit.priors[name], utility: linearSpec(f, issues) })) },
    breakdownProbability: 0,
    deadlineRounds: options.deadlineRounds,
    firstProposer: 'coalition',
    information: 'private',
  } as BargainingProtocol;
}
