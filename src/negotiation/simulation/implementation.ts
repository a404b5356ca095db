import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import type { Experiment } from '../../experiments/experiment.ts';
import { runExperiment } from '../../experiments/run.ts';
import type { OutcomeSummary } from '../../experiments/summary.ts';
import { TARGET_TYPES, type Scenario, type TargetTypeName } from '../../scenario/schema.ts';
import { validateScenario } from '../../scenario/validate.ts';
import { NegotiationInputError } from '../errors.ts';
import type { SimulateOptions } from './simulate-family.ts';

/** The outcomes reported for an implemented design. */
export const IMPLEMENTATION_OUTCOMES: readonly SummaryMetric[] = ['finalCompliance', 'finalLeverage', 'meanNeedMet', 'collapsed', 'fullRelief', 'reimpositions', 'targetUtility'];

/** What a signed design delivers: each outcome's mean over the runs with its 95% interval. */
export interface Implementation {
  /** The type mix the runs drew from: the coalition's belief at signing. */
  belief: Record<string, number>;
  runs: number;
  outcomes: Record<string, { mean: number; se: number; ci95: [number, number]; label: string }>;
}

/**
 * Simulates the implementation of a signed design: the design's scenario with the
 * target's type drawn from `belief`, the type mix among those who signed (so the
 * coalition starts implementation believing what signing told it, and the target is one
 * of the signers), `runs` runs on the seeds "<masterSeed>/<i>".
 * @param belief type -> probability, summing to 1 (types left out get 0)
 * @throws NegotiationInputError for a belief that is not a distribution over the target types.
 * @example simulateImplementation(scenario, { sincere: 0.4, opportunist: 0.6 }, 500, 1)
 */
export async function simulateImplementation(scenario: Scenario, belief: Record<string, number>, runs: number, masterSeed: number, options: SimulateOptions = {}): Promise<Implementation> {
  let total = 0;
  for (const [t, p] of Object.entries(belief)) {
    if (!(TARGET_TYPES as readonly string[]).includes(t)) throw new NegotiationInputError(`belief.${t}`, `is not a target type (${TARGET_TYPES.join(', ')})`);
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new NegotiationInputError(`belief.${t}`, `${String(p)} is not in [0, 1]`);
    total += p;
  }
  if (Math.abs(total - 1) > 1e-9) throw new NegotiationInputError('belief', `sums to ${total}; it must sum to 1`);
  const typePrior = Object.fromEntries(TARGET_TYPES.map((t) => [t, (belief[t] ?? 0) / total])) as Record<TargetTypeName, number>;
  const v = validateScenario({ ...scenario, target: { ...scenario.target, typePrior } });
  if (!v.ok) throw new NegotiationInputError('belief', v.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const e: Experiment = {
    name: 'negotiation: implementation of a signed design',
    description: '',
    base: v.scenario,
    design: { parameters: [], values: [[]] },
    runsPerPoint: runs,
    masterSeed,
    outcomes: [...IMPLEMENTATION_OUTCOMES],
  };
  const r = await runExperiment(e, {
    ...(options.pool ? { pool: options.pool } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: (p) => options.onProgress!({ runsDone: p.runsDone, runsRequested: p.runsRequested }) } : {}),
  });
  if (r.points.length === 0) throw new DOMException('cancelled', 'AbortError');
  const o = r.points[0].outcomes;
  const pick = (m: SummaryMetric, x: OutcomeSummary) => ({ mean: x.mean, se: x.se, ci95: x.ci95, label: SUMMARY_METRICS[m].label });
  return { belief: typePrior, runs, outcomes: Object.fromEntries(IMPLEMENTATION_OUTCOMES.map((m) => [m, pick(m, o[m])])) };
}
