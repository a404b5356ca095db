import { clopperPearsonInterval, wilsonInterval } from './binomial.ts';
import { AnalysisInputError, requireFinite, requireInteger, requireNumberIn } from './errors.ts';

/** What a probe of the model returns: collapses (`successes`) among `trials` runs at one intensity. */
export interface CollapseCount {
  successes: number;
  trials: number;
}

/** One evaluated intensity: the estimated collapse probability and its interval. */
export interface BreakPointProbe {
  intensity: number;
  successes: number;
  trials: number;
  probability: number;
  ci: [number, number];
}

/** Options of `findBreakPoint`. */
export interface BreakPointOptions {
  /** The lowest and highest intensity searched (low < high, finite). */
  low: number;
  high: number;
  /** Stop when the bracket is at most this wide, in intensity units (> 0). */
  tolerance: number;
  /** The collapse probability that defines breaking, in (0, 1) (default 0.5). */
  level?: number;
  /** Interval for each probe's probability (default 'wilson'). */
  interval?: 'wilson' | 'clopper-pearson';
  /** Confidence of each probe's interval (default 0.95). */
  confidence?: number;
  /** At most this many probes, the two ends included (default 64, at least 2). */
  maxProbes?: number;
  /** Called after each probe, in order (progress for a panel or a progress bar). */
  onProbe?: (probe: BreakPointProbe) => void;
  /**
   * Stops the bisection before its next probe once aborted; the result then has
   * `cancelled: true` and the bracket reached so far. The two end probes always run.
   */
  signal?: AbortSignal;
}

/**
 * The outcome of a search:
 * - `found`: the probability crosses the level inside the range; `bracket` holds
 *   the two closest probes on either side and `breakPoint` interpolates between them;
 * - `breaks-at-low`: already at or above the level at `low` (the break point is <= low);
 * - `holds-at-high`: still below the level at `high` (the break point is > high, if any).
 */
export interface BreakPointResult {
  status: 'found' | 'breaks-at-low' | 'holds-at-high';
  level: number;
  /** Linear interpolation at the level between the bracket's probes; null unless found. */
  breakPoint: number | null;
  /** The last probe below the level and the first at or above it; null unless found. */
  bracket: { below: BreakPointProbe; above: BreakPointProbe } | null;
  /**
   * Where the break point lies given the probes' intervals: above the highest
   * probe whose interval is wholly below the level, at or below the lowest probe
   * whose interval is wholly at or above it. An end is null when no probe is
   * that clear (the noise at that side of the range is too large to exclude it).
   */
  interval: [number | null, number | null];
  /** Every probe, in the order evaluated. */
  probes: BreakPointProbe[];
  /** True when `signal` stopped the search before the bracket reached the tolerance. */
  cancelled: boolean;
  /**
   * True when both bracket probes are clearly on their side of the level (their
   * intervals exclude it), so the bracket is not an artefact of sampling noise;
   * false, or null when not found, otherwise. Bisection cannot test the
   * monotonicity it assumes (it never probes outside its bracket): a sweep can.
   */
  resolved: boolean | null;
}

/**
 * Smallest intensity at which the agreement collapses with probability at
 * least `level` (0.5 by default): bisection on a response assumed to rise with
 * intensity. Each probe asks `estimate(intensity)` for collapses among runs; the
 * estimate should use the same seeds at every intensity (common random numbers),
 * so that differences between probes are due to intensity, not to sampling.
 *
 * Bisection keeps the invariant p^(below) < level <= p^(above); near the true
 * break point p^ is noisy, so the bracket can land a little off it. The
 * `interval` says how far: it uses only probes whose confidence intervals
 * exclude the level. Each of its ends holds with the per-probe confidence, both
 * together with at least 1 - 2 (1 - confidence).
 *
 * @param estimate probe of the model; may be async (a batch on a worker pool)
 * @throws AnalysisInputError for a bad range, tolerance, level or probe count, or a probe returning impossible counts
 * @example await findBreakPoint((x) => countCollapses(x), { low: 0, high: 1, tolerance: 0.01 })
 */
