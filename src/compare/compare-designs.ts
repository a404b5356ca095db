import { SUMMARY_METRIC_NAMES, SUMMARY_METRICS, type MetricInfo, type SummaryMetric } from '../engine/metrics.ts';
import type { BatchSummary } from '../montecarlo/types.ts';
import { formatDifference, negligibleDifference } from './format.ts';
import { differenceOfMeans, type Difference } from './difference.ts';
import { OUTCOME_PREFERENCES } from './preference.ts';
import type { PairedDifferences } from './paired.ts';

export interface DesignResult {
  name: string;
  summary: BatchSummary;
}

/** What a difference says: better/worse where the metric has a preferred direction, higher/lower otherwise. */
export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'no clear difference' | 'not comparable';

export interface DesignValue {
  design: string;
  mean: number;
  ci95: [number, number];
  /** Runs where the metric is defined. */
  n: number;
}

export interface DesignDifference extends Partial<Difference> {
  design: string;
  verdict: Verdict;
}

export interface ComparisonRow {
  metric: SummaryMetric;
  label: string;
  unit: MetricInfo['unit'];
  better: 'higher' | 'lower' | null;
  why: string;
  /** Mean over the runs where the metric is defined (fewer than all runs for e.g. time to full relief). */
  conditional: boolean;
  values: DesignValue[];
  /** One per design after the first: that design minus the reference. */
  differences: DesignDifference[];
}

export interface Comparison {
  reference: string;
  designs: string[];
  /** Same master seed, run count and run range: run i of every design drew the same random numbers. */
  commonRandomNumbers: boolean;
  /** The differences are paired by run index (from pairedDesignDifferences) rather than between independent batches. */
  paired: boolean;
  rows: ComparisonRow[];
  /** One sentence per compared design: what it is better and worse on than the reference. */
  findings: string[];
}

function verdictOf(d: Difference | null, better: 'higher' | 'lower' | null, unit: MetricInfo['unit'], referenceMean: number): Verdict {
  if (!d) return 'not comparable';
  const [lo, hi] = d.ci95;
  if ((lo <= 0 && hi >= 0) || negligibleDifference(d.estimate, unit, referenceMean)) return 'no clear difference';
  const up = lo > 0;
  if (better === null) return up ? 'higher' : 'lower';
  return up === (better === 'higher') ? 'better' : 'worse';
}

/**
 * Compares 2 to 4 designs on every run-summary metric, each against the first
 * (the reference): means with CIs, differences with CIs, and which design is better
 * on what. A difference counts only when its 95% interval excludes zero; with 14
 * metrics, expect about one spurious "clear" difference in 20 comparisons of equal
 * designs (no multiplicity correction).
 *
 * Designs compared on the same seeds should pass `paired` (pairedDesignDifferences
 * of the same runs and master seed): each difference is then the mean of the per-run
 * differences with its interval, which under common random numbers is much
 * narrower than the independent one; without it the intervals treat the batches as
 * independent (differenceOfMeans: conservative).
 *
 * @throws Error for fewer than 2 or more than 4 designs, repeated names, or paired
 *   differences of other runs than the summaries'.
 * @example compareDesigns([{ name: 'step-for-step', summary: a }, { name: 'back-loaded', summary: b }], { paired })
 */
export function compareDesigns(designs: readonly DesignResult[], options: { paired?: PairedDifferences } = {}): Comparison {
  if (designs.length < 2 || designs.length > 4) throw new Error(`compareDesigns requires 2 to 4 designs, got ${designs.length}`);
  const names = designs.map((d) => d.name);
  if (new Set(names).size !== names.length) throw new Error(`compareDesigns requires distinct design names, got ${names.join(', ')}`);
  const [ref, ...others] = designs;
  const s0 = ref.summary;
  const commonRandomNumbers = designs.every(
    (d) => d.summary.masterSeed === s0.masterSeed && d.summary.runs === s0.runs && d.summary.runRange.first === s0.runRange.first,
  );
  const paired = options.paired;
  if (paired) {
    if (!commonRandomNumbers) throw new Error('compareDesigns: paired differences need the designs on common random numbers (same master seed, runs and first run)');
    for (const d of others) {
      const n = paired[d.name]?.finalCompliance?.n;
      if (n === undefined) throw new Error(`compareDesigns: no paired differences for design ${d.name}`);
      if (n !== d.summary.runs) throw new Error(`compareDesigns: the paired differences of ${d.name} cover ${n} runs, its batch ${d.summary.runs}`);
    }
  }
  const rows: ComparisonRow[] = SUMMARY_METRIC_NAMES.map((metric) => {
    const pref = OUTCOME_PREFERENCES[metric];
    const info = SUMMARY_METRICS[metric];
    const values = designs.map((d) => {
      const o = d.summary.outcomes[metric];
      return { design: d.name, mean: o.mean, ci95: o.ci95, n: o.n };
    });
    const differences = others.map((d) => {
      const p = paired?.[d.name][metric];
      const diff: Difference | null = p ? (p.n > 1 ? { estimate: p.estimate, ci95: p.ci95, method: 'paired' } : null) : differenceOfMeans(s0.outcomes[metric], d.summary.outcomes[metric], pref.binary);
      return { design: d.name, verdict: verdictOf(diff, pref.better, info.unit, s0.outcomes[metric].mean), ...(diff ?? {}) };
    });
    return {
      metric,
      label: info.label,
      unit: info.unit,
      better: pref.better,
      why: pref.why,
      conditional: designs.some((d) => d.summary.outcomes[metric].nUndefined > 0),
      values,
      differences,
    };
  });
  return { reference: ref.name, designs: names, commonRandomNumbers, paired: paired !== undefined, rows, findings: others.map((d) => finding(d.name, ref.name, rows)) };
}

function finding(design: string, reference: string, rows: ComparisonRow[]): string {
  const list = (verdict: Verdict) =>
    rows
      .map((r) => ({ r, d: r.differences.find((x) => x.design === design)! }))
      .filter(({ d }) => d.verdict === verdict)
      .map(({ r, d }) => `${r.label.toLowerCase()} (${formatDifference(d.estimate!, r.unit)})`);
  const better = list('better');
  const worse = list('worse');
  const parts: string[] = [];
  if (better.length) parts.push(`better on ${better.join(', ')}`);
  if (worse.length) parts.push(`worse on ${worse.join(', ')}`);
  if (!parts.length) return `${design} is not clearly better or worse than ${reference} on any metric with a preferred direction.`;
  return `${design} versus ${reference}: ${parts.join('; ')}.`;
}
