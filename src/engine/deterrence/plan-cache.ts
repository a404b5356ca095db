import type { CompiledScenario } from '../compile.ts';
import type { PlanSource } from '../core.ts';
import { TargetPlan } from './plan.ts';

/**
 * The target's plans (src/engine/deterrence/plan.ts) kept across the batches a worker
 * prepares, keyed by what a plan is solved from: the compiled design fields the plan
 * reads and the type's parameters. A plan is a pure function of those, so a batch
 * whose scenario differs only elsewhere (aid, members, shocks, the type prior, the
 * target's decision mode, a new master seed) reuses the solved plan instead of
 * solving it again (100 to 300 ms per type on the baseline, bench/plan-solve.ts).
 * Within one batch the runner already solves each plan once.
 *
 * PLAN_INPUTS is checked by test/montecarlo/plan-cache.test.ts, which records every
 * field a plan reads while it is built and solved on each shipped scenario: a plan
 * that starts reading another field fails that test until the field is added here.
 */
export const PLAN_INPUTS = [
  'atRisk',
  'benchCostShare',
  'benchDeadline',
  'benchGainShare',
  'benchInitial',
  'benchOneOff',
  'benchRate',
  'benchRequired',
  'benchStart',
  'benchVerifiability',
  'benchWeight',
  'consequences',
  'discountFactor',
  'horizon',
  'investmentAssurancePerPeriod',
  'nBenchmarks',
  'nTranches',
  'politics',
  'publicDetections',
  'reputationalCostPerDetection',
  'targetEscrow',
  'technicalAssistancePerPeriod',
  'trancheBench',
  'trancheClearanceHazard',
  'trancheDelay',
  'trancheDelivery',
  'trancheLapseWait',
  'trancheEarliest',
  'trancheLicence',
  'tranchePain',
  'tranchePermanentAfter',
  'trancheReliability',
  'trancheSpoiledByTied',
  'trancheRequired',
  'trancheSustainFromEarliest',
  'trancheSustained',
  'verification',
] as const satisfies readonly (keyof CompiledScenario)[];

/** Exact text of a value: numbers in round-trip form (and -0 apart from 0), typed arrays as lists, objects by sorted key. */
function exact(x: unknown): string {
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'undefined';
  if (ArrayBuffer.isView(x)) return `[${Array.prototype.map.call(x, exact).join(',')}]`;
  if (Array.isArray(x)) return `[${x.map(exact).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${exact(o[k])}`)
    .join(',')}}`;
}

/** The key of the plan of type `typeIndex` under compiled scenario c: equal keys, equal plans. */
export function planKey(c: CompiledScenario, typeIndex: number): string {
  const design = PLAN_INPUTS.map((f) => exact(c[f])).join('|');
  return `${exact(c.types[typeIndex])}|${design}`;
}

/**
 * Solved plans by key, the most recently used kept. A plan of the baseline holds about
 * 5 MB of value tables once every layer is solved, so the default keeps one design's
 * three types: a worker holds no more plans than its current runner did before the
 * cache (its heap limit, worker-memory.ts, is sized without them).
 */
export class PlanCache {
  private readonly plans = new Map<string, TargetPlan>();

  constructor(private readonly capacity = 3) {}

  /** The plan of type `typeIndex` under c, solved (lazily, layer by layer) on first use of its key. */
  readonly get: PlanSource = (c, typeIndex) => {
    const key = planKey(c, typeIndex);
    let plan = this.plans.get(key);
    if (plan) this.plans.delete(key);
    else plan = new TargetPlan(c, c.types[typeIndex]);
    this.plans.set(key, plan);
    while (this.plans.size > this.capacity) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  };

  get size(): number {
    return this.plans.size;
  }
}