export async function findBreakPoint(estimate: (intensity: number) => CollapseCount | Promise<CollapseCount>, options: BreakPointOptions): Promise<BreakPointResult> {
  const fn = 'findBreakPoint';
  if (typeof options !== 'object' || options === null) throw new AnalysisInputError(fn, 'options', 'must be { low, high, tolerance, ... }', options);
  const { low, high, tolerance } = options;
  const level = options.level ?? 0.5;
  const confidence = options.confidence ?? 0.95;
  const maxProbes = options.maxProbes ?? 64;
  const method = options.interval ?? 'wilson';
  if (typeof estimate !== 'function') throw new AnalysisInputError(fn, 'estimate', 'must be a function intensity -> { successes, trials }', estimate);
  requireFinite(fn, 'low', low);
  if (!Number.isFinite(high) || !(high > low)) throw new AnalysisInputError(fn, 'high', `must be a finite number greater than low = ${low}`, high);
  requireNumberIn(fn, 'tolerance', tolerance, 0, high - low, { low: true });
  requireNumberIn(fn, 'level', level, 0, 1, { low: true, high: true });
  requireNumberIn(fn, 'confidence', confidence, 0, 1, { low: true, high: true });
  requireInteger(fn, 'maxProbes', maxProbes, 2, 10_000);
  if (method !== 'wilson' && method !== 'clopper-pearson') throw new AnalysisInputError(fn, 'interval', "must be 'wilson' or 'clopper-pearson'", method);

  const probes: BreakPointProbe[] = [];
  const probe = async (intensity: number): Promise<BreakPointProbe> => {
    const c = await estimate(intensity);
    const where = `estimate(${intensity})`;
    requireInteger(fn, `${where}.trials`, c?.trials, 1);
    requireInteger(fn, `${where}.successes`, c?.successes, 0, c.trials);
    const ci = method === 'wilson' ? wilsonInterval(c.successes, c.trials, confidence) : clopperPearsonInterval(c.successes, c.trials, confidence);
    const p: BreakPointProbe = { intensity, successes: c.successes, trials: c.trials, probability: c.successes / c.trials, ci };
    probes.push(p);
    options.onProbe?.(p);
    return p;
  };

  let below = await probe(low);
  let above = await probe(high);
  let cancelled = false;
  const finish = (status: BreakPointResult['status']): BreakPointResult => {
    const found = status === 'found';
    return {
      status,
      level,
      breakPoint: found ? interpolate(below, above, level) : null,
      bracket: found ? { below, above } : null,
      interval: breakPointInterval(probes, level),
      probes,
      cancelled,
      resolved: found ? below.ci[1] < level && above.ci[0] >= level : null,
    };
  };
  if (below.probability >= level) return finish('breaks-at-low');
  if (above.probability < level) return finish('holds-at-high');
  while (above.intensity - below.intensity > tolerance && probes.length < maxProbes) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    const mid = below.intensity + (above.intensity - below.intensity) / 2;
    const p = await probe(mid);
    if (p.probability >= level) above = p;
    else below = p;
  }
  return finish('found');
}

function interpolate(below: BreakPointProbe, above: BreakPointProbe, level: number): number {
  const t = (level - below.probability) / (above.probability - below.probability);
  return below.intensity + Math.min(1, Math.max(0, t)) * (above.intensity - below.intensity);
}

function breakPointInterval(probes: BreakPointProbe[], level: number): [number | null, number | null] {
  let lo: number | null = null;
  let hi: number | null = null;
  for (const p of probes) {
    if (p.ci[1] < level && (lo === null || p.intensity > lo)) lo = p.intensity;
    if (p.ci[0] >= level && (hi === null || p.intensity < hi)) hi = p.intensity;
  }
  return [lo, hi];
}
