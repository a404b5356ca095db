import { wilsonInterval as wilson } from '../stats/wilson.ts';
import { requireInteger, requireNumberIn } from './errors.ts';

/**
 * Intervals and tail probabilities for a binomial proportion: the collapse
 * probability a break-point search estimates from `successes` of `trials`
 * runs, and PRIM's quasi-p-values.
 */

/** Two-sided standard normal quantile z with P(|Z| <= z) = confidence (Acklam's approximation, relative error < 1.2e-9). */
export function normalQuantileTwoSided(confidence: number): number {
  requireNumberIn('normalQuantileTwoSided', 'confidence', confidence, 0, 1, { low: true, high: true });
  return normalQuantile(0.5 + confidence / 2);
}

/** Standard normal quantile Phi^-1(p) for p in (0, 1), by P. J. Acklam's rational approximation. */
export function normalQuantile(p: number): number {
  requireNumberIn('normalQuantile', 'p', p, 0, 1, { low: true, high: true });
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Wilson (1927) score interval for a proportion: centred on (k + z^2/2) / (n + z^2),
 * inside [0, 1], with near-nominal coverage even near 0 and 1.
 *
 * @throws AnalysisInputError unless 0 <= successes <= trials are integers, trials >= 1
 * @example wilsonInterval(5, 10) // [0.2366, 0.7634]
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  checkCounts('wilsonInterval', successes, trials);
  // The project's one Wilson interval (src/stats), at this confidence's two-sided z.
  return wilson(successes, trials, normalQuantileTwoSided(confidence));
}

/**
 * Clopper-Pearson (1934) "exact" interval: the proportions whose binomial tail
 * beyond the observed count is at least (1 - confidence) / 2 on each side, from
 * the beta quantiles B(a/2; k, n - k + 1) and B(1 - a/2; k + 1, n - k). It is
 * conservative: coverage never below the nominal level, wider than Wilson's.
 *
 * @throws AnalysisInputError unless 0 <= successes <= trials are integers, trials >= 1
 * @example clopperPearsonInterval(0, 10) // [0, 0.3085]
 */
export function clopperPearsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  checkCounts('clopperPearsonInterval', successes, trials);
  requireNumberIn('clopperPearsonInterval', 'confidence', confidence, 0, 1, { low: true, high: true });
  const k = successes;
  const n = trials;
  const tail = (1 - confidence) / 2;
  const lower = k === 0 ? 0 : betaQuantile(tail, k, n - k + 1);
  const upper = k === n ? 1 : betaQuantile(1 - tail, k + 1, n - k);
  return [lower, upper];
}

/**
 * P(X >= k) for X ~ Binomial(n, p), as the regularized incomplete beta I_p(k, n - k + 1).
 *
 * @example binomialUpperTail(15, 40, 0.25) // 0.0544
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  requireInteger('binomialUpperTail', 'n', n, 0);
  requireInteger('binomialUpperTail', 'k', k, Number.MIN_SAFE_INTEGER);
  requireNumberIn('binomialUpperTail', 'p', p, 0, 1);
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(p, k, n - k + 1);
}

/**
 * The regularized incomplete beta function I_x(a, b) for a, b > 0, x in [0, 1],
 * from its continued fraction evaluated by the modified Lentz method (on the
 * side of x where it converges fast, using I_x(a, b) = 1 - I_(1-x)(b, a)).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  requireNumberIn('regularizedIncompleteBeta', 'x', x, 0, 1);
  requireNumberIn('regularizedIncompleteBeta', 'a', a, 0, Number.POSITIVE_INFINITY, { low: true, high: true });
  requireNumberIn('regularizedIncompleteBeta', 'b', b, 0, Number.POSITIVE_INFINITY, { low: true, high: true });
  return incompleteBeta(x, a, b);
}

function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x > (a + 1) / (a + b + 2)) return 1 - Math.exp(logFront) * betaContinuedFraction(1 - x, b, a) / b;
  return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
}

/** The x with I_x(a, b) = p, by bisection (I is increasing in x); 60 halvings reach double precision. */
export function betaQuantile(p: number, a: number, b: number): number {
  requireNumberIn('betaQuantile', 'p', p, 0, 1);
  requireNumberIn('betaQuantile', 'a', a, 0, Number.POSITIVE_INFINITY, { low: true, high: true });
  requireNumberIn('betaQuantile', 'b', b, 0, Number.POSITIVE_INFINITY, { low: true, high: true });
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    // Even step: d_(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
export function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = g[0];
  for (let i = 1; i < 9; i++) s += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

function checkCounts(fn: string, successes: number, trials: number): void {
  requireInteger(fn, 'trials', trials, 1);
  requireInteger(fn, 'successes', successes, 0, trials);
}
